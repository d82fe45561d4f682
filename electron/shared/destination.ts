/**
 * The dialer's rules for a number the agent typed, written once: the window's dialer and transfer
 * fields and main (before any request to Evo) read a destination the same way. E.164 when it
 * parses; star codes as typed; 3 to 6 digits as an extension or short code; anything else is not
 * a number. Pure: no I/O.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Numbers typed without a country code are read as North American (Evo Voice's home market). */
export const DEFAULT_REGION: CountryCode = 'US';

export type Destination = { ok: true; value: string } | { ok: false; message: string };

export function normaliseDestination(text: string): Destination {
  const raw = text.trim();
  if (!raw) return { ok: false, message: 'Enter a number to call.' };
  if (/[*#]/.test(raw)) return { ok: true, value: raw.replace(/[^\d+*#]/g, '') };
  const parsed = parsePhoneNumberFromString(raw, DEFAULT_REGION);
  if (parsed?.isPossible()) return { ok: true, value: parsed.number };
  const digits = raw.replace(/[^\d]/g, '');
  if (digits.length >= 3 && digits.length <= 6) return { ok: true, value: digits };
  return { ok: false, message: `"${raw}" doesn't look like a phone number.` };
}
