/**
 * The rules of the agent's calls, written once: which phase a session is in, which leg is the
 * agent's, which call is current, and what an action must send (and in which order) so that the
 * agent never has two calls connected at once. Main's call board, the desktop (hotkey, tray,
 * reminders) and the renderer all import this module; nothing re-derives these answers.
 * Pure: no I/O, no Electron, no Svelte.
 */

/** `unknown`: Evo reports a state this app does not know (`Passive`, or a newer Evo's `Parked`). */
export type CallPhase = 'ringingIn' | 'dialing' | 'live' | 'held' | 'heldForTransfer' | 'ending' | 'unknown';
export type HoldMode = 'hold' | 'end';

/** What the rules need to know of a session (a SessionInfo or a view of one). */
export interface CallFacts {
  id: string;
  callState: string;
  direction: string;
  holdReason: string;
  ended: boolean;
}

/** A call on the board: its phase, when it became what it is, and whether an end is in flight. */
export interface BoardFacts {
  id: string;
  phase: CallPhase;
  /** When the current hold began (ISO), for held calls. */
  heldSince: string | null;
  /** When the session was created (ISO): the newest live call is the current one. */
  dateCreated: string;
  /** The caller this call is a consult about (held for transfer meanwhile); null for other calls. */
  consultOf: string | null;
  /** A conference (see `isConference`): hanging up the agent's leg leaves the others talking. */
  conference: boolean;
}

/** Held means the server says Hold and the session has not ended: the one definition. */
export const isHeldState = (facts: Pick<CallFacts, 'callState' | 'ended'>): boolean =>
  facts.callState === 'Hold' && !facts.ended;

/**
 * The phase of a session; null when it is not the agent's call any more (ended). `ending` is
 * ours, not the server's: a hang-up is in flight.
 */
export function phaseOf(facts: CallFacts, endInFlight = false): CallPhase | null {
  if (facts.ended) return null;
  if (endInFlight || facts.callState === 'Disconnected') return 'ending';
  if (isHeldState(facts)) return facts.holdReason === 'Transferring' ? 'heldForTransfer' : 'held';
  if (facts.callState === 'Ringing') return facts.direction === 'Outgoing' ? 'dialing' : 'ringingIn';
  if (facts.callState === 'Connected') return 'live';
  // Passive (undocumented) or a state from a newer Evo: never shown as talking, never current.
  return 'unknown';
}

export const isHeldPhase = (phase: CallPhase): boolean => phase === 'held' || phase === 'heldForTransfer';

/** The agent is on this call (dialling, talking or holding it): the machine must not sleep under it. */
export const isOnCallPhase = (phase: CallPhase): boolean => phase === 'dialing' || phase === 'live' || isHeldPhase(phase);

/**
 * The agent's own leg of a session, the "local call SID" HoldSession and EndSession want when
 * the phone does not name one (inferred: the Agent member's CallSid, else the session's own).
 */
export function agentLeg(session: { callSid: string; members: readonly { role: string; callSid: string }[] }): string {
  return session.members.find((member) => member.role === 'Agent' && member.callSid)?.callSid || session.callSid;
}

type Member = { role: string; callState: string };

/** The parties on a call besides the agent: ringing, connected or on hold (not the ones who left). */
export const otherParties = <M extends Member>(session: { members: readonly M[] }): M[] =>
  session.members.filter((member) => member.role !== 'Agent' && ['Ringing', 'Connected', 'Hold'].includes(member.callState));

/**
 * A conference: Evo made it one (AddConferenceMember sets `conferenceSid`), or it has two or more
 * parties besides the agent. Only then can the agent drop out and leave the others talking.
 */
export const isConference = (session: { conferenceSid?: string; members: readonly Member[] }): boolean =>
  Boolean(session.conferenceSid) || otherParties(session).length >= 2;

/**
 * The consult call dialled for a caller held for transfer (INFERRED: Evo links no consult to its
 * caller): the first outgoing call to the number asked for that was not on the board when the
 * consult began. Numbers compare by their digits.
 */
export function findConsultCall<C extends { id: string; direction: string; number: string }>(
  calls: readonly C[],
  wanted: { number: string; known: ReadonlySet<string> },
): C | undefined {
  const digits = (number: string) => number.replace(/\D/g, '');
  return calls.find((call) => call.direction === 'Outgoing' && !wanted.known.has(call.id) && digits(call.number) === digits(wanted.number));
}

/** Every leg a session knows of: the session's CallSid and each member's. */
export const legsOf = (session: { callSid: string; members: readonly { callSid: string }[] }): string[] =>
  [session.callSid, ...session.members.map((member) => member.callSid)].filter(Boolean);

const newestFirst = (a: BoardFacts, b: BoardFacts) => b.dateCreated.localeCompare(a.dateCreated);

