/**
 * The call actions, one row each: the phases an action may start in, the requests it sends (its
 * step plan), what the window shows while it is out and says when it is done, the words of its
 * refusal and failure, whether Retry may send it again, and which channel carries it. The intents,
 * the board's action names (contract.ts's `CallAction`), the invoke channels and the renderer's
 * generic call methods are all read from here: adding an action is a row (and a button).
 * Pure: no I/O, no Electron, no Svelte, no zod (the preload loads it).
 */
import type { CallRefusalCode } from './error-codes';
import { currentCallId, lastHeldId, type BoardFacts, type CallPhase, type HoldMode } from './call-rules';

export type HoldReasonName = 'None' | 'Transferring';

/** One Evo request (main's call-steps.ts sends it); an action's plan is a list of them. */
export type Step =
  | { do: 'hold'; sessionId: string; reason: HoldReasonName }
  | { do: 'resume'; sessionId: string }
  | { do: 'end'; sessionId: string }
  | { do: 'answer'; sessionId: string }
  | { do: 'decline'; sessionId: string }
  | { do: 'transfer'; sessionId: string }
  /** AddConferenceMember: the party named by the action joins this call. */
  | { do: 'addMember'; sessionId: string }
  /** EndSession with the agent's leg of a conference: the agent leaves, the others stay. */
  | { do: 'leave'; sessionId: string }
  /** The whole conference ends, for everyone on it. */
  | { do: 'endAll'; sessionId: string };

export type Refusal = CallRefusalCode;
export type Plan = { ok: true; steps: Step[] } | { ok: false; code: Refusal; blockedBy: string | null };

/** What a row's plan sees: the board, the call acted on, and the intent's own fields. */
interface PlanInput {
  calls: readonly BoardFacts[];
  target: BoardFacts;
  reason: HoldReasonName;
  mode: HoldMode;
}

/** The input an action's channel takes (contract.ts builds the schema from it). */
export type ActionInput = 'call' | 'callCheckIn' | 'callLeg' | 'callLegReason' | 'callDestination' | 'callLegDestination' | 'callMode';
/** What its channel answers: the call as it now stands (`call`), or what happened to it. */
export type ActionAnswer = 'call' | 'ended' | 'transferred' | 'left' | 'destination';

export interface CallActionRow {
  /** Phases in which it may start; anything else is refused before a request is sent. */
  allowed: readonly CallPhase[];
  /** The requests it needs, in order. */
  plan(input: PlanInput): Plan;
  /** The board's name for it while pending and when it failed (what Retry sends), a row's name; null: shown as its steps. */
  shownAs: string | null;
  /** What the window reads while it is out ("Holding…"). */
  pending: string;
  /**
   * What the live region says once it is done, naming whom: the caller's name, or their number
   * grouped as the window shows it (the renderer formats it).
   */
  announce: (who: string) => string;
  /** "You can't {verb} Jane now: ...": a refusal. */
  verb: string;
  /** When a step before the last failed: what did not happen ("Jane was not resumed."). */
  notDone: (name: string) => string;
  /** Retry may send it again as it was (nothing typed is needed that the window no longer has). */
  retrySafe: boolean;
  /** The invoke channel the window sends it on, and its input; null: not sent by itself. */
  channel: { name: `sessions.${string}`; input: ActionInput; answer: ActionAnswer } | null;
  /** Once done, it counts as a check-in with the caller (hold hygiene: main's hold-promises.ts). */
  countsAsCheckIn?: true;
}

/** "Couldn't hold A: ... The new call was not started." */
const newCallNotStarted = () => 'The new call was not started.';

