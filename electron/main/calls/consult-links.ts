/**
 * Which call is the consult of which. Evo links no consult to its caller, so the board remembers
 * the consults the agent began: the caller held for transfer and the number about to be dialled,
 * then the call that turns up for it (`findConsultCall`, call-rules.ts). A link lasts while both
 * calls are on the board; a consult never dialled is forgotten once the caller leaves the hold.
 */
import { findConsultCall } from '../../shared/call-rules';
import type { CallView } from '../../shared/contract';

export class ConsultLinks {
  /** By caller: the number the consult goes to, and the calls that were there before it. */
  private readonly expected = new Map<string, { number: string; known: ReadonlySet<string> }>();
  /** Consult call -> caller. */
  private readonly links = new Map<string, string>();

  expect(callerId: string, number: string, known: Iterable<string>): void {
    for (const [consult, caller] of this.links) if (caller === callerId) this.links.delete(consult);
    this.expected.set(callerId, { number, known: new Set(known) });
  }

  /** Links the consults that turned up, forgets what is over; answers consult -> caller. */
  resolve(calls: readonly CallView[]): ReadonlyMap<string, string> {
    const byId = new Map(calls.map((call) => [call.id, call]));
    for (const [consult, caller] of this.links) if (!byId.has(consult) || !byId.has(caller)) this.links.delete(consult);
    for (const [callerId, wanted] of this.expected) {
      if (byId.get(callerId)?.phase !== 'heldForTransfer') {
        this.expected.delete(callerId);
        continue;
      }
      const found = findConsultCall(
        calls.filter((call) => !this.links.has(call.id)),
        wanted,
      );
      if (!found) continue;
      this.links.set(found.id, callerId);
      this.expected.delete(callerId);
    }
    return this.links;
  }

  clear(): void {
    this.expected.clear();
    this.links.clear();
  }
}
