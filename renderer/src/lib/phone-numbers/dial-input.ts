/**
 * The dialer field: formatting as the agent types, and the line under it that says what will
 * really be dialled. How a typed number is read lives in electron/shared/destination.ts (main
 * reads transfer and consult numbers with the same rules).
 */
import { AsYouType, loadPhoneNumbers, parsePhoneNumberFromString } from './library.svelte';
import {
  DEFAULT_REGION,
  internationalPrefix,
  isServiceCode,
  isShortNumber,
  normaliseDestination,
  splitDialInput,
  type Destination,
} from '@shared/destination';
import { PAUSE_SECONDS } from '../calls/call-engine';
import { formatPhone } from './display';

/** The number to send and its post-dial digits: the shared rules main applies too. */
export const dialString = (text: string, empty?: string) => normaliseDestination(text, parsePhoneNumberFromString, empty);

/**
 * What is typed, read once libphonenumber-js is there: the dialer takes typing from its first
 * frame, before the library has arrived, and without it a 10-digit number would not parse. This
 * waits for it (milliseconds, fetched at start-up) rather than guess, then reads the field as it
 * is then: an edit made meanwhile is what gets called.
 */
export async function readDestination(typed: () => string, empty?: string): Promise<Destination> {
  try {
    await loadPhoneNumbers();
  } catch {
    return {
      ok: false,
      message: "Evo Softphone couldn't load its phone-number rules, so it can't read this number. Restart Evo Softphone.",
    };
  }
  return dialString(typed(), empty);
}

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
