/**
 * What an agent types into the dialer, read the way a desk phone reads it: letters are keypad
 * digits (1-800-FLOWERS), `00` is the international prefix, short codes (911, *72) stay as typed,
 * and an extension or pause (`x12`, `;ext=12`, `,`) is kept to be sent as tones once the call
 * connects.
 */
import { AsYouType, parsePhoneNumberFromString } from 'libphonenumber-js';
import { PAUSE_SECONDS } from './calls/call-engine';
import { DEFAULT_REGION, formatPhone } from './phone-number';

const KEYPAD: Record<string, string> = Object.fromEntries(
  (['2ABC', '3DEF', '4GHI', '5JKL', '6MNO', '7PQRS', '8TUV', '9WXYZ'] as const).flatMap((group) =>
    group.slice(1).split('').map((letter) => [letter, group[0]!]),
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
const isServiceCode = (main: string) => /^[*#]/.test(main.trim());
const isShortNumber = (digits: string) => /^\d{1,6}$/.test(digits);
/** "0044 7700 900123" -> "+447700900123": 00 is the international prefix outside North America. */
const internationalPrefix = (digits: string) => (/^00[1-9]/.test(digits) ? `+${digits.slice(2)}` : digits);

/** Formats the field as the agent types, keeping letters, extensions and pauses as they are. */
export function formatDialInput(text: string): string {
  const { main, suffix } = splitDialInput(text);
  const tail = suffix ? ` ${suffix}` : '';
  // A vanity number reads as typed; the preview under the field says which digits it dials.
  if (/[a-z]/i.test(main)) return `${main.replace(/\s+/g, ' ')}${tail}`.trimStart();
  if (isServiceCode(main)) return `${main.replace(/[^\d*#]/g, '')}${tail}`;
  const digits = internationalPrefix(main.replace(/[^\d+]/g, ''));
  if (isShortNumber(digits)) return `${digits}${tail}`;
  return `${new AsYouType(DEFAULT_REGION).input(digits)}${tail}`;
}

export type DialPlan =
  | { ok: true; value: string; postDial: string }
  | { ok: false; message: string };

/** The number to send (E.164 when it parses, else the digits of a short code) and its post-dial digits. */
export function dialString(text: string): DialPlan {
  const raw = text.trim();
  if (!raw) return { ok: false, message: 'Enter a number to call.' };
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

/** "Calls +1 800 356 9377, then 12 after a 2-second pause" when the field is not the whole story. */
export function dialPreview(text: string): string | null {
  const plan = dialString(text);
  if (!plan.ok) return null;
  const { main } = splitDialInput(text);
  const shown = /^\+?\d/.test(plan.value) && plan.value.length > 6 ? formatPhone(plan.value) : plan.value;
  const rewritten = /[a-z]/i.test(main) || /^\s*00/.test(main);
  if (!rewritten && !plan.postDial) return null;
  if (!plan.postDial) return `Calls ${shown}`;
  const pauses = plan.postDial.match(/,/g)?.length ?? 0;
  const tones = plan.postDial.replace(/,/g, '');
  const wait = pauses > 0 ? ` after a ${pauses * PAUSE_SECONDS}-second pause` : '';
  return `Calls ${shown}, then dials ${tones || 'nothing'}${wait} once connected`;
}
