/**
 * The dialer's rules for a number the agent typed, written once: the window's dialer, its
 * transfer and consult fields, and main (before any request to Evo) read a destination the same
 * way, the way a desk phone does: letters are keypad digits (1-800-FLOWERS), `00` is the
 * international prefix, short codes (911, *72) stay as typed, and an extension or pause (`x12`,
 * `;ext=12`, `,`) is kept to be sent as tones once the call connects. Pure: no I/O.
 */
import type { CountryCode, PhoneNumber } from 'libphonenumber-js';

/**
 * libphonenumber-js's parser, handed in: main passes the library's own, the window the one it
 * loads just after start-up (renderer/src/lib/phone-numbers/library.svelte.ts), so this module never
 * pulls the library into the window's start-up bundle.
 */
export type ParsePhone = (text: string, country?: CountryCode) => PhoneNumber | undefined;

/** Numbers typed without a country code are read as North American (Evo Voice's home market). */
export const DEFAULT_REGION: CountryCode = 'US';

const KEYPAD: Record<string, string> = Object.fromEntries(
  (['2ABC', '3DEF', '4GHI', '5JKL', '6MNO', '7PQRS', '8TUV', '9WXYZ'] as const).flatMap((group) =>
    group
      .slice(1)
      .split('')
      .map((letter) => [letter, group[0]!]),
  ),
);

/** Pasted prefixes that are not part of the number ("tel:", "callto:", "Tel "). */
const JUNK_PREFIX = /^\s*(?:tel|callto|phone|call)\b[\s:.]*(?=[\d+*#(])/i;
/** An extension (`x12`, `ext. 12`, `;ext=12`) or pause (`,`, `;`) up to the end of the text. */
const SUFFIX = /(?:;\s*ext\s*=?|(?<=[\d)\s])(?:ext\.?|x)|[,;])[\s\d*#,;=.]*$/i;

export interface DialInput {
  /** The number part as typed (letters and punctuation included). */
  main: string;
  /** The extension or pauses as typed, "" when none. */
  suffix: string;
}

/** Splits the text into the number to call and what to dial after it connects. */
export function splitDialInput(text: string): DialInput {
  const cleaned = text.replace(JUNK_PREFIX, '').replace(/[^\da-z+*#()\-.\s,;=]/gi, '');
  const match = SUFFIX.exec(cleaned);
  if (!match) return { main: cleaned.trim(), suffix: '' };
  return { main: cleaned.slice(0, match.index).trim(), suffix: match[0].trim() };
}

/** ",12" from "x12" / ";ext=12" / ", 12": a pause, then the digits. */
export function postDialDigits(suffix: string): string {
  return suffix
    .replace(/;\s*ext\s*=?|ext\.?|x/gi, ',')
    .replace(/;/g, ',')
    .replace(/[^\d*#,]/g, '');
}

/** Keypad letters to digits: "1-800-FLOWERS" -> "1-800-3569377". */
export const lettersToDigits = (text: string) => text.replace(/[a-z]/gi, (letter) => KEYPAD[letter.toUpperCase()] ?? '');

/** Service codes (*72, #31#) and short numbers (911, an internal 1234) are dialled as typed. */
export const isServiceCode = (main: string) => /^[*#]/.test(main.trim());
export const isShortNumber = (digits: string) => /^\d{1,6}$/.test(digits);
/** "0044 7700 900123" -> "+447700900123": 00 is the international prefix outside North America. */
export const internationalPrefix = (digits: string) => (/^00[1-9]/.test(digits) ? `+${digits.slice(2)}` : digits);

export type Destination = { ok: true; value: string; postDial: string } | { ok: false; message: string };

/**
 * The number to send (E.164 when it parses, else the digits of a short code) and its post-dial
 * digits; or why it is not a number. `empty` is what to say when nothing was typed.
 */
export function normaliseDestination(text: string, parsePhoneNumberFromString: ParsePhone, empty = 'Enter a number to call.'): Destination {
  const raw = text.trim();
  if (!raw) return { ok: false, message: empty };
  const { main, suffix } = splitDialInput(raw);
  const postDial = postDialDigits(suffix);
  if (isServiceCode(main)) return { ok: true, value: main.replace(/[^\d*#]/g, ''), postDial };
  const digits = internationalPrefix(lettersToDigits(main).replace(/[^\d+]/g, ''));
  // Letters only spell digits of a number that has some: "hello" is not a number.
  if (!/\d/.test(main)) return { ok: false, message: `"${raw}" doesn't look like a phone number.` };
  const parsed = parsePhoneNumberFromString(digits, DEFAULT_REGION);
  if (parsed?.isPossible()) return { ok: true, value: parsed.number, postDial };
  if (/^\d{3,6}$/.test(digits)) return { ok: true, value: digits, postDial };
  return { ok: false, message: `"${raw}" doesn't look like a phone number.` };
}
