import { AppError } from '../../shared/result';
import { isSafeSessionId } from '../../shared/session-id';

/** The id as one path segment; `.`/`..` and the like never reach the URL (shared/session-id.ts). */
export function sessionPath(sessionId: string, suffix = ''): string {
  if (!isSafeSessionId(sessionId)) {
    throw new AppError('EVO_BAD_SESSION_ID', 'That call has an id Evo Softphone cannot send safely, so nothing was sent to Evo Voice.');
  }
  return `/sessions/${encodeURIComponent(sessionId)}${suffix}`;
}
