/**
 * libphonenumber-js for the window, fetched right after start-up instead of with it: its code and
 * metadata are about 34 KiB gzip, more than the rest of the window's own JS (npm run bench, the
 * renderer JS rows). The request starts when this module loads, beside the sign-in round trips,
 * and the dialer stays disabled until `phoneNumbers.ready` (App.svelte), so no number is ever
 * read without it. Until then a number shows as it came; templates that showed one re-render
 * when the library arrives, because `lib` is state.
 *
 * The same names as the library, so that format.ts only changes its import line. Add here what
 * format.ts starts to use.
 */
import type * as Library from 'libphonenumber-js';

export type { CountryCode, PhoneNumber } from 'libphonenumber-js';

/** What the window uses of the library. */
type Lib = Pick<typeof Library, 'parsePhoneNumberFromString' | 'AsYouType'>;

let lib = $state.raw<Lib | null>(null);

/** Resolves when the library is there (tests wait for it before reading numbers). */
export const phoneNumbersLoaded: Promise<void> = import('libphonenumber-js').then(({ parsePhoneNumberFromString, AsYouType }) => {
  lib = { parsePhoneNumberFromString, AsYouType };
});

export const phoneNumbers = {
  get ready(): boolean {
    return lib !== null;
  },
};

export function parsePhoneNumberFromString(text: string, country?: Library.CountryCode): Library.PhoneNumber | undefined {
  return lib?.parsePhoneNumberFromString(text, country);
}

/** Formats as the agent types; before the library arrives, the text stays as typed. */
export class AsYouType {
  private readonly formatter: Library.AsYouType | null;

  constructor(country?: Library.CountryCode) {
    this.formatter = lib ? new lib.AsYouType(country) : null;
  }

  input(text: string): string {
    return this.formatter ? this.formatter.input(text) : text;
  }
}
