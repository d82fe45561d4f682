/** Display helpers: durations, phone numbers (libphonenumber-js, never by hand), dates. */
import { AsYouType, parsePhoneNumberFromString, type CountryCode } from './phone-numbers.svelte';

/** Numbers typed without a country code are read as North American (Evo Voice's home market). */
export const DEFAULT_REGION: CountryCode = 'US';

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

/** The number to send: E.164 when it parses, else the digits (short codes, extensions). */
export function dialString(text: string): { ok: true; value: string } | { ok: false; message: string } {
  const raw = text.trim();
  if (!raw) return { ok: false, message: 'Enter a number to call.' };
  if (/[*#]/.test(raw)) return { ok: true, value: raw.replace(/[^\d+*#]/g, '') };
  const parsed = parsePhoneNumberFromString(raw, DEFAULT_REGION);
  if (parsed?.isPossible()) return { ok: true, value: parsed.number };
  const digits = raw.replace(/[^\d]/g, '');
  if (digits.length >= 3 && digits.length <= 6) return { ok: true, value: digits };
  return { ok: false, message: `"${raw}" doesn't look like a phone number.` };
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
