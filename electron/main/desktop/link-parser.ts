/**
 * tel: and callto: links from the OS. Only those schemes, bounded length, normalised with
 * libphonenumber-js. A link only fills the dialer; the agent still presses Call.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export const MAX_LINK_LENGTH = 256;

export type ParsedLink = { ok: true; number: string; extension: string | null } | { ok: false; reason: string };

/** Any Unicode decimal digit (Arabic-Indic, full-width, Devanagari, ...) to its ASCII digit. */
export function asciiDigits(text: string): string {
  let out = '';
  for (const char of text) {
    if (/\p{Nd}/u.test(char) && !/[0-9]/.test(char)) {
      const code = char.codePointAt(0)!;
      let start = code;
      while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
      out += String((code - start) % 10);
    } else {
      out += char;
    }
  }
  return out;
}

export function parseCallLink(raw: unknown, region: CountryCode = 'US'): ParsedLink {
  if (typeof raw !== 'string') return { ok: false, reason: 'not a link' };
  if (raw.length > MAX_LINK_LENGTH) return { ok: false, reason: 'link too long' };
  const match = /^(tel|callto):(?:\/\/)?(.*)$/is.exec(raw.trim());
  if (!match) return { ok: false, reason: 'only tel: and callto: links are accepted' };
  let body: string;
  try {
    body = decodeURIComponent(match[2]!);
  } catch {
    return { ok: false, reason: 'malformed link' };
  }
  body = asciiDigits(body.normalize('NFKC'));
  const [numberPart = '', ...params] = body.split(/[;?]/);
  const extParam = params.map((p) => /^ext=(\d{1,10})$/i.exec(p.trim())?.[1]).find(Boolean) ?? null;
  if (/[a-z]/i.test(numberPart.replace(/^\+/, ''))) return { ok: false, reason: 'not a phone number' };
  const cleaned = numberPart.replace(/[\s().\-\u00a0]/g, '');
  if (!/^\+?[\d*#]{3,20}$/.test(cleaned)) return { ok: false, reason: 'not a phone number' };
  if (/[*#]/.test(cleaned)) return { ok: true, number: cleaned, extension: extParam };
  const parsed = parsePhoneNumberFromString(cleaned, region);
  if (parsed?.isPossible()) return { ok: true, number: parsed.number, extension: extParam ?? parsed.ext ?? null };
  if (cleaned.length <= 6 && !cleaned.startsWith('+')) return { ok: true, number: cleaned, extension: extParam };
  return { ok: false, reason: 'not a phone number' };
}

/** The first tel:/callto: argument on a command line (Windows and Linux pass links as argv). */
export function linkFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => /^(tel|callto):/i.test(arg)) ?? null;
}
