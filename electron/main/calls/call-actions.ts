/**
 * Carries out what the agent asks of a call, by the board's rules: the plan (call-rules.ts) says
 * which requests to send and in which order; they go out one at a time (call-steps.ts), each
 * marked pending on the board. A failed step stops the plan (the next request is not sent) and
 * the agent reads why; when the last step of a swap fails, the call held to make room is resumed,
 * so the agent is not left with no one on the line. A number the agent typed is read with the
 * dialer's rules and refused before any request when it is not one.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import {
  callActionTable,
  hotkeyIntent,
  plan,
  stepTable,
  type CallActionName,
  type Intent,
  type Step,
} from '../../shared/call-action-table';
import type { Board, HoldMode, HoldReason, SessionView } from '../../shared/contract';
import { normaliseDestination } from '../../shared/destination';
import { AppError, type ErrorCode } from '../../shared/result';
import { SIGNED_OUT_CODES } from '../../shared/error-codes';
import { isolate } from '../../shared/bidi';
import {
  actionOf,
  actionOfIntent,
  badDestination,
  consultNotDone,
  notDone,
  refusal,
  stepFailed,
  swapFailed,
  type Who,
  whoOn,
} from './call-words';
import { CallSteps, type CallStepsDeps, type Order } from './call-steps';
import { FailureWaits } from './failure-waits';
import { toSessionView } from './session-view';

export interface CallActionsDeps extends CallStepsDeps {
  /** After a row was carried out (promised holds count the rows that are check-ins). */
  done?(name: CallActionName, sessionId: string): void;
}

/** What the action channels carry (contract.ts checks each channel's own shape before it gets here). */
export interface ActionPayload {
  sessionId: string;
  callSid?: string;
  reason?: HoldReason;
  destination?: string;
  mode?: HoldMode;
  /** On resume: the agent is checking in with the caller (the `checkIn` row is sent instead). */
  checkIn?: boolean;
}

type AfterConsult = 'completeTransfer' | 'merge' | 'cancelConsult';
/** What the agent reads about a run: who an invite is for (or who was consulted), and the caller consulted about. */
interface Run extends Order {
  party: string;
  caller: string;
}

const verbOf = (type: Intent['type']): string => (type === 'freeLine' ? 'make room for' : callActionTable[type].verb);

export class CallActions {
  /** Intents being carried out, by kind and call: a double press shares the first one's outcome. */
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly steps: CallSteps;
  private readonly waits: FailureWaits;

  constructor(private readonly deps: CallActionsDeps) {
    this.steps = new CallSteps(deps);
    this.waits = new FailureWaits(deps);
  }

  /**
   * An action by its row in the call action table, as its channel carries it. Rows that need more
   * than the table says (a number to read, a consult to link, a ringing call declined) have a method
   * of their own; every other row is carried out as planned and answers the call as it now stands.
   */
  async run(name: CallActionName, input: ActionPayload): Promise<unknown> {
    const own = this.own[name];
    const answer = own
      ? await own(input)
      : await this.carryOut({ type: name, sessionId: input.sessionId } as Intent, { legs: { [input.sessionId]: input.callSid } }).then(() =>
          this.view(input.sessionId),
        );
    this.deps.done?.(name, input.sessionId);
    return answer;
  }

  private readonly own: Partial<Record<CallActionName, (input: ActionPayload) => Promise<unknown>>> = {
    hold: (input) => this.hold(input),
    resume: (input) => (input.checkIn ? this.run('checkIn', { sessionId: input.sessionId }) : this.resume(input)),
    hangUp: (input) => this.end(input),
    transfer: (input) => this.transfer({ ...input, destination: input.destination ?? '' }),
    answer: (input) => this.answer(input),
    addParticipant: (input) => this.addParticipant({ ...input, destination: input.destination ?? '' }),
    leave: (input) => this.leave(input),
    consult: (input) => this.consult({ ...input, destination: input.destination ?? '' }),
    completeTransfer: (input) => this.completeTransfer(input),
    merge: (input) => this.merge(input),
    cancelConsult: (input) => this.cancelConsult(input),
  };

  async hold(input: { sessionId: string; callSid?: string; reason?: HoldReason }): Promise<SessionView> {
    const intent: Intent = { type: 'hold', sessionId: input.sessionId, reason: input.reason ?? 'None' };
    await this.carryOut(intent, { legs: { [input.sessionId]: input.callSid } });
    return this.view(input.sessionId);
  }

  async resume(input: { sessionId: string }): Promise<SessionView> {
    await this.carryOut({ type: 'resume', sessionId: input.sessionId });
    return this.view(input.sessionId);
  }

  /** Hang up: a ringing call is declined; a conference ends for everyone (the rules decide). */
  async end(input: { sessionId: string; callSid?: string }): Promise<{ ended: true }> {
    const target = this.deps.board.get(input.sessionId);
    const intent: Intent =
      target?.phase === 'ringingIn' ? { type: 'decline', sessionId: input.sessionId } : { type: 'hangUp', sessionId: input.sessionId };
    await this.carryOut(intent, { legs: { [input.sessionId]: input.callSid } });
    return { ended: true };
  }

