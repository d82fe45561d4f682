import { isHeldPhase, legsOf } from '@shared/call-rules';
import { isPromiseMinutes } from '@shared/hold-promise';
import { wantsNote } from '@shared/note-rules';
import { PressGuard } from '@shared/press-guard';
import { callActionTable, hotkeyIntent, type CallActionRow, type SimpleActionName } from '@shared/call-action-table';
import { formatPhone, partyName } from '../phone-numbers/display';
import type {
  Board,
  BoardChange,
  CallAction,
  CallView,
  Connection,
  ErrorInfo,
  HoldMode,
  HoldReason,
  Result,
  SoftphoneApi,
} from '../softphone/api';
import type { CallEngine } from '../calls/call-engine';

/**
 * What the live region says once an action is done: the table's words (one place for them), naming
 * whom as the window shows it: the caller's name, or their number grouped ("+1 555 010 0199"),
 * which a screen reader says as a phone number, not as one eleven-digit figure. Not isolated
 * (FSI..PDI) as main's sentences are: the region is only heard, and speech keeps logical order.
 */
export const doneWords = (action: CallAction, party: { displayName: string; number: string }): string =>
  callActionTable[action].announce(partyName(party));

/** A call ringing for the agent: the board's session, the phone's invite, or both matched. */
export interface RingingCall {
  key: string;
  sessionId: string | null;
  name: string;
  number: string;
  queue: string;
  /** ISO time it started ringing (the session's creation), null when only the phone knows it. */
  since: string | null;
  pending: CallAction | null;
  failure: string | null;
}

/** What the calls state needs of the phone: the agent's own leg of a call, and the phone's own actions. */
export type CallsPhone = Pick<CallEngine, 'callSidFor' | 'hangUp' | 'answer' | 'reject' | 'dial'>;

/** A row Retry may send again as it was, from the call alone (see `run`). */
const isSimple = (action: CallAction | undefined): action is SimpleActionName => {
  const row: CallActionRow | undefined = action ? callActionTable[action] : undefined;
  return !!row?.retrySafe && (row.channel?.input === 'call' || row.channel?.input === 'callLeg');
};

/** A ringing call as a party, for the words that name it. */
export const partyOf = (ringing: RingingCall) => ({ displayName: ringing.name, number: ringing.number });

/**
 * The window's copy of main's call board: updated by `calls.changed` diffs (a missed version
 * fetches the whole board again). Which call is current, what is pending and what failed all
 * come from main; the window only asks for actions and reads the answers. Every call action of
 * the window (its buttons, the headset, the window's hotkeys) starts here: this class works out
 * the agent's leg from the phone, and ends the phone's own leg when the agent's part in a call ends.
 */
export class CallsState {
  calls = $state<CallView[]>([]);
  currentId = $state<string | null>(null);
  lastHeldId = $state<string | null>(null);
  connection = $state<Connection>('online');
  syncError = $state<ErrorInfo | null>(null);
  loaded = $state(false);
  /** A failure of the phone itself (placing or taking a call), which has no call on the board. */
  phoneFailure = $state<string | null>(null);
  /** Read by the aria-live region. */
  announcement = $state('');
  /** Actions this window sent and is still waiting on: where focus goes next is theirs to say. */
  acting = $state(0);
  /** When each call's current action started (epoch ms), to say when Evo is slow. */
  pendingSince = $state<Record<string, number>>({});

  current = $derived(this.calls.find((call) => call.id === this.currentId) ?? null);
  held = $derived(
    this.calls.filter((call) => isHeldPhase(call.phase)).sort((a, b) => (a.heldSince ?? '').localeCompare(b.heldSince ?? '')),
  );
  /** Live calls besides the current one: never after this app's own actions, but Evo may report them. */
  otherLive = $derived(this.calls.filter((call) => call.phase === 'live' && call.id !== this.currentId));
  ringingIn = $derived(this.calls.filter((call) => call.phase === 'ringingIn'));
  /** Calls Evo reports in a state this app does not know (a newer Evo's `Parked`): shown apart, never as live. */
  unknownState = $derived(this.calls.filter((call) => call.phase === 'unknown'));
  /** The caller the current call is a consult about: shown with it, not among the held calls. */
  consultedAbout = $derived(this.byId(this.current?.consultOf ?? null));
  heldApart = $derived(this.held.filter((call) => call.id !== this.consultedAbout?.id));

