/** How a call reads in the history: its kind, day heading, time, duration and log. */
import type { SessionView } from '../softphone/api';
import { formatDuration } from '@shared/format-duration';
import { formatPhone } from '../phone-numbers/display';

export type CallKind = 'missed' | 'incoming' | 'outgoing';

export const callKind = (item: Pick<SessionView, 'wasMissed' | 'direction'>): CallKind =>
  item.wasMissed ? 'missed' : item.direction === 'Incoming' ? 'incoming' : 'outgoing';

/**
 * Date formatters built once (toLocale*String with options builds one per call, and the rows
 * re-render every second with the timers), on first use rather than when the module loads.
 */
const once = (options: Intl.DateTimeFormatOptions) => {
  let format: Intl.DateTimeFormat | null = null;
  return (ms: number) => (format ??= new Intl.DateTimeFormat(undefined, options)).format(ms);
};
const timeOf = once({ hour: '2-digit', minute: '2-digit' });
const dayOf = once({ weekday: 'long', month: 'long', day: 'numeric' });
const dateTimeOf = once({ dateStyle: 'medium', timeStyle: 'short' });

export const startOfDay = (ms: number) => new Date(ms).setHours(0, 0, 0, 0);

/** "Today", "Yesterday", or "Monday, November 24" in the agent's own locale. */
export function dayLabel(iso: string, now: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 'Unknown date';
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return dayOf(ms);
}

export const formatTime = (iso: string) => (Number.isNaN(Date.parse(iso)) ? '' : timeOf(Date.parse(iso)));
export const formatDateTime = (iso: string) => (Number.isNaN(Date.parse(iso)) ? '' : dateTimeOf(Date.parse(iso)));

export interface HistoryRow {
  item: SessionView;
  /** The day heading shown above this row: set on the first call of each day. */
  day: string | null;
}

export function withDayHeadings(items: readonly SessionView[], now: number): HistoryRow[] {
  let previous = '';
  return items.map((item) => {
    const day = dayLabel(item.dateCreated, now);
    const first = day !== previous;
    previous = day;
    return { item, day: first ? day : null };
  });
}

/** How long the conversation lasted, from the answer; nothing for a call never answered or still going on. */
export function callDuration(item: Pick<SessionView, 'wasMissed' | 'ended' | 'answeredAt' | 'dateCompleted'>): string {
  if (item.wasMissed || !item.ended || !item.dateCompleted || !item.answeredAt) return '';
  const ms = Date.parse(item.dateCompleted) - Date.parse(item.answeredAt);
  return Number.isNaN(ms) ? '' : formatDuration(Math.max(0, ms));
}

/** A call not over yet: "Ringing", "On hold" or "In progress". */
export function liveState(item: Pick<SessionView, 'ended' | 'held' | 'callState'>): string | null {
  if (item.ended || item.callState === 'Disconnected') return null;
  if (item.callState === 'Ringing') return 'Ringing';
  return item.held ? 'On hold' : 'In progress';
}

/** Phone numbers inside a log line read like everywhere else: "+15550100777" -> "+1 555 010 0777". */
export function formatLogMessage(message: string): string {
  return message.replace(/\+?\d[\d\s().-]{5,}\d/g, (match) => {
    const formatted = formatPhone(match.replace(/[^\d+]/g, ''));
    return /^\+/.test(formatted) && formatted !== match.replace(/[^\d+]/g, '') ? formatted : match;
  });
}

export type CallMark = 'note' | 'consult' | 'transfer';

/** What a history row says of each mark: visible, and part of the row's accessible name. */
export const MARK_WORDS: Record<CallMark, string> = { note: 'note', consult: 'consulted', transfer: 'transferred' };

/**
 * A call's marks: the agent's note, a consult (the caller held for transfer) and a transfer.
 * Evo keeps no flag for the last two; they are inferred from the session's hold reason and log
 * (a hold "for transfer", "Transferred to …"), here only, so that a better source can replace it.
 */
export function callMarks(item: Pick<SessionView, 'note' | 'holdReason' | 'log'>): CallMark[] {
  const said = (pattern: RegExp) => item.log.some((line) => pattern.test(line.message));
  const marks: CallMark[] = [];
  if (item.note) marks.push('note');
  if (item.holdReason === 'Transferring' || said(/\bfor transfer\b/i)) marks.push('consult');
  if (said(/\btransferred\b/i)) marks.push('transfer');
  return marks;
}