/** Every action the agent can ask for. */
export const callActionTable = {
  hold: {
    allowed: ['live', 'held', 'heldForTransfer', 'unknown'],
    plan: ({ target, reason }) => ({ ok: true, steps: mayBeTalking(target) ? [{ do: 'hold', sessionId: target.id, reason }] : [] }),
    shownAs: 'hold',
    pending: 'Holding…',
    announce: (who) => `${who} on hold`,
    verb: 'hold',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.hold', input: 'callLegReason', answer: 'call' },
  },
  /** Hold for transfer: a hold whose reason is Transferring (the board names it apart). */
  holdForTransfer: {
    allowed: ['live', 'held', 'heldForTransfer', 'unknown'],
    plan: ({ target }) => ({ ok: true, steps: mayBeTalking(target) ? [{ do: 'hold', sessionId: target.id, reason: 'Transferring' }] : [] }),
    shownAs: 'holdForTransfer',
    pending: 'Holding…',
    announce: (who) => `${who} on hold for transfer`,
    verb: 'hold',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: null,
  },
  resume: {
    allowed: ['held', 'heldForTransfer', 'live', 'unknown'],
    plan: ({ calls, target }) => (target.phase === 'live' ? { ok: true, steps: [] } : takeBack(calls, target.id)),
    shownAs: 'resume',
    pending: 'Resuming…',
    announce: (who) => `${who} resumed`,
    verb: 'resume',
    notDone: (name) => `${name} was not resumed.`,
    retrySafe: true,
    channel: { name: 'sessions.resume', input: 'callCheckIn', answer: 'call' },
  },
  hangUp: {
    allowed: ['ringingIn', 'dialing', 'live', 'held', 'heldForTransfer', 'ending', 'unknown'],
    plan: ({ target }) => ({
      ok: true,
      steps: target.phase === 'ending' ? [] : [{ do: target.conference ? 'endAll' : 'end', sessionId: target.id }],
    }),
    shownAs: 'hangUp',
    pending: 'Hanging up…',
    announce: (who) => `Call with ${who} ended`,
    verb: 'hang up on',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.end', input: 'callLeg', answer: 'ended' },
  },
  transfer: {
    allowed: ['live', 'held', 'heldForTransfer'],
    plan: ({ target }) => ({ ok: true, steps: [{ do: 'transfer', sessionId: target.id }] }),
    shownAs: 'transfer',
    pending: 'Transferring…',
    announce: (who) => `${who} transferred`,
    verb: 'transfer',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.transfer', input: 'callDestination', answer: 'transferred' },
  },
  answer: {
    allowed: ['ringingIn'],
    plan: ({ calls, target, mode }) => then(freeLine(calls, target.id, mode), { do: 'answer', sessionId: target.id }),
    shownAs: 'answer',
    pending: 'Answering…',
    announce: (who) => `Call with ${who} answered`,
    verb: 'answer',
    notDone: (name) => `${name}'s call was not answered.`,
    retrySafe: true,
    channel: { name: 'sessions.answer', input: 'callMode', answer: 'call' },
  },
  decline: {
    allowed: ['ringingIn'],
    plan: ({ target }) => ({ ok: true, steps: [{ do: 'decline', sessionId: target.id }] }),
    shownAs: 'decline',
    pending: 'Declining…',
    announce: (who) => `Call from ${who} declined`,
    verb: 'decline',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: null,
  },
  /** Invite someone into the call (a 3-way): Evo turns it into a conference. */
  addParticipant: {
    allowed: ['live'],
    plan: ({ target }) => ({ ok: true, steps: [{ do: 'addMember', sessionId: target.id }] }),
    shownAs: 'addParticipant',
    pending: 'Adding…',
    announce: (who) => `Calling the new participant into the call with ${who}`,
    verb: 'add someone to the call with',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.addParticipant', input: 'callLegDestination', answer: 'call' },
  },
  /** Drop out of a conference, leaving the others talking. */
  leave: {
    allowed: ['live'],
    plan: ({ target }) =>
      target.conference ? { ok: true, steps: [{ do: 'leave', sessionId: target.id }] } : refuse('CALL_NOT_CONFERENCE'),
    shownAs: 'leave',
    pending: 'Leaving…',
    announce: (who) => `You left the call with ${who}`,
    verb: 'leave the call with',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.leave', input: 'callLeg', answer: 'left' },
  },
  /** Hold the caller for transfer before dialling the person to consult. */
  consult: {
    allowed: ['live', 'heldForTransfer'],
    plan: ({ target }) => ({
      ok: true,
      steps: target.phase === 'live' ? [{ do: 'hold', sessionId: target.id, reason: 'Transferring' }] : [],
    }),
    shownAs: null,
    pending: 'Holding…',
    announce: (who) => `${who} on hold for transfer`,
    verb: 'consult about',
    notDone: newCallNotStarted,
    retrySafe: false,
    channel: { name: 'sessions.consult', input: 'callLegDestination', answer: 'destination' },
  },
  /** On the consult call: hand the caller to the consulted person and leave. */
  completeTransfer: {
    allowed: ['live', 'held'],
    plan: ({ calls, target }) => afterConsult(calls, target, 'completeTransfer'),
    shownAs: 'completeTransfer',
    pending: 'Transferring…',
    announce: (who) => `Caller transferred to ${who}`,
    verb: 'complete the transfer with',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.completeTransfer', input: 'call', answer: 'transferred' },
  },
  /** On the consult call: caller, agent and the consulted person on one call. */
  merge: {
    allowed: ['live', 'held'],
    plan: ({ calls, target }) => afterConsult(calls, target, 'merge'),
    shownAs: 'merge',
    pending: 'Merging…',
    announce: (who) => `Calls merged: ${who} joined the call`,
    verb: 'merge the call with',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.merge', input: 'call', answer: 'call' },
  },
  /** On the consult call: end it and go back to the caller. */
  cancelConsult: {
    allowed: ['dialing', 'live', 'held'],
    plan: ({ calls, target }) => afterConsult(calls, target, 'cancelConsult'),
    shownAs: 'cancelConsult',
    pending: 'Cancelling…',
    announce: (who) => `Consult with ${who} ended, caller resumed`,
    verb: 'cancel the consult with',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.cancelConsult', input: 'call', answer: 'call' },
  },
  /**
   * Check in with a held caller: off hold (the live call is held first, as every resume does), and
   * counted. The window's `sessions.resume {checkIn: true}` sends this row too.
   */
  checkIn: {
    allowed: ['held', 'heldForTransfer'],
    plan: ({ calls, target }) => takeBack(calls, target.id),
    shownAs: 'checkIn',
    pending: 'Checking in…',
    announce: (who) => `Checked in: ${who} off hold`,
    verb: 'check in with',
    notDone: (name) => `${name} is still on hold.`,
    retrySafe: true,
    channel: { name: 'sessions.checkIn', input: 'call', answer: 'call' },
    countsAsCheckIn: true,
  },
  /** After a check-in: the caller goes back on hold. */
  backOnHold: {
    allowed: ['live'],
    plan: ({ target }) => ({ ok: true, steps: [{ do: 'hold', sessionId: target.id, reason: 'None' }] }),
    shownAs: 'backOnHold',
    pending: 'Holding…',
    announce: (who) => `${who} back on hold`,
    verb: 'put back on hold',
    notDone: newCallNotStarted,
    retrySafe: true,
    channel: { name: 'sessions.backOnHold', input: 'callLeg', answer: 'call' },
  },
} as const satisfies Record<string, CallActionRow>;

