/**
 * How often the app asks Evo for the agent's active sessions. Evo publishes no push (evo-api
 * README §4), so the app polls; a call centre runs hundreds of these apps against one account, so
 * every poll is paid for by Evo. The pace follows the moment: quick while the agent has a call
 * (a held caller's state matters), slow when idle, and events that mean "something changed"
 * (the phone rang, a call ended, the network or the computer came back, an action failed) ask
 * for one refresh at once instead of a faster loop. Pure functions: the sync loop (sync-loop.ts) runs them.
 */

/** With a live, ringing or held call: at most one poll in this long. */
export const POLL_WITH_CALLS_MS = 5_000;
/** With no active session: at most one poll in this long. */
export const POLL_IDLE_MS = 20_000;
/** While Evo fails, the pace halves per failure down to one attempt in this long. */
export const MAX_BACKOFF_MS = 60_000;
/**
 * While Evo cannot be reached at all (no answer: connection refused or reset, no route, DNS), one
 * attempt in this long, whatever the backoff says: such an attempt never reaches Evo, so it costs
 * Evo nothing, and it is what notices Evo (or the network) coming back within 5 s. A server that
 * answers with an error, or too slowly, is there and struggling: that is what backs off.
 */
export const UNREACHABLE_RETRY_MS = 4_000;
/** Refresh events this close together share one request (focus and visibilitychange come in pairs). */
export const REFRESH_COALESCE_MS = 200;

/** What asked for a refresh outside the loop. */
export type RefreshReason = 'incoming' | 'disconnect' | 'focus' | 'online' | 'wake' | 'actionFailed';

export interface PollFacts {
  /** Sessions on the call board (ringing, dialing, live, held, ending). */
  calls: number;
  /** Failed syncs in a row. */
  failures: number;
  /** The last failure got no answer from Evo at all (EVO_UNREACHABLE). */
  unreachable?: boolean;
}

/** How long after the last request the loop sends the next one. */
export function pollDelay({ calls, failures, unreachable = false }: PollFacts): number {
  const base = calls > 0 ? POLL_WITH_CALLS_MS : POLL_IDLE_MS;
  if (failures === 0) return base;
  const backoff = Math.min(MAX_BACKOFF_MS, base * 2 ** failures);
  return unreachable ? Math.min(backoff, UNREACHABLE_RETRY_MS) : backoff;
}

/**
 * Whether an event is worth a request now. Events that mean the agent's calls changed always
 * are; focus only says "the agent is looking", so it refreshes only a board older than the
 * quick pace (an agent switching windows all day must not become a poll loop of its own).
 */
export function wantsRefresh(reason: RefreshReason, msSinceLastRequest: number): boolean {
  return reason !== 'focus' || msSinceLastRequest >= POLL_WITH_CALLS_MS;
}
