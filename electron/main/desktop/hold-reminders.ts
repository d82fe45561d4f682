/**
 * Reminders while a call stays on hold: after the configured delays (default 30 s, 60 s), then
 * again every last interval, each one more insistent. Driven by a Clock port; knows nothing of
 * notifications. After a restart it picks up from the hold's real start without replaying the
 * reminders that were missed.
 *
 * Every wait here is on the monotonic clock: a hold's start (wall time, from Evo or the cache) is
 * turned into a monotonic one once, when the hold is first seen, so a wall clock that jumps later
 * (NTP, a restored VM) neither stops the reminders nor fires a backlog. One timer serves every held
 * call: reminders that fall due together (a laptop waking, several holds started at once) reach
 * `remind` as one list, and a reminder that fell due late never replays the levels it skipped.
 */
import { reminderLevel, reminderOffset } from '../../shared/hold-escalation';
import { promiseReminderLevel, promiseReminderOffset } from '../../shared/hold-promise';
import type { Clock } from '../ports';

export interface HeldCall {
  sessionId: string;
  name: string;
  /** When the hold began, wall time: it also tells one hold from the next. */
  heldSinceMs: number;
  /** What the caller was promised: reminders come when it runs out, then once per promise period. */
  promise?: HoldPromiseLength | null;
}

export interface HoldPromiseLength {
  minutes: number;
  ms: number;
}

export interface Reminder {
  sessionId: string;
  name: string;
  /** 1 for the first reminder of this hold, 2 for the second, ... */
  level: number;
  heldForMs: number;
  promise?: HoldPromiseLength;
}

interface Hold {
  name: string;
  heldSinceMs: number;
  promise: HoldPromiseLength | null;
  /** The hold's start on the monotonic clock. */
  startedAt: number;
  /** Index of the next reminder due (0: the first). */
  next: number;
}

export class HoldReminderScheduler {
  private readonly holds = new Map<string, Hold>();
  private timer: unknown = null;

  constructor(
    private readonly clock: Clock,
    private readonly schedule: () => readonly number[],
    /** The reminders due at one moment, longest hold first; never empty. */
    private readonly remind: (due: readonly Reminder[]) => void,
  ) {}

  /** Makes the reminders match the calls now on hold: new holds start, gone ones stop. */
  sync(held: readonly HeldCall[]): void {
    const live = new Set(held.map((call) => call.sessionId));
    for (const id of [...this.holds.keys()]) if (!live.has(id)) this.holds.delete(id);
    for (const call of held) {
      const current = this.holds.get(call.sessionId);
      if (current && current.heldSinceMs === call.heldSinceMs) {
        current.name = call.name;
        if (current.promise?.ms !== call.promise?.ms) {
          // The agent changed the promise: the reminders follow the new one from the same start.
          current.promise = call.promise ?? null;
          current.next = this.levelOf(current, this.heldFor(current));
        }
        continue;
      }
      // A new hold (or a re-hold after a resume): the wall clock is read once, here, to learn how
      // long it has already lasted (a restart); a wall clock behind the hold's start counts as 0.
      const heldForMs = Math.max(0, this.clock.now() - call.heldSinceMs);
      // Reminders a restart missed are not replayed: the next one is the next due.
      const hold: Hold = {
        name: call.name,
        heldSinceMs: call.heldSinceMs,
        promise: call.promise ?? null,
        startedAt: this.clock.monotonic() - heldForMs,
        next: 0,
      };
      hold.next = this.levelOf(hold, heldForMs);
      this.holds.set(call.sessionId, hold);
    }
    this.arm();
  }

  /** Changing the intervals replans every running reminder. */
  reschedule(): void {
    for (const hold of this.holds.values()) hold.next = this.levelOf(hold, this.heldFor(hold));
    this.arm();
  }

  stop(): void {
    this.holds.clear();
    this.arm();
  }

  pendingFor(sessionId: string): boolean {
    return this.holds.has(sessionId);
  }

  /**
   * The computer woke from sleep. Linux's and macOS's monotonic clocks stop while asleep, yet the
   * callers waited all along: each hold takes the longer of its two lengths (monotonic, or by the
   * wall clock, which counted the sleep), and what fell due reaches the agent as one summary.
   */
  woke(): void {
    const wall = this.clock.now();
    for (const hold of this.holds.values()) {
      hold.startedAt = this.clock.monotonic() - Math.max(this.heldFor(hold), wall - hold.heldSinceMs);
    }
    this.fire();
  }

  /** How long this call has been on hold, on the monotonic clock; null when it is not held. */
  heldForMs(sessionId: string): number | null {
    const hold = this.holds.get(sessionId);
    return hold ? this.heldFor(hold) : null;
  }

  private heldFor(hold: Hold): number {
    return this.clock.monotonic() - hold.startedAt;
  }

  /** By the promise when the hold has one (every hold on the board does), else by Settings' schedule. */
  private dueAt(hold: Hold): number {
    return hold.startedAt + (hold.promise ? promiseReminderOffset(hold.promise.ms, hold.next) : reminderOffset(this.schedule(), hold.next));
  }

  private levelOf(hold: Hold, heldForMs: number): number {
    return hold.promise ? promiseReminderLevel(hold.promise.ms, heldForMs) : reminderLevel(this.schedule(), heldForMs);
  }

  private arm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    let due = Number.POSITIVE_INFINITY;
    for (const hold of this.holds.values()) due = Math.min(due, this.dueAt(hold));
    if (due === Number.POSITIVE_INFINITY) return;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.fire();
      },
      Math.max(0, due - this.clock.monotonic()),
    );
  }

  private fire(): void {
    const now = this.clock.monotonic();
    const due: Reminder[] = [];
    for (const [sessionId, hold] of this.holds) {
      if (this.dueAt(hold) > now) continue;
      const heldForMs = now - hold.startedAt;
      // However late this fires (a sleep that Windows' monotonic clock counts), one reminder, at
      // the level the hold has reached; the next is the next still to come.
      const level = this.levelOf(hold, heldForMs);
      hold.next = level;
      due.push({ sessionId, name: hold.name, level, heldForMs, ...(hold.promise ? { promise: hold.promise } : {}) });
    }
    this.arm();
    if (due.length > 0) this.remind(due.sort((a, b) => b.heldForMs - a.heldForMs));
  }
}
