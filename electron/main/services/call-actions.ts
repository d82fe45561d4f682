/**
 * Carries out what the agent asks of a call, by the board's rules: the plan (call-rules.ts) says
 * which requests to send and in which order; they go out one at a time, each marked pending on
 * the board. A failed step stops the plan (the next request is not sent) and the agent reads why;
 * when the last step of a swap fails, the call held to make room is resumed, so the agent is not
 * left with no one on the line. Every answer goes straight onto the board: no refresh behind it.
 */
import { agentLeg, hotkeyIntent, plan, type Intent, type Step } from '../../shared/call-rules';
import type { Board, CallView, HoldMode, HoldReason, SessionView } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { SessionCache } from '../db/session-cache';
import type { Clock, Logger } from '../ports';
import type { AuthService } from './auth-service';
import type { CallBoard } from './call-board';
import { actionOf, notDone, refusal, stepFailed, swapFailed, type Who } from './call-words';
import type { SessionService } from './session-service';
import { toSessionView } from './session-view';

export interface CallActionsDeps {
  auth: AuthService;
  board: CallBoard;
  sessions: SessionService;
  cache: SessionCache;
  clock: Clock;
  logger: Logger;
}

/** Legs the phone named for this request (its own CallSid), by session. */
type Legs = Record<string, string | undefined>;

const verbOf: Record<Intent['type'], string> = {
  hold: 'hold',
  resume: 'resume',
  hangUp: 'hang up on',
  transfer: 'transfer',
  answer: 'answer',
  decline: 'decline',
  freeLine: 'make room for',
};

export class CallActions {
  /** Intents being carried out, by kind and call: a double press shares the first one's outcome. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: CallActionsDeps) {}

  async hold(input: { sessionId: string; callSid?: string; reason?: HoldReason }): Promise<SessionView> {
    const intent: Intent = { type: 'hold', sessionId: input.sessionId, reason: input.reason ?? 'None' };
    await this.carryOut(intent, { [input.sessionId]: input.callSid });
    return this.view(input.sessionId);
  }

  async resume(input: { sessionId: string }): Promise<SessionView> {
    await this.carryOut({ type: 'resume', sessionId: input.sessionId }, {});
    return this.view(input.sessionId);
  }

  async end(input: { sessionId: string; callSid?: string }): Promise<{ ended: true }> {
    const target = this.deps.board.get(input.sessionId);
    const intent: Intent =
      target?.phase === 'ringingIn' ? { type: 'decline', sessionId: input.sessionId } : { type: 'hangUp', sessionId: input.sessionId };
    await this.carryOut(intent, { [input.sessionId]: input.callSid });
    return { ended: true };
  }

  async transfer(input: { sessionId: string; destination: string }): Promise<{ transferred: true }> {
    await this.carryOut({ type: 'transfer', sessionId: input.sessionId }, {}, input.destination);
    return { transferred: true };
  }

  async answer(input: { sessionId: string; mode?: HoldMode }): Promise<SessionView> {
    await this.carryOut({ type: 'answer', sessionId: input.sessionId, mode: input.mode ?? 'hold' }, {});
    return this.view(input.sessionId);
  }

  /** Before the phone places or takes a call itself: every live call is held (or ended) first. */
  async freeLine(input: { mode: HoldMode }): Promise<Board> {
    await this.carryOut({ type: 'freeLine', mode: input.mode }, {});
    return this.deps.board.snapshot();
  }

  /** NewSession (demo mode's phone): the live call is held first, then the call is placed. */
  async create(input: { to: string; displayName?: string }): Promise<SessionView> {
    await this.freeLine({ mode: 'hold' });
    const { client } = this.deps.auth.requireSession();
    const info = await client.createSession(input.to, input.displayName ?? '');
    return toSessionView(this.deps.sessions.record(info, 'seen'), this.viewer());
  }

  dismissFailure(input: { sessionId: string }): Record<string, never> {
    this.deps.board.setFailure(input.sessionId, null);
    return {};
  }

  /**
   * The global hotkey: hold the current call, or with none live resume the most recent hold.
   * A press while that call's action is still in flight sends nothing. Answers what it did.
   */
  async hotkey(): Promise<{ intent: Intent | null; error: AppError | null }> {
    const intent = hotkeyIntent(this.deps.board.facts());
    if (!intent || (intent.type !== 'freeLine' && this.deps.board.get(intent.sessionId)?.pending)) return { intent, error: null };
    try {
      await this.carryOut(intent, {});
      return { intent, error: null };
    } catch (error) {
      return { intent, error: error instanceof AppError ? error : new AppError('INTERNAL', 'Something went wrong.') };
    }
  }