/** Every action's name; the board shows the ones with `shownAs` (contract.ts's `CallAction`). */
export type CallActionName = keyof typeof callActionTable;
type ShownAs<K extends CallActionName> = (typeof callActionTable)[K]['shownAs'];
export type BoardActionName = { [K in CallActionName]: ShownAs<K> extends null ? never : K }[CallActionName];
// Every `shownAs` names a row (checked here: the rows cannot refer to their own table's type).
const shownAsNamesARow: Record<NonNullable<ShownAs<CallActionName>>, true> = Object.fromEntries(
  Object.keys(callActionTable).map((name) => [name, true]),
) as Record<CallActionName, true>;
void shownAsNamesARow;
export const BOARD_ACTIONS = (Object.keys(callActionTable) as CallActionName[]).filter(
  (name): name is BoardActionName => callActionTable[name].shownAs !== null,
) as [BoardActionName, ...BoardActionName[]];

/** Actions the renderer sends as they are (a call, its leg at most): one generic method each. */
export type SimpleActionName = {
  [K in CallActionName]: (typeof callActionTable)[K]['channel'] extends { input: 'call' | 'callLeg' } ? K : never;
}[CallActionName];

/** The invoke channels of the call actions (channels.ts lists them with the others). */
export type CallActionChannel = NonNullable<(typeof callActionTable)[CallActionName]['channel']>['name'];
export const CALL_ACTION_CHANNELS = Object.values(callActionTable as Record<string, CallActionRow>).flatMap((row) =>
  row.channel ? [row.channel.name] : [],
) as CallActionChannel[];

/** What the agent asked for: each row is one intent; hold carries its reason, answer and freeLine a mode. */
export type Intent =
  | { [K in Exclude<CallActionName, 'hold' | 'answer' | 'holdForTransfer'>]: { type: K; sessionId: string } }[Exclude<
      CallActionName,
      'hold' | 'answer' | 'holdForTransfer'
    >]
  | { type: 'hold'; sessionId: string; reason: HoldReasonName }
  | { type: 'answer'; sessionId: string; mode: HoldMode }
  /** Make the line free for a new call (a dial, or an answer the phone itself carries out). */
  | { type: 'freeLine'; mode: HoldMode };

/**
 * The requests an intent needs, in order. Taking a call (resume, answer, or a new one) first holds
 * (or ends) every other live call: Evo must never see two of the agent's calls connected. A call
 * still ringing out or still ending blocks the line: it cannot be held, so the agent decides.
 * Repeats are no-ops (no steps): holding a held call, resuming the live one, hanging up twice.
 */
export function plan(calls: readonly BoardFacts[], intent: Intent): Plan {
  if (intent.type === 'freeLine') return freeLine(calls, null, intent.mode);
  const target = calls.find((call) => call.id === intent.sessionId);
  if (!target) return refuse('CALL_NOT_FOUND');
  const row: CallActionRow = callActionTable[intent.type];
  if (!row.allowed.includes(target.phase)) return refuse('CALL_WRONG_PHASE');
  return row.plan({
    calls,
    target,
    reason: intent.type === 'hold' ? intent.reason : 'None',
    mode: intent.type === 'answer' ? intent.mode : 'hold',
  });
}

