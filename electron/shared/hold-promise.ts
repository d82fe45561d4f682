/**
 * Promised holds, written once: every hold carries a promise ("back in a minute") that counts from
 * the hold's start (seen by this app, or read from Evo for a hold made elsewhere), the countdown
 * and its words, when reminders fall due, which caller is the most overdue, and a call's hold
 * hygiene. Main's board, reminders, tray and cache and the renderer all import this module.
 * Pure: no I/O, no clock of its own (every function takes `nowMs`).
 */

/** What the held card's Promise select offers, in minutes. */
export const PROMISE_CHOICES = [1, 2, 5, 10] as const;
/** What Settings offers as the default hold promise, in minutes. */
export const DEFAULT_PROMISE_CHOICES = [1, 2, 3, 5] as const;
export const DEFAULT_PROMISE_MINUTES = 1;
/** A promise minute. The browser harness shortens it (EVO_PROMISE_MINUTE_MS) so a test can go over. */
export const MINUTE_MS = 60_000;

export type PromiseMinutes = (typeof PROMISE_CHOICES)[number] | (typeof DEFAULT_PROMISE_CHOICES)[number];

export const isPromiseMinutes = (value: number): value is PromiseMinutes =>
  (PROMISE_CHOICES as readonly number[]).includes(value) || (DEFAULT_PROMISE_CHOICES as readonly number[]).includes(value);

/** The promise a hold was given and kept (per session, per hold start). */
export interface KeptPromise {
  heldSinceMs: number;
  minutes: number;
}

/**
 * The promise of the hold that began at `heldSinceMs`: the one kept for that very hold (the agent
 * changed it), else the default. A new hold (a check-in then Back on hold, a resume then a hold)
 * starts again from the default: what was promised for an earlier hold is moot.
 */
export function promiseMinutesFor(heldSinceMs: number, kept: KeptPromise | null, defaultMinutes: number): number {
  return kept && kept.heldSinceMs === heldSinceMs ? kept.minutes : defaultMinutes;
}

/** When the promise runs out (epoch ms): it counts from the hold's start, whoever saw it begin. */
export const promiseEndsAt = (heldSinceMs: number, minutes: number, minuteMs = MINUTE_MS): number => heldSinceMs + minutes * minuteMs;

export type Countdown = { over: false; leftMs: number } | { over: true; overByMs: number };

export function countdown(endsAtMs: number, nowMs: number): Countdown {
  return nowMs <= endsAtMs ? { over: false, leftMs: endsAtMs - nowMs } : { over: true, overByMs: nowMs - endsAtMs };
}

/** 45_000 -> "0:45", 125_000 -> "2:05", an hour or more -> "1:02:05". */
export function clockText(ms: number, round: 'up' | 'down' = 'down'): string {
  const seconds = Math.max(0, round === 'up' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "Back in 0:45" within the promise (rounded up: it starts at the whole minute), "Over by 0:12" after it. */
export function countdownText(state: Countdown): string {
  return state.over ? `Over by ${clockText(state.overByMs)}` : `Back in ${clockText(state.leftMs, 'up')}`;
}

/** "1 min", "10 min": the select's and the notifications' words. */
export const minutesText = (minutes: number): string => `${minutes} min`;

/**
 * When reminder number `index` (0: the promise ran out) falls due, after the hold's start: at the
 * promise's end, then once per promise period after it.
 */
export const promiseReminderOffset = (promiseMs: number, index: number): number => (index + 1) * Math.max(1, promiseMs);

/**
 * How many reminders a hold of this length has had: 0 within the promise, 1 once it ran out, 2 a
 * period later... A reminder sent late (a restart, a sleep) is the one at the level reached: the
 * ones skipped are not replayed, never a burst.
 */
export const promiseReminderLevel = (promiseMs: number, heldForMs: number): number =>
  heldForMs < promiseMs ? 0 : Math.floor((heldForMs - promiseMs) / Math.max(1, promiseMs)) + 1;

/** A reminder's words, "Omar Held" / "promised back 1 min ago, on hold 2:00". */
export function reminderWords(name: string, overByMs: number, heldForMs: number, minuteMs = MINUTE_MS): { title: string; body: string } {
  const minutesAgo = Math.floor(overByMs / minuteMs);
  const ago = minutesAgo < 1 ? 'just now' : `${minutesText(minutesAgo)} ago`;
  return { title: `${name} Held`, body: `promised back ${ago}, on hold ${clockText(heldForMs)}` };
}

/** The held caller most overdue (the check-in hotkey's): the earliest promise end; none held, null. */
export function mostOverdue<C extends { id: string; promiseEndsAtMs: number | null }>(held: readonly C[]): C | null {
  let best: C | null = null;
  for (const call of held) {
    if (call.promiseEndsAtMs === null) continue;
    if (!best || call.promiseEndsAtMs < best.promiseEndsAtMs!) best = call;
  }
  return best;
}

/** "1 check-in", "3 check-ins"; nothing before the first. */
export const checkInsText = (count: number): string => (count <= 0 ? '' : `${count} check-in${count === 1 ? '' : 's'}`);

/** One hold of a call as the cache keeps it, with the promise it was given. */
export interface PromisedSpan {
  startedMs: number;
  /** Null while the hold goes on (it counts to `nowMs`). */
  endedMs: number | null;
  promiseMs: number;
}

export interface HoldHygiene {
  holds: number;
  holdMs: number;
  longestHoldMs: number;
  checkIns: number;
  /** Holds that lasted longer than they were promised. */
  overPromise: number;
}

export function holdHygiene(spans: readonly PromisedSpan[], checkIns: number, nowMs: number): HoldHygiene {
  let holdMs = 0;
  let longestHoldMs = 0;
  let overPromise = 0;
  for (const span of spans) {
    const length = Math.max(0, (span.endedMs ?? nowMs) - span.startedMs);
    holdMs += length;
    longestHoldMs = Math.max(longestHoldMs, length);
    if (length > span.promiseMs) overPromise += 1;
  }
  return { holds: spans.length, holdMs, longestHoldMs, checkIns, overPromise };
}
