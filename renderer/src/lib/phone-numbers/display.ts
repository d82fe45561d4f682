/** Phone numbers for display, through libphonenumber-js (never by hand), and who a call is with. */
// Through the window's lazily loaded copy of libphonenumber-js: until it arrives a number shows as it came.
import { parsePhoneNumberFromString, phoneNumbers } from './library.svelte';

export { DEFAULT_REGION } from '@shared/destination';

/**
 * The same few numbers show everywhere (recent numbers, history rows, calls on hold) and again at
 * every re-render, and parsing one is not cheap: a +1 number is tried against each of the ~25
 * regions that share the code. Only results from the loaded library are kept (before it, a
 * number shows as it came and the template re-renders when it arrives); bounded, as the numbers
 * an agent sees keep changing.
 */
const formatted = new Map<string, string>();
const KEEP = 500;

/** "+15550100199" -> "+1 555 010 0199"; anything unparseable is shown as it came. */
export function formatPhone(number: string): string {
  const known = formatted.get(number);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(number);
  const shown = parsed?.isPossible() ? parsed.formatInternational() : number;
  if (phoneNumbers.ready) {
    if (formatted.size >= KEEP) formatted.clear();
    formatted.set(number, shown);
  }
  return shown;
}

/** Who a session is with: the name, or the formatted number when Evo knows no name. */
export function partyName(session: { displayName: string; number: string }): string {
  return session.displayName && session.displayName !== session.number
    ? session.displayName
    : formatPhone(session.number || session.displayName);
}

/** The formatted number to show beside the party's name, or null when the name already is it. */
export function numberBesideName(session: { displayName: string; number: string }): string | null {
  const number = formatPhone(session.number);
  return partyName(session) === number ? null : number;
}