  private version = -1;
  private unsubscribe: (() => void) | null = null;
  /** Where each call was last being transferred to, or whom it last invited, for Retry (not shown, so not reactive). */
  private readonly transferTo: Record<string, string> = {};
  private readonly invited: Record<string, string> = {};
  private endedListeners: ((call: CallView) => void)[] = [];

  /** Every call action from the window starts here: a second press within 500 ms is a slip. */
  private readonly guard: PressGuard;

  constructor(
    private readonly api: SoftphoneApi,
    now: () => number = () => performance.now(),
    /** Why no call action can be sent now (main is not answering), or null. */
    private readonly blockedBy: () => string | null = () => null,
    /** The phone of this sign-in (null before one, or signed out). */
    private readonly phoneOf: () => CallsPhone | null = () => null,
  ) {
    this.guard = new PressGuard(now);
  }

  /** Why call actions are off right now, or null: the window disables them and says this. */
  get blocked(): string | null {
    return this.blockedBy();
  }

  /** Asks main for the whole board again (after the link to main came back). */
  resync(): Promise<void> {
    return this.refetch();
  }

  /** One press of a call action: false when it must not be sent (a double press, or no main). */
  private pressed(): boolean {
    const blocked = this.blocked;
    if (blocked) {
      this.announcement = blocked;
      return false;
    }
    return this.guard.accept();
  }

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.calls.onChanged((change) => this.apply(change));
    await this.refetch();
    this.loaded = true;
  }

  byId(sessionId: string | null): CallView | null {
    return this.calls.find((call) => call.id === sessionId) ?? null;
  }

  /** The ringing calls to show: the board's, each matched with the phone's invite when there is one. */
  ringing(phoneInvite: { from: string; sessionId: string | null; callSid: string | null } | null): RingingCall[] {
    const list: RingingCall[] = this.ringingIn.map((call) => ({
      key: call.id,
      sessionId: call.id,
      name: call.displayName,
      number: call.number,
      queue: call.queue,
      since: call.dateCreated,
      pending: call.pending,
      failure: call.failure?.message ?? null,
    }));
    const matched =
      phoneInvite &&
      this.ringingIn.some(
        (call) => call.id === phoneInvite.sessionId || (phoneInvite.callSid && legsOf(call).includes(phoneInvite.callSid)),
      );
    if (phoneInvite && !matched) {
      list.push({
        key: 'phone',
        sessionId: null,
        name: phoneInvite.from,
        number: phoneInvite.from,
        queue: '',
        since: null,
        pending: null,
        failure: null,
      });
    }
    return list;
  }

  hold(call: CallView, reason: HoldReason = 'None'): Promise<boolean> {
    const action = reason === 'Transferring' ? 'holdForTransfer' : 'hold';
    return this.act(action, call, () => this.api.sessions.hold({ sessionId: call.id, reason, ...this.leg(call) }));
  }

  resume(call: CallView): Promise<boolean> {
    return this.act('resume', call, () => this.api.sessions.resume({ sessionId: call.id }));
  }

  /** Hang up; the phone's own leg of the call ends with it. */
  hangUp(call: CallView): Promise<boolean> {
    return this.endingOwnLeg(call, (leg) => this.act('hangUp', call, () => this.api.sessions.end({ sessionId: call.id, ...leg })));
  }

  transfer(call: CallView, destination: string): Promise<boolean> {
    this.transferTo[call.id] = destination;
    return this.act('transfer', call, () => this.api.sessions.transfer({ sessionId: call.id, destination }));
  }

  addParticipant(call: CallView, destination: string): Promise<boolean> {
    this.invited[call.id] = destination;
    return this.act('addParticipant', call, () => this.api.sessions.addParticipant({ sessionId: call.id, destination, ...this.leg(call) }));
  }

  /** Drops out of a conference; the others keep talking. The phone's leg of it ends. */
  leave(call: CallView): Promise<boolean> {
    return this.endingOwnLeg(call, (leg) => this.act('leave', call, () => this.api.sessions.leave({ sessionId: call.id, ...leg })));
  }

  /** Consult first: the caller is held for transfer; answers the number to dial, or null (the failure is on the call). */
  async consult(call: CallView, destination: string): Promise<string | null> {
    if (!this.pressed()) return null;
    const result = await this.api.sessions.consult({ sessionId: call.id, destination, ...this.leg(call) });
    this.announcement = result.ok ? doneWords('holdForTransfer', call) : result.error.message;
    return result.ok ? result.value.destination : null;
  }

  /** Complete transfer, Merge or Cancel, on the consult call: it ends, so the phone's leg of it does too. */
  endConsult(consult: CallView, how: 'completeTransfer' | 'merge' | 'cancelConsult'): Promise<boolean> {
    if (how === 'completeTransfer' && consult.consultOf) this.transferTo[consult.consultOf] = consult.number;
    return this.endingOwnLeg(consult, () => this.act(how, consult, () => this.api.sessions[how]({ sessionId: consult.id })));
  }

  /**
   * A row of the call action table whose channel takes just the call (and the agent's leg): its
   * button calls this, and Retry sends it again. Nothing here names the row.
   */
  run(name: SimpleActionName, call: CallView): Promise<boolean> {
    const channel = (callActionTable[name] as CallActionRow).channel!;
    const send = (
      this.api.sessions as unknown as Record<string, (input: { sessionId: string; callSid?: string }) => Promise<Result<unknown>>>
    )[channel.name.slice('sessions.'.length)]!;
    return this.act(name, call, () => send({ sessionId: call.id, ...(channel.input === 'callLeg' ? this.leg(call) : {}) }));
  }

  /** Answers a ringing call on the phone; a live call is held first (`hold`) or hung up (`end`). */
  answer(ringing: RingingCall, mode: HoldMode = 'hold'): Promise<boolean> {
    const phone = this.phoneOf();
    return phone
      ? this.phone('answer', () => phone.answer(ringing.sessionId, mode), doneWords('answer', partyOf(ringing)))
      : Promise.resolve(false);
  }

  decline(ringing: RingingCall): Promise<boolean> {
    const phone = this.phoneOf();
    return phone
      ? this.phone('decline', () => phone.reject(ringing.sessionId), doneWords('decline', partyOf(ringing)))
      : Promise.resolve(false);
  }

  /** Places a call on the phone (main holds the live one first). `chained`: the second step of one press (Consult first). */
  dial(number: string, postDial = '', chained = false): Promise<boolean> {
    const phone = this.phoneOf();
    return phone
      ? this.phone('dial', () => phone.dial(number, postDial), `Calling ${formatPhone(number)}`, chained)
      : Promise.resolve(false);
  }

  /** The hold hotkey of the window and the headset: hold the current call, or with none live resume the latest hold (the table decides). */
  holdOrResume(): Promise<boolean> {
    const intent = hotkeyIntent(this.calls);
    const call = intent && 'sessionId' in intent ? this.byId(intent.sessionId) : null;
    if (intent?.type === 'hold' && call) return this.hold(call, 'None');
    if (intent?.type === 'resume' && call) return this.resume(call);
    return Promise.resolve(false);
  }

  /** Calls the agent was on that have ended (not ones that only rang, nor consults): for the wrap-up. */
  onEnded(listener: (call: CallView) => void): () => void {
    this.endedListeners = [...this.endedListeners, listener];
    return () => (this.endedListeners = this.endedListeners.filter((each) => each !== listener));
  }

  /**
   * Runs a phone action (answer, decline, dial) that may have no call on the board yet. `chained`:
   * the second step of one press (the dial after Consult first), which the double-press guard
   * must not take for a second press.
   */
  async phone(
    action: 'answer' | 'decline' | 'dial',
    run: () => Promise<Result<unknown>>,
    /** What the live region says once it is done ("Call with Jane Doe answered"). */
    announce = '',
    chained = false,
  ): Promise<boolean> {
    if (!chained && !this.pressed()) return false;
    this.phoneFailure = null;
    const result = await this.waitFor(run);
    if (result.ok) {
      this.announcement = announce;
      return true;
    }
    // A failure on a board call shows on that call (main wrote it); anything else shows here.
    this.phoneFailure = result.error.message;
    this.announcement = result.error.message;
    return false;
  }

  /** Sends a failed action again, as it was. */
  retry(call: CallView): Promise<boolean> {
    switch (call.failure?.action) {
      case 'hold':
        return this.hold(call, 'None');
      case 'holdForTransfer':
        return this.hold(call, 'Transferring');
      case 'resume':
        return this.resume(call);
      case 'hangUp':
        return this.hangUp(call);
      case 'transfer': {
        const destination = this.transferTo[call.id];
        return destination ? this.transfer(call, destination) : Promise.resolve(false);
      }
      case 'addParticipant': {
        const destination = this.invited[call.id];
        return destination ? this.addParticipant(call, destination) : Promise.resolve(false);
      }
      case 'leave':
        return this.leave(call);
      case 'completeTransfer':
      case 'merge':
      case 'cancelConsult':
        return this.endConsult(call, call.failure.action);
      default:
        // Any other row (Check in, Back on hold, one added later) that Retry may send as it was.
        return isSimple(call.failure?.action) ? this.run(call.failure.action, call) : Promise.resolve(false);
    }
  }

  /** The card's Promise select: the board (main) keeps it, so every surface shows the same. */
  async setPromise(call: CallView, minutes: number): Promise<boolean> {
    if (!isPromiseMinutes(minutes)) return false;
    const result = await this.api.calls.setPromise({ sessionId: call.id, minutes });
    this.announcement = result.ok ? `${partyName(call)} promised ${minutes} min` : result.error.message;
    return result.ok;
  }

  dismiss(call: CallView): void {
    void this.api.calls.dismissFailure({ sessionId: call.id });
  }

  dismissPhoneFailure(): void {
    this.phoneFailure = null;
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /**
   * The agent's own leg of this call, as the phone knows it: the phone is on the current call, so
   * only that call's leg comes from it (the Twilio phone answers its own call for any call not on
   * hold). For every other call main takes the agent's leg from the board.
   */
  private leg(call: CallView): { callSid?: string } {
    const callSid = call.id === this.currentId ? this.phoneOf()?.callSidFor(call) : undefined;
    return callSid ? { callSid } : {};
  }

  /** Ends the agent's part in a call through Evo, then the phone's audio leg if it was this call's. */
  private async endingOwnLeg(call: CallView, send: (leg: { callSid?: string }) => Promise<boolean>): Promise<boolean> {
    const phone = this.phoneOf();
    const leg = this.leg(call);
    const done = await send(leg);
    if (done && leg.callSid) phone?.hangUp();
    return done;
  }

  private async act(action: CallAction, whom: CallView, call: () => Promise<Result<unknown>>): Promise<boolean> {
    if (!this.pressed()) return false;
    const result = await this.waitFor(call);
    // Failures are on the board, with main's words; the live region reads them too.
    this.announcement = result.ok ? doneWords(action, whom) : result.error.message;
    return result.ok;
  }

  private async waitFor<T>(run: () => Promise<T>): Promise<T> {
    this.acting += 1;
    try {
      return await run();
    } finally {
      this.acting -= 1;
    }
  }

  private async refetch(): Promise<void> {
    const result = await this.api.calls.board();
    if (result.ok) this.replace(result.value);
    else this.syncError = result.error;
  }

  private apply(change: BoardChange): void {
    if (change.version !== this.version + 1) {
      // A change went missing (or this is the first): the whole board is the truth.
      void this.refetch();
      return;
    }
    const replaced = [...change.removed, ...change.upserted.map((call) => call.id)];
    const kept = this.calls.filter((call) => !replaced.includes(call.id));
    this.settle([...kept, ...change.upserted].sort((a, b) => a.dateCreated.localeCompare(b.dateCreated)));
    this.meta(change);
  }

  private replace(board: Board): void {
    // An answer to an older request must not undo changes applied since.
    if (board.version < this.version) return;
    this.settle(board.calls);
    this.meta(board);
  }

  /** The new list of calls; the ones that left it after a conversation are reported as ended. */
  private settle(calls: CallView[]): void {
    this.notice(calls);
    const still = calls.map((call) => call.id);
    const ended = this.calls.filter((call) => !still.includes(call.id) && wantsNote(call));
    this.calls = calls;
    for (const call of ended) for (const listener of this.endedListeners) listener(call);
  }

  /** What the change means beyond the board itself: a new ringing call is announced; a slow action is timed. */
  private notice(calls: readonly CallView[]): void {
    const since: Record<string, number> = {};
    for (const call of calls) {
      const before = this.byId(call.id);
      if (call.phase === 'ringingIn' && before?.phase !== 'ringingIn') this.announcement = `Incoming call from ${partyName(call)}`;
      if (call.pending) since[call.id] = before?.pending === call.pending ? (this.pendingSince[call.id] ?? Date.now()) : Date.now();
    }
    this.pendingSince = since;
  }

  /** True once this call's action has waited on Evo for more than `afterMs`. */
  isSlow(call: CallView, now: number, afterMs = 3000): boolean {
    const since = this.pendingSince[call.id];
    return call.pending !== null && since !== undefined && now - since > afterMs;
  }

  private meta(board: Omit<Board, 'calls'>): void {
    this.version = board.version;
    this.currentId = board.currentId;
    this.lastHeldId = board.lastHeldId;
    this.connection = board.connection;
    this.syncError = board.error;
  }
}
