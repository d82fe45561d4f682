/** Phone numbers for display, through libphonenumber-js (never by hand). */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Numbers typed without a country code are read as North American (Evo Voice's home market). */
export const DEFAULT_REGION: CountryCode = 'US';

/** "+15550100199" -> "+1 555 010 0199"; anything unparseable is shown as it came. */
export function formatPhone(number: string): string {
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.isPossible() ? parsed.formatInternational() : number;
}
