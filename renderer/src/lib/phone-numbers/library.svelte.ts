/**
 * libphonenumber-js for the window, in a chunk of its own fetched when the app starts
 * (App.svelte): its code and metadata are about 34 KiB gzip, more than the rest of the window's
 * own JS (npm run bench, the renderer JS rows). The first screen does not wait for it: the dialer
 * takes typing before it arrives, and a typed number is read only once it is there (dial-input.ts,
 * readDestination). Until then a number shows as it came; templates that showed one re-render
 * when the library arrives, because `lib` is state.
 *
 * The same names as the library, so that display.ts only changes its import line. Add here what
 * display.ts starts to use.
 */
import type * as Library from 'libphonenumber-js';
import { onFirstUse } from '../start-up/prefetch';

export type { CountryCode, PhoneNumber } from 'libphonenumber-js';

/** What the window uses of the library. */
type Lib = Pick<typeof Library, 'parsePhoneNumberFromString' | 'AsYouType'>;

let lib = $state.raw<Lib | null>(null);

/** Fetches the library, once: when the app starts, or by whoever reads a number first. */
export const loadPhoneNumbers: () => Promise<void> = onFirstUse(() =>
  import('libphonenumber-js').then(({ parsePhoneNumberFromString, AsYouType }) => {
    lib = { parsePhoneNumberFromString, AsYouType };
  }),
);

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
