/**
 * Conferences on Evo Voice. AddConferenceMember is documented (../shared/evo-api §4): it turns the
 * call into a conference if needed, dials the member and answers the SessionInfo. What EndSession
 * does inside a conference is NOT documented; our reading, kept here and nowhere else:
 * - with the agent's own `callSid`, only that leg hangs up: the agent drops out and the others keep
 *   talking (Twilio ends a conference only when a participant set to end it leaves);
 * - with no `callSid`, the whole session ends, for everyone on it.
 * Swap these when Evo documents them.
 */
import type { EvoRequest } from './request';

const sessionPath = (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`;

export function addMemberRequest(sessionId: string, callSid: string, destination: string, fromNumber?: string): EvoRequest {
  return {
    method: 'POST',
    path: `${sessionPath(sessionId)}/conference/members`,
    body: { sessionId, callSid, destination, ...(fromNumber ? { fromNumber } : {}) },
  };
}

/** INFERRED: EndSession with the agent's leg of a conference leaves the others talking. */
export function leaveRequest(sessionId: string, agentCallSid: string): EvoRequest {
  return { method: 'DELETE', path: sessionPath(sessionId), query: { callSid: agentCallSid } };
}

/** INFERRED: EndSession without a leg ends the conference for everyone. */
export function endForEveryoneRequest(sessionId: string): EvoRequest {
  return { method: 'DELETE', path: sessionPath(sessionId) };
}