  private carryOut(intent: Intent, legs: Legs, destination = ''): Promise<unknown> {
    const key = intent.type === 'freeLine' ? 'freeLine' : `${intent.type}:${intent.sessionId}`;
    const already = this.running.get(key);
    if (already) return already;
    const run = this.execute(intent, legs, destination).finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  private async execute(intent: Intent, legs: Legs, destination: string): Promise<void> {
    this.deps.auth.requireSession();
    const target = intent.type === 'freeLine' ? null : intent.sessionId;
    // A call the board has not seen yet (the window asked right after a sign-in): one sync first.
    if (target && !this.deps.board.get(target)) await this.deps.sessions.syncNow();
    const pending = target ? this.deps.board.get(target)?.pending : null;
    if (pending) throw busyError(this.who(target!).name);
    const planned = plan(this.deps.board.facts(), intent);
    if (!planned.ok) throw refusal(planned.code, verbOf[intent.type], target, planned.blockedBy, this.who);
    const busy = planned.steps.map((step) => this.deps.board.get(step.sessionId)).find((call) => call?.pending);
    if (busy) throw busyError(busy.displayName);
    const done: Step[] = [];
    for (const step of planned.steps) {
      try {
        await this.perform(step, legs, destination);
        done.push(step);
      } catch (error) {
        throw await this.failed(intent, step, done, error);
      }
    }
  }

  /** One request, marked pending on the board while it is out. */
  private async perform(step: Step, legs: Legs, destination: string): Promise<void> {
    const { client } = this.deps.auth.requireSession();
    const board = this.deps.board;
    const leg = () => legs[step.sessionId] ?? agentLeg(board.row(step.sessionId)?.info ?? { callSid: '', members: [] });
    board.setPending(step.sessionId, actionOf(step));
    let settle = () => {};
    try {
      switch (step.do) {
        case 'hold': {
          const info = await client.hold(step.sessionId, leg(), step.reason);
          settle = () => this.deps.sessions.record(info, 'seen');
          return;
        }
        case 'resume': {
          const info = await client.resume(step.sessionId);
          settle = () => this.deps.sessions.record(info, 'seen');
          return;
        }
        case 'answer': {
          const info = await client.patch(step.sessionId, { callState: 'Connected' });
          settle = () => this.deps.sessions.record(info, 'seen');
          return;
        }
        case 'end':
        case 'decline':
          await client.end(step.sessionId, leg());
          settle = () => this.over(step.sessionId);
          return;
        case 'transfer':
          await client.transfer(step.sessionId, destination);
          settle = () => this.over(step.sessionId);
          return;
      }
    } finally {
      // The new state and the end of "pending" reach the window as one change.
      board.batch(() => {
        board.setPending(step.sessionId, null);
        settle();
      });
    }
  }

  /** The server accepted an end or a transfer with no body: the call leaves the board now. */
  private over(sessionId: string): void {
    try {
      this.deps.cache.markEnded(sessionId, this.deps.clock.now());
    } catch (error) {
      this.deps.logger.error('cache: could not mark a call ended', { error: error instanceof Error ? error.message.slice(0, 120) : 'unknown' });
    }
    this.deps.board.remove(sessionId);
  }

  /**
   * A step failed. The agent's action did not happen; say why, where each caller now is, and
   * put back a call that was held only to make room. Then look at what the server holds now.
   */
  private async failed(intent: Intent, step: Step, done: Step[], error: unknown): Promise<AppError> {
    const code = error instanceof AppError ? error.code : 'INTERNAL';
    const retryable = error instanceof AppError && error.retryable;
    const isFinal = intent.type !== 'freeLine' && step.sessionId === intent.sessionId;
    let message: string;
    if (!isFinal) {
      message = stepFailed(step, error, this.who, notDone(intent, this.who));
    } else if (done.length === 0) {
      message = stepFailed(step, error, this.who);
    } else {
      const restored: string[] = [];
      const stillHeld: string[] = [];
      for (const prep of done.filter((each) => each.do === 'hold')) {
        try {
          await this.perform({ do: 'resume', sessionId: prep.sessionId }, {}, '');
          restored.push(prep.sessionId);
        } catch {
          stillHeld.push(prep.sessionId);
        }
      }
      message = swapFailed(step, error, this.who, restored, stillHeld);
    }
    const target = intent.type === 'freeLine' ? step.sessionId : intent.sessionId;
    if (this.deps.board.get(target)) this.deps.board.setFailure(target, { action: actionOf(step), code, message });
    this.deps.logger.warn('calls: action failed', { intent: intent.type, step: step.do, code });
    // After a failure (not after a success) the server's view is worth a look.
    this.deps.sessions.refresh('actionFailed');
    return new AppError(code, message, retryable);
  }

  private readonly who: Who = (sessionId) => {
    const call: CallView | undefined = this.deps.board.get(sessionId);
    return { name: call?.displayName ?? 'the caller', phase: call?.phase ?? null };
  };

  private view(sessionId: string): SessionView {
    const row = this.deps.board.row(sessionId) ?? this.deps.cache.get(sessionId);
    if (!row) throw new AppError('CALL_NOT_FOUND', 'That call is not among your calls any more. It may have ended.');
    return { ...toSessionView(row, this.viewer()), log: [] };
  }

  private viewer() {
    const user = this.deps.auth.session?.user;
    return user ? { userId: user.id, name: user.name } : null;
  }
}

const busyError = (name: string) =>
  new AppError('SESSION_BUSY', `Still sending the last action for ${name}. Try again in a moment.`);
