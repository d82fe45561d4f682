/**
 * Resume (unhold) is NOT documented by Evo Voice. Our reading (../shared/evo-api §4): PatchSession
 * with `callState: Connected` and `holdReason: None`. This is the only place that knows it; swap
 * it here when Evo documents the real call.
 */
export interface EvoRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

export function resumeRequest(sessionId: string): EvoRequest {
  return {
    method: 'PATCH',
    path: `/sessions/${encodeURIComponent(sessionId)}`,
    body: { callState: 'Connected', holdReason: 'None' },
  };
}
