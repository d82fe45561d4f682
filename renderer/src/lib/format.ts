/** Display helpers: durations, phone numbers, dates. */
import { formatPhone } from './phone-number';

export { DEFAULT_REGION, formatPhone } from './phone-number';
export { dialString, formatDialInput, readDestination } from './dial-input';
export { formatDuration } from '../../../electron/shared/format-duration';

/** Who a session is with: the name, or the formatted number when Evo knows no name. */
export function partyName(session: { displayName: string; number: string }): string {
  return session.displayName && session.displayName !== session.number ? session.displayName : formatPhone(session.number || session.displayName);
}

/** The formatted number to show beside the party's name, or null when the name already is it. */
export function numberBesideName(session: { displayName: string; number: string }): string | null {
  const number = formatPhone(session.number);
  return partyName(session) === number ? null : number;
}

/** Where a call's timer counts from: the answer; while it rings out, the dial. */
export const callStartMs = (call: { answeredAt: string | null; dateCreated: string }): number => Date.parse(call.answeredAt ?? call.dateCreated);
