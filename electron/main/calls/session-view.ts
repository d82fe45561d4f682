/**
 * What the renderer sees of a session: the server's row plus what the cache knows (hold start).
 * `toSessionView` is the history/detail shape; `toCallView` the call board's (no log, a phase).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { isConference, isHeldState, phaseOf } from '../../shared/call-rules';
import type { CallAction, CallFailure, CallNote, CallView, SessionView } from '../../shared/contract';
import type { SessionInfo } from '../evo/dto';
import { answeredAt } from '../evo/session-times';
import { partyNumber, type CachedSession } from '../db/session-cache';
import type { Viewer } from '../services/auth-service';

export type { Viewer };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Who the agent is talking to: a name when Evo knows one, the number formatted otherwise. */
function party(info: SessionInfo): { displayName: string; number: string } {
  const number = partyNumber(info);
  return { displayName: (info.direction === 'Incoming' ? info.fromName : '') || nameOrNumber(info.displayName, number), number };
}

/** Who put a held call on hold, in the agent's words; empty when it is not held. */
function heldBy(info: SessionInfo, viewer: Viewer | null): string {
  if (!isHeldState(info)) return '';
  if (viewer && info.heldByUserId === viewer.userId) return viewer.name;
  return info.heldByUserId ? 'Another agent' : '';
}

const members = (info: SessionInfo) =>
  info.members.map((member) => ({
    displayName: member.displayName,
    identity: member.identity,
    callSid: member.callSid,
    role: member.role,
    callState: member.callState,
  }));

export function toSessionView({ info, heldSinceMs }: CachedSession, viewer: Viewer | null, note: CallNote | null = null): SessionView {
  const held = isHeldState(info);
  return {
    id: info.id,
    ...party(info),
    direction: info.direction,
    callState: info.callState,
    held,
    holdReason: info.holdReason,
    heldBy: heldBy(info, viewer),
    holdQueueName: info.holdQueueName,
    heldSince: held ? iso(heldSinceMs) : null,
    ended: info.ended,
    wasMissed: info.wasMissed,
    callSid: info.callSid,
    members: members(info),
    dateCreated: info.dateCreated,
    dateLastModified: info.dateLastModified,
    dateCompleted: info.dateCompleted,
    answeredAt: iso(answeredAt(info)),
    log: info.log,
    logOmitted: info.logOmitted ?? 0,
    note,
  };
}

/**
 * A call on the board; null for a session that is not an active call any more. `consultOf` is the
 * board's to fill (consult-links.ts): Evo does not say which call is a consult.
 */
export function toCallView(
  { info, heldSinceMs }: CachedSession,
  viewer: Viewer | null,
  { pending, failure }: { pending: CallAction | null; failure: CallFailure | null },
): CallView | null {
  // A hang-up or a drop-out in flight: the call is on its way out either way.
  const phase = phaseOf(info, pending === 'hangUp' || pending === 'leave');
  if (phase === null) return null;
  const held = isHeldState(info);
  return {
    id: info.id,
    phase,
    pending,
    failure,
    ...party(info),
    direction: info.direction,
    callState: info.callState,
    // Rows cached before this field existed have only the narrowed state.
    evoState: info.reportedCallState ?? info.callState,
    holdReason: info.holdReason,
    heldBy: heldBy(info, viewer),
    heldByMe: held && viewer !== null && info.heldByUserId === viewer.userId,
    holdQueueName: info.holdQueueName,
    heldSince: held ? iso(heldSinceMs) : null,
    answeredAt: iso(answeredAt(info)),
    queue: info.ringQueueId,
    callSid: info.callSid,
    members: members(info),
    dateCreated: info.dateCreated,
    consultOf: null,
    conference: isConference(info),
    promise: null,
    checkIns: 0,
  };
}

/** A bare number (Evo puts the number in displayName when it knows no name) reads formatted. */
function nameOrNumber(displayName: string, number: string): string {
  const name = displayName && displayName !== number ? displayName : number;
  if (!name) return 'Unknown caller';
  const parsed = /^[+\d][\d\s()-]*$/.test(name) ? parsePhoneNumberFromString(name) : undefined;
  return parsed?.isPossible() ? parsed.formatInternational() : name;
}
