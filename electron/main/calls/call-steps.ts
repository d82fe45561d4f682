/**
 * One Evo request for each step of a plan (call-rules.ts), marked pending on the board while it
 * is out. Its answer goes straight onto the board and into the cache: no refresh behind it.
 */
import { agentLeg } from '../../shared/call-rules';
import type { Step } from '../../shared/call-action-table';
import type { SessionCache } from '../db/session-cache';
import type { EvoClient } from '../evo/client';
import type { SessionInfo } from '../evo/dto';
import type { Clock } from '../ports';
import { errorText, type Logger } from '../logging/logger';
import type { AuthService } from '../services/auth-service';
import type { CallBoard } from './call-board';
import { actionOf, unconfirmed, type Who, whoOn } from './call-words';
import type { BoardStore, Ticket } from './board-store';
import type { SyncLoop } from './sync-loop';

export interface CallStepsDeps {
  auth: AuthService;
  board: CallBoard;
  store: BoardStore;
  sync: SyncLoop;
  cache: SessionCache;
  clock: Clock;
  logger: Logger;
}

/** What an action brings to its steps: the legs the phone named (by session), and a number. */
export interface Order {
  legs: Record<string, string | undefined>;
  /** Where a transfer goes, whom AddConferenceMember invites (E.164, normalised already). */
  destination: string;
}

/** How long a request may take before the window shows it as in flight ("Holding…"). */
export const PENDING_REVEAL_MS = 150;
/**
 * How long a request may go unanswered before the agent is told it is not confirmed, and where each
 * caller is believed to be (a partition: the client's own deadline is 25 s, a swap two of them).
 */
export const UNCONFIRMED_MS = 10_000;

export class CallSteps {
  constructor(private readonly deps: CallStepsDeps) {}

  async perform(step: Step, order: Order): Promise<void> {
    const { client } = this.deps.auth.requireSession();
    const { board, store } = this.deps;
    const id = step.sessionId;
    board.setPending(id, actionOf(step), true);
    // The window hears of the request only if Evo takes a while to answer it.
    const reveal = this.deps.clock.setTimeout(() => board.reveal(), PENDING_REVEAL_MS);
    let unanswered = false;
    const unconfirmedTimer = this.deps.clock.setTimeout(() => {
      unanswered = true;
      const message = unconfirmed(step, UNCONFIRMED_MS / 1000, this.who, board.calls());
      board.setFailure(id, { action: actionOf(step), code: 'EVO_UNCONFIRMED', message });
    }, UNCONFIRMED_MS);
    let settle = () => {};
    const ticket = store.ask();
    try {
      const info = await this.send(client, step, order);
      // Accepted with no body (an end, a transfer): the call is over for the agent.
      const answered = info ? () => store.record(info, 'seen', ticket) : () => this.over(id, ticket);
      settle = () => {
        // Answered after all: the "not confirmed" notice gives way to what Evo said.
        if (unanswered) board.setFailure(id, null);
        answered();
      };
    } finally {
      this.deps.clock.clearTimeout(reveal);
      this.deps.clock.clearTimeout(unconfirmedTimer);
      // The new state and the end of "pending" reach the window as one change.
      board.batch(() => {
        board.setPending(id, null);
        settle();
      });
    }
  }

  private readonly who: Who = (sessionId) => whoOn(this.deps.board)(sessionId);

  /** The step's one request: the session as Evo answers it, or null for the ones that end the call. */
  private async send(client: EvoClient, step: Step, order: Order): Promise<SessionInfo | null> {
    const id = step.sessionId;
    const leg = () => order.legs[id] ?? agentLeg(this.deps.board.row(id)?.info ?? { callSid: '', members: [] });
    switch (step.do) {
      case 'hold':
        return client.hold(id, leg(), step.reason);
      case 'resume':
        return client.resume(id);
      case 'answer':
        return client.patch(id, { callState: 'Connected' });
      case 'addMember':
        return client.addConferenceMember(id, leg(), order.destination);
      case 'end':
      case 'decline':
        await client.end(id, leg());
        return null;
      case 'leave':
        await client.leave(id, leg());
        return null;
      case 'endAll':
        await client.endForEveryone(id);
        return null;
      case 'transfer':
        await client.transfer(id, order.destination);
        return null;
    }
  }

  /** The call leaves the board now; the cache marks it ended until the server's row replaces it. */
  private over(sessionId: string, ticket: Ticket): void {
    try {
      this.deps.cache.markEnded(sessionId, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error('cache: could not mark a call ended', { error: errorText(error) });
    }
    this.deps.store.over(sessionId, ticket);
  }
}