  async transfer(input: { sessionId: string; destination: string }): Promise<{ transferred: true }> {
    const destination = this.number(input.destination, input.sessionId, (name) => `transfer ${name}`);
    await this.carryOut({ type: 'transfer', sessionId: input.sessionId }, { destination });
    return { transferred: true };
  }

  /** AddConferenceMember on the agent's own leg (by default the one the board knows). */
  async addParticipant(input: { sessionId: string; destination: string; callSid?: string }): Promise<SessionView> {
    const destination = this.number(input.destination, input.sessionId, (name) => `add a participant to the call with ${name}`);
    const party = isolate(parsePhoneNumberFromString(destination)?.formatInternational() ?? destination);
    await this.carryOut(
      { type: 'addParticipant', sessionId: input.sessionId },
      { legs: { [input.sessionId]: input.callSid }, destination, party },
    );
    return this.view(input.sessionId);
  }

  /** The agent drops out of a conference; the others keep talking. */
  async leave(input: { sessionId: string; callSid?: string }): Promise<{ left: true }> {
    await this.carryOut({ type: 'leave', sessionId: input.sessionId }, { legs: { [input.sessionId]: input.callSid } });
    return { left: true };
  }

  /** Consult first: the caller is held for transfer; the call the phone dials next is linked as the consult. */
  async consult(input: { sessionId: string; destination: string; callSid?: string }): Promise<{ destination: string }> {
    const destination = this.number(input.destination, input.sessionId, (name) => `start a consult about ${name}`);
    await this.carryOut({ type: 'consult', sessionId: input.sessionId }, { legs: { [input.sessionId]: input.callSid } });
    this.deps.board.expectConsult(input.sessionId, destination);
    return { destination };
  }

  async completeTransfer(input: { sessionId: string }): Promise<{ transferred: true }> {
    await this.afterConsult('completeTransfer', input.sessionId);
    return { transferred: true };
  }

  /** Answers the merged call (the caller's, now a conference). */
  async merge(input: { sessionId: string }): Promise<SessionView> {
    return this.view(await this.afterConsult('merge', input.sessionId));
  }

  /** Answers the caller's call, resumed. */
  async cancelConsult(input: { sessionId: string }): Promise<SessionView> {
    return this.view(await this.afterConsult('cancelConsult', input.sessionId));
  }

  async answer(input: { sessionId: string; mode?: HoldMode }): Promise<SessionView> {
    await this.carryOut({ type: 'answer', sessionId: input.sessionId, mode: input.mode ?? 'hold' });
    return this.view(input.sessionId);
  }

  /** Before the phone places or takes a call itself: every live call is held (or ended) first. */
  async freeLine(input: { mode: HoldMode }): Promise<Board> {
    await this.carryOut({ type: 'freeLine', mode: input.mode });
    return this.deps.board.snapshot();
  }

