/** Display helpers: durations, phone numbers, dates. */
import { formatPhone } from './phone-number';

export { DEFAULT_REGION, formatPhone } from './phone-number';
export { dialString, formatDialInput } from './dial-input';
export { formatDuration } from '../../../electron/shared/format-duration';

/** Who a session is with: the name, or the formatted number when Evo knows no name. */
export function partyName(session: { displayName: string; number: string }): string {
  return session.displayName && session.displayName !== session.number ? session.displayName : formatPhone(session.number || session.displayName);
}

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
