/** Display helpers: durations, phone numbers (libphonenumber-js, never by hand), dates. */
import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js';
import { DEFAULT_REGION, normaliseDestination } from '../../../electron/shared/destination';

export { DEFAULT_REGION };

export { formatDuration } from '../../../electron/shared/format-duration';

/** "+15550100199" -> "+1 555 010 0199"; anything unparseable is shown as it came. */
export function formatPhone(number: string): string {
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.isPossible() ? parsed.formatInternational() : number;
}

/** Who a session is with: the name, or the formatted number when Evo knows no name. */
export function partyName(session: { displayName: string; number: string }): string {
  return session.displayName && session.displayName !== session.number ? session.displayName : formatPhone(session.number || session.displayName);
}

/** Formats what the agent types or pastes, keeping only what a dial string may hold. */
export function formatDialInput(text: string): string {
  const cleaned = text.replace(/[^\d+*#()\-.\s]/g, '');
  if (/[*#]/.test(cleaned)) return cleaned.replace(/[^\d+*#]/g, '');
  return new AsYouType(DEFAULT_REGION).input(cleaned.replace(/[^\d+]/g, ''));
}

/** The number to send: the dialer's rules, shared with main (electron/shared/destination.ts). */
export const dialString = normaliseDestination;

// Built once: toLocale*String with options builds a new formatter on every call, which made
// history rows (re-rendered every second by the timers) measurably slow.
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function formatWhen(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const time = timeFormat.format(date);
  return sameDay ? `Today ${time}` : `${dayFormat.format(date)} ${time}`;
}