/** What each kind of request is called on the board, and where it leaves the call when it happened. */
export const stepTable: Record<
  Step['do'],
  { shownAs: (step: Step) => BoardActionName; reaches: (step: Step) => CallPhase | 'gone' | null }
> = {
  hold: {
    shownAs: (step) => (step.do === 'hold' && step.reason === 'Transferring' ? 'holdForTransfer' : 'hold'),
    reaches: (step) => (step.do === 'hold' && step.reason === 'Transferring' ? 'heldForTransfer' : 'held'),
  },
  resume: { shownAs: () => 'resume', reaches: () => 'live' },
  answer: { shownAs: () => 'answer', reaches: () => 'live' },
  end: { shownAs: () => 'hangUp', reaches: () => 'gone' },
  endAll: { shownAs: () => 'hangUp', reaches: () => 'gone' },
  decline: { shownAs: () => 'decline', reaches: () => 'gone' },
  transfer: { shownAs: () => 'transfer', reaches: () => 'gone' },
  addMember: { shownAs: () => 'addParticipant', reaches: () => null },
  leave: { shownAs: () => 'leave', reaches: () => null },
};

const refuse = (code: Refusal, blockedBy: string | null = null): Plan => ({ ok: false, code, blockedBy });

/** Taking a held call back: every other live call is held first. */
const takeBack = (calls: readonly BoardFacts[], id: string): Plan => then(freeLine(calls, id, 'hold'), { do: 'resume', sessionId: id });

/**
 * What ends a consult, in Evo's documented operations (Evo has none that joins two calls, so the
 * consulted person is dialled again where needed). The consult call is hung up first, so that
 * nobody is left on two calls: complete = redirect the caller to the consulted number (the blind
 * transfer); merge = resume the caller, then add the consulted number as a conference member;
 * cancel = resume the caller.
 */
function afterConsult(calls: readonly BoardFacts[], consult: BoardFacts, type: 'completeTransfer' | 'merge' | 'cancelConsult'): Plan {
  if (!consult.consultOf) return refuse('CALL_NOT_CONSULT');
  const caller = calls.find((call) => call.id === consult.consultOf);
  if (!caller) return refuse('CALL_NOT_FOUND');
  if (!['live', 'held', 'heldForTransfer'].includes(caller.phase)) return refuse('CALL_WRONG_PHASE', caller.id);
  const hangUp: Step = { do: 'end', sessionId: consult.id };
  if (type === 'completeTransfer') return { ok: true, steps: [hangUp, { do: 'transfer', sessionId: caller.id }] };
  const rest = calls.filter((call) => call.id !== consult.id);
  const back: Plan = caller.phase === 'live' ? { ok: true, steps: [] } : takeBack(rest, caller.id);
  const steps = type === 'merge' ? then(back, { do: 'addMember', sessionId: caller.id }) : back;
  return steps.ok ? { ok: true, steps: [hangUp, ...steps.steps] } : steps;
}

/** A call in a state we do not know may be connected: it is held (never ended) before another is taken. */
const mayBeTalking = (call: BoardFacts) => call.phase === 'live' || call.phase === 'unknown';

function freeLine(calls: readonly BoardFacts[], except: string | null, mode: HoldMode): Plan {
  const others = calls.filter((call) => call.id !== except);
  const blocker = others.find((call) => call.phase === 'ending' || (call.phase === 'dialing' && mode === 'hold'));
  if (blocker) return refuse('CALL_LINE_BUSY', blocker.id);
  const steps: Step[] = others
    .filter((call) => mayBeTalking(call) || call.phase === 'dialing')
    .map((call) =>
      mode === 'hold' || call.phase === 'unknown' ? { do: 'hold', sessionId: call.id, reason: 'None' } : { do: 'end', sessionId: call.id },
    );
  return { ok: true, steps };
}

const then = (first: Plan, step: Step): Plan => (first.ok ? { ok: true, steps: [...first.steps, step] } : first);

/** The global hotkey: hold the current call, or with none live, resume the most recent hold. */
export function hotkeyIntent(calls: readonly BoardFacts[]): Intent | null {
  const current = calls.find((call) => call.id === currentCallId(calls));
  if (current?.phase === 'live') return { type: 'hold', sessionId: current.id, reason: 'None' };
  if (current) return null;
  const held = lastHeldId(calls);
  return held ? { type: 'resume', sessionId: held } : null;
}
