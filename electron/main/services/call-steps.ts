/**
 * One Evo request for each step of a plan (call-rules.ts), marked pending on the board while it
 * is out. Its answer goes straight onto the board and into the cache: no refresh behind it.
 */
import { agentLeg, type Step } from '../../shared/call-rules';
import type { SessionCache } from '../db/session-cache';
import type { Clock } from '../ports';
import { errorText, type Logger } from '../logging/logger';
import type { AuthService } from './auth-service';
import type { CallBoard } from './call-board';
import { actionOf } from './call-words';
import type { SessionService } from './session-service';

export interface CallStepsDeps {
  auth: AuthService;
  board: CallBoard;
  sessions: SessionService;
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

export class CallSteps {
  constructor(private readonly deps: CallStepsDeps) {}

  async perform(step: Step, order: Order): Promise<void> {
    const { client } = this.deps.auth.requireSession();
    const { board, sessions } = this.deps;
    const id = step.sessionId;
    const leg = () => order.legs[id] ?? agentLeg(board.row(id)?.info ?? { callSid: '', members: [] });
    board.setPending(id, actionOf(step), true);
    // The window hears of the request only if Evo takes a while to answer it.
    const reveal = this.deps.clock.setTimeout(() => board.reveal(), PENDING_REVEAL_MS);
    let settle = () => {};
    try {
      switch (step.do) {
        case 'hold': {
          const info = await client.hold(id, leg(), step.reason);
          settle = () => sessions.record(info, 'seen');
          return;
        }
        case 'resume': {
          const info = await client.resume(id);
          settle = () => sessions.record(info, 'seen');
          return;
        }
        case 'answer': {
          const info = await client.patch(id, { callState: 'Connected' });
          settle = () => sessions.record(info, 'seen');
          return;
        }
        case 'addMember': {
          const info = await client.addConferenceMember(id, leg(), order.destination);
          settle = () => sessions.record(info, 'seen');
          return;
        }
        case 'end':
        case 'decline':
          await client.end(id, leg());
          break;
        case 'leave':
          await client.leave(id, leg());
          break;
        case 'endAll':
          await client.endForEveryone(id);
          break;
        case 'transfer':
          await client.transfer(id, order.destination);
          break;
      }
      // Accepted with no body: the call is over for the agent.
      settle = () => this.over(id);
    } finally {
      this.deps.clock.clearTimeout(reveal);
      // The new state and the end of "pending" reach the window as one change.
      board.batch(() => {
        board.setPending(id, null);
        settle();
      });
    }
  }

  /** The call leaves the board now; the cache marks it ended until the server's row replaces it. */
  private over(sessionId: string): void {
    try {
      this.deps.cache.markEnded(sessionId, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error('cache: could not mark a call ended', { error: errorText(error) });
    }
    this.deps.board.remove(sessionId);
  }
}