  /** NewSession (demo mode's phone): the live call is held first, then the call is placed. */
  async create(input: { to: string; displayName?: string }): Promise<SessionView> {
    await this.freeLine({ mode: 'hold' });
    const { client } = this.deps.auth.requireSession();
    const info = await client.createSession(input.to, input.displayName ?? '');
    return toSessionView(this.deps.store.record(info, 'seen'), this.deps.auth.viewer());
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
      await this.carryOut(intent);
      return { intent, error: null };
    } catch (error) {
      return { intent, error: error instanceof AppError ? error : new AppError('INTERNAL', 'Something went wrong.') };
    }
  }

  /** The number the agent typed, by the dialer's rules; a typed error before any request otherwise. */
  private number(typed: string, sessionId: string, action: (name: string) => string): string {
    const read = normaliseDestination(typed, parsePhoneNumberFromString);
    if (read.ok) return read.value;
    const who = this.who(sessionId);
    throw badDestination(action(who.name), read.message, who);
  }

  /** Complete, merge or cancel, from the consult call: the consulted number is the destination. */
  private async afterConsult(type: AfterConsult, sessionId: string): Promise<string> {
    if (!this.deps.board.get(sessionId)) await this.deps.sync.syncNow();
    const consult = this.deps.board.get(sessionId);
    const caller = this.who(consult?.consultOf ?? '').name;
    await this.carryOut(
      { type, sessionId },
      { destination: consult?.number ?? '', party: consult ? isolate(consult.displayName) : 'them', caller },
    );
    return consult!.consultOf!;
  }

  private carryOut(intent: Intent, order: Partial<Run> = {}): Promise<unknown> {
    const key = `${intent.type}:${target(intent) ?? ''}`;
    const already = this.running.get(key);
    if (already) return already;
    const run: Run = { legs: {}, destination: '', party: 'them', caller: 'the caller', ...order };
    const running = this.execute(intent, run).finally(() => this.running.delete(key));
    this.running.set(key, running);
    return running;
  }

  private async execute(intent: Intent, run: Run): Promise<void> {
    this.deps.auth.requireSession();
    const acted = target(intent);
    // A call the board has not seen yet (the window asked right after a sign-in): one sync first.
    if (acted && !this.deps.board.get(acted)) await this.deps.sync.syncNow();
    // Hanging up is never refused for being busy: a slow hold must not keep the agent on the line.
    const endsIt = intent.type === 'hangUp' || intent.type === 'decline';
    const pending = acted && !endsIt ? this.deps.board.get(acted)?.pending : null;
    if (pending) throw busyError(this.who(acted!).name);
    const planned = plan(this.deps.board.facts(), intent);
    if (!planned.ok) throw refusal(planned.code, verbOf(intent.type), acted, planned.blockedBy, this.who);
    const busy = endsIt ? undefined : planned.steps.map((step) => this.deps.board.get(step.sessionId)).find((call) => call?.pending);
    if (busy) throw busyError(busy.displayName);
    const done: Step[] = [];
    for (const step of planned.steps) {
      try {
        await this.steps.perform(step, run);
        done.push(step);
      } catch (error) {
        if (await this.happenedAnyway(step, error)) {
          done.push(step);
          continue;
        }
        throw await this.failed(intent, step, done, error, run);
      }
    }
  }

  /**
   * An answer that never came (a timeout, a dropped connection, a 5xx after the work was done) is
   * not a refusal: the server may have carried the step out. One look at what Evo holds now tells;
   * when the call is where the step was taking it, the step is done and the agent is told so.
   */
  private async happenedAnyway(step: Step, error: unknown): Promise<boolean> {
    if (!(error instanceof AppError) || !error.retryable) return false;
    await this.deps.sync.syncNow();
    const reaches = stepTable[step.do].reaches(step);
    if (reaches === null) return false;
    return (this.deps.board.get(step.sessionId)?.phase ?? 'gone') === reaches;
  }

  /**
   * A step failed. The agent's action did not happen; say why, where each caller now is, and
   * put back a call that was held only to make room. Then look at what the server holds now.
   */
  private async failed(intent: Intent, step: Step, done: Step[], error: unknown, run: Run): Promise<AppError> {
    const code: ErrorCode = error instanceof AppError ? error.code : 'INTERNAL';
    const retryable = error instanceof AppError && error.retryable;
    // Signed out underneath the action (a changed password): that is the news, not the call.
    if (error instanceof AppError && SIGNED_OUT_CODES.has(code)) return error;
    const isFinal = step.sessionId === target(intent);
    let message: string;
    if (isAfterConsult(intent.type)) {
      // Nothing is put back: the consult call, once hung up (the first step), cannot be.
      message = stepFailed(
        step,
        error,
        this.who,
        consultNotDone(intent.type as AfterConsult, done.length > 0, run.caller, run.party),
        run.party,
      );
    } else if (!isFinal) {
      message = stepFailed(step, error, this.who, notDone(intent, this.who), run.party);
    } else if (done.length === 0) {
      message = stepFailed(step, error, this.who, '', run.party);
    } else {
      const restored: string[] = [];
      const stillHeld: string[] = [];
      for (const prep of done.filter((each) => each.do === 'hold')) {
        try {
          await this.steps.perform({ do: 'resume', sessionId: prep.sessionId }, run);
          restored.push(prep.sessionId);
        } catch {
          stillHeld.push(prep.sessionId);
        }
      }
      message = swapFailed(step, error, this.who, restored, stillHeld);
    }
    // The failure shows on the call the agent acted on, or, once that one is gone, on the step's.
    const acted = target(intent);
    const shownOn = acted && this.deps.board.get(acted) ? acted : step.sessionId;
    // On the call the agent acted on, Retry means the whole action again (a swap's resume, not the
    // hold that failed inside it); elsewhere, the step.
    const action = (shownOn === acted ? actionOfIntent(intent) : null) ?? actionOf(step);
    // Refused with Retry-After: the card counts down, and Retry waits for the end of the window.
    const waitMs = retryable ? (this.deps.auth.session?.client.waitingMs() ?? 0) : 0;
    if (this.deps.board.get(shownOn)) this.waits.show(shownOn, { action, code, message }, waitMs);
    this.deps.logger.warn('calls: action failed', { intent: intent.type, step: step.do, code });
    // After a failure (not after a success) the server's view is worth a look.
    this.deps.sync.refresh('actionFailed');
    return new AppError(code, message, retryable);
  }

  private readonly who: Who = (sessionId) => whoOn(this.deps.board)(sessionId);

  private view(sessionId: string): SessionView {
    const row = this.deps.board.row(sessionId) ?? this.deps.cache.get(sessionId);
    if (!row) throw new AppError('CALL_NOT_FOUND', 'That call is not among your calls any more. It may have ended.');
    return { ...toSessionView(row, this.deps.auth.viewer()), log: [] };
  }
}

/** The call an intent is about; none for making room on the line. */
const target = (intent: Intent): string | null => (intent.type === 'freeLine' ? null : intent.sessionId);
const isAfterConsult = (type: Intent['type']): type is AfterConsult =>
  type === 'completeTransfer' || type === 'merge' || type === 'cancelConsult';

const busyError = (name: string) => new AppError('SESSION_BUSY', `Still sending the last action for ${name}. Try again in a moment.`);
