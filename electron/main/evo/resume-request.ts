/**
 * Resume (unhold) is NOT documented by Evo Voice. Our reading (docs/evo-api.md, "Resume"):
 * PatchSession with `callState: Connected` and `holdReason: None`. This is the only place that
 * knows it; swap it here when Evo documents the real call.
 */
import type { EvoRequest } from './request';

export function resumeRequest(sessionId: string): EvoRequest {
  return {
    method: 'PATCH',
    path: `/sessions/${encodeURIComponent(sessionId)}`,
    body: { callState: 'Connected', holdReason: 'None' },
  };
}
