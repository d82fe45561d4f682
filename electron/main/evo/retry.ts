/** Capped, fully jittered exponential backoff that honours the server's Retry-After. */
export interface RetryPolicy {
  /** Total attempts, first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 5_000 };

export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.round((policy.random ?? Math.random)() * ceiling);
  // Retry-After is the server's explicit wish: wait at least that long (the caller's deadline
  // decides whether waiting that long is still worth it).
  return retryAfterMs === null ? jittered : Math.max(jittered, retryAfterMs);
}

/**
 * The longest wait a Retry-After can impose: a server (or a proxy in front of it) asking for a day
 * must not leave an agent's calls unrefreshed for a day.
 */
export const RETRY_AFTER_CAP_MS = 5 * 60_000;

/** The statuses whose Retry-After is a request to slow down (RFC 9110 §10.2.3). */
export const asksToWait = (status: number): boolean => status === 429 || status === 503;

/**
 * Retry-After (RFC 9110) as delta-seconds or an HTTP date, in ms from `now` (wall time: an HTTP
 * date is one), capped at RETRY_AFTER_CAP_MS; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Math.min(RETRY_AFTER_CAP_MS, Number(text) * 1000);
  // An HTTP date names its day and month ("Wed, 21 Oct 2015 07:28:00 GMT"); without this check
  // Date.parse would also read "-5" or "1.5" as dates in 2001.
  if (!/[a-z]/i.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.min(RETRY_AFTER_CAP_MS, Math.max(0, date - now));
}
