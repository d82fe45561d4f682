/**
 * The rules of the agent's calls, written once: which phase a session is in, which leg is the
 * agent's, which call is current. What each action sends (and in which order, so that the agent
 * never has two calls connected at once) is its row in call-action-table.ts. Main's call board, the desktop (hotkey, tray,
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
export const isHeldState = (facts: Pick<CallFacts, 'callState' | 'ended'>): boolean => facts.callState === 'Hold' && !facts.ended;

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