/** The call the agent is on: the newest live call, else the newest one being dialled. */
export function currentCallId(calls: readonly BoardFacts[]): string | null {
  const live = calls.filter((call) => call.phase === 'live').sort(newestFirst)[0];
  const dialing = calls.filter((call) => call.phase === 'dialing').sort(newestFirst)[0];
  return (live ?? dialing)?.id ?? null;
}

/** The call put on hold most recently (what the hotkey resumes when nothing is live). */
export function lastHeldId(calls: readonly BoardFacts[]): string | null {
  const held = calls.filter((call) => isHeldPhase(call.phase));
  held.sort((a, b) => (b.heldSince ?? '').localeCompare(a.heldSince ?? '') || newestFirst(a, b));
  return held[0]?.id ?? null;
}

export type Intent =
  | { type: 'hold'; sessionId: string; reason: 'None' | 'Transferring' }
  | { type: 'resume'; sessionId: string }
  | { type: 'hangUp'; sessionId: string }
  | { type: 'transfer'; sessionId: string }
  | { type: 'answer'; sessionId: string; mode: HoldMode }
  | { type: 'decline'; sessionId: string }
  /** Invite someone into the call (a 3-way): Evo turns it into a conference. */
  | { type: 'addParticipant'; sessionId: string }
  /** Drop out of a conference, leaving the others talking. */
  | { type: 'leave'; sessionId: string }
  /** Hold the caller for transfer before dialling the person to consult. */
  | { type: 'consult'; sessionId: string }
  /** On the consult call: hand the caller to the consulted person and leave. */
  | { type: 'completeTransfer'; sessionId: string }
  /** On the consult call: caller, agent and the consulted person on one call. */
  | { type: 'merge'; sessionId: string }
  /** On the consult call: end it and go back to the caller. */
  | { type: 'cancelConsult'; sessionId: string }
  /** Make the line free for a new call (a dial, or an answer the phone itself carries out). */
  | { type: 'freeLine'; mode: HoldMode };

export type Step =
  | { do: 'hold'; sessionId: string; reason: 'None' | 'Transferring' }
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

export type Refusal = 'CALL_NOT_FOUND' | 'CALL_WRONG_PHASE' | 'CALL_LINE_BUSY' | 'CALL_NOT_CONFERENCE' | 'CALL_NOT_CONSULT';
export type Plan = { ok: true; steps: Step[] } | { ok: false; code: Refusal; blockedBy: string | null };

/** Phases in which each action may start; anything else is refused before a request is sent. */
export const ALLOWED: Record<Intent['type'], readonly CallPhase[]> = {
  hold: ['live', 'held', 'heldForTransfer', 'unknown'],
  resume: ['held', 'heldForTransfer', 'live', 'unknown'],
  hangUp: ['ringingIn', 'dialing', 'live', 'held', 'heldForTransfer', 'ending', 'unknown'],
  transfer: ['live', 'held', 'heldForTransfer'],
  answer: ['ringingIn'],
  decline: ['ringingIn'],
  addParticipant: ['live'],
  leave: ['live'],
  consult: ['live', 'heldForTransfer'],
  completeTransfer: ['live', 'held'],
  merge: ['live', 'held'],
  cancelConsult: ['dialing', 'live', 'held'],
  freeLine: [],
};

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
  if (!ALLOWED[intent.type].includes(target.phase)) return refuse('CALL_WRONG_PHASE');
  const id = target.id;
  switch (intent.type) {
    case 'hold':
      return { ok: true, steps: mayBeTalking(target) ? [{ do: 'hold', sessionId: id, reason: intent.reason }] : [] };
    case 'resume':
      return target.phase === 'live' ? { ok: true, steps: [] } : then(freeLine(calls, id, 'hold'), { do: 'resume', sessionId: id });
    case 'hangUp':
      return { ok: true, steps: target.phase === 'ending' ? [] : [{ do: target.conference ? 'endAll' : 'end', sessionId: id }] };
    case 'transfer':
      return { ok: true, steps: [{ do: 'transfer', sessionId: id }] };
    case 'answer':
      return then(freeLine(calls, id, intent.mode), { do: 'answer', sessionId: id });
    case 'decline':
      return { ok: true, steps: [{ do: 'decline', sessionId: id }] };
    case 'addParticipant':
      return { ok: true, steps: [{ do: 'addMember', sessionId: id }] };
    case 'leave':
      return target.conference ? { ok: true, steps: [{ do: 'leave', sessionId: id }] } : refuse('CALL_NOT_CONFERENCE');
    case 'consult':
      return { ok: true, steps: target.phase === 'live' ? [{ do: 'hold', sessionId: id, reason: 'Transferring' }] : [] };
    case 'completeTransfer':
    case 'merge':
    case 'cancelConsult':
      return afterConsult(calls, target, intent.type);
  }
}

const refuse = (code: Refusal, blockedBy: string | null = null): Plan => ({ ok: false, code, blockedBy });

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
  const back: Plan = caller.phase === 'live' ? { ok: true, steps: [] } : then(freeLine(rest, caller.id, 'hold'), { do: 'resume', sessionId: caller.id });
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
