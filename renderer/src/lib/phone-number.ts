/** Phone numbers for display, through libphonenumber-js (never by hand). */
// Through the window's lazily loaded copy of libphonenumber-js: until it arrives a number shows as it came.
import { parsePhoneNumberFromString } from './phone-numbers.svelte';

export { DEFAULT_REGION } from '../../../electron/shared/destination';

/** "+15550100199" -> "+1 555 010 0199"; anything unparseable is shown as it came. */
export function formatPhone(number: string): string {
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.isPossible() ? parsed.formatInternational() : number;
}
