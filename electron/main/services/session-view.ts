/** What the renderer sees of a session: the server's row plus what the cache knows (hold start). */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { SessionView } from '../../shared/contract';
import type { SessionInfo } from '../evo/dto';
import { partyNumber, type CachedSession } from '../db/session-cache';

export interface Viewer {
  userId: string;
  name: string;
}

export function toSessionView({ info, heldSinceMs }: CachedSession, viewer: Viewer | null): SessionView {
  const held = info.callState === 'Hold' && !info.ended;
  const number = partyNumber(info);
  return {
    id: info.id,
    displayName: (info.direction === 'Incoming' ? info.fromName : '') || nameOrNumber(info.displayName, number),
    number,
    direction: info.direction,
    callState: info.callState,
    held,
    holdReason: info.holdReason,
    heldBy: !held ? '' : viewer && info.heldByUserId === viewer.userId ? viewer.name : info.heldByUserId ? 'Another agent' : '',
    holdQueueName: info.holdQueueName,
    heldSince: held && heldSinceMs !== null ? new Date(heldSinceMs).toISOString() : null,
    ended: info.ended,
    wasMissed: info.wasMissed,
    callSid: info.callSid,
    members: info.members.map((member) => ({
      displayName: member.displayName,
      identity: member.identity,
      callSid: member.callSid,
      role: member.role,
      callState: member.callState,
    })),
    dateCreated: info.dateCreated,
    dateLastModified: info.dateLastModified,
    dateCompleted: info.dateCompleted,
    log: info.log,
  };
}

/** A bare number (Evo puts the number in displayName when it knows no name) reads formatted. */
function nameOrNumber(displayName: string, number: string): string {
  const name = displayName && displayName !== number ? displayName : number;
  if (!name) return 'Unknown caller';
  const parsed = /^[+\d][\d\s()-]*$/.test(name) ? parsePhoneNumberFromString(name) : undefined;
  return parsed?.isPossible() ? parsed.formatInternational() : name;
}

/**
 * The agent's own leg, sent as HoldSession's "local call SID" when the renderer has no Twilio
 * call to name (inferred: the Agent member of the session, else the session's own CallSid).
 */
export function agentCallSid(info: SessionInfo): string {
  return info.members.find((member) => member.role === 'Agent' && member.callSid)?.callSid || info.callSid;
}
