/**
 * Reminders while a call stays on hold: after the configured delays (default 30 s, 60 s), then
 * again every last interval, each one more insistent. Driven by a Clock port; knows nothing of
 * notifications. After a restart it picks up from the hold's real start without replaying the
 * reminders that were missed.
 */
import { reminderLevel, reminderOffset } from '../../shared/hold-escalation';
import type { Clock } from '../ports';

export interface HeldCall {
  sessionId: string;
  name: string;
  heldSinceMs: number;
}

export interface Reminder {
  sessionId: string;
  name: string;
  /** 1 for the first reminder of this hold, 2 for the second, ... */
  level: number;
  heldForMs: number;
}

export class HoldReminderScheduler {
  private readonly timers = new Map<string, { heldSinceMs: number; timer: unknown; name: string }>();

  constructor(
    private readonly clock: Clock,
    private readonly schedule: () => readonly number[],
    private readonly remind: (reminder: Reminder) => void,
  ) {}

  /** Makes the reminders match the calls now on hold: new holds start, gone ones stop. */
  sync(held: readonly HeldCall[]): void {
    const live = new Set(held.map((call) => call.sessionId));
    for (const id of [...this.timers.keys()]) if (!live.has(id)) this.cancel(id);
    for (const call of held) {
      const current = this.timers.get(call.sessionId);
      if (current && current.heldSinceMs === call.heldSinceMs) {
        current.name = call.name;
        continue;
      }
      // A new hold (or a re-hold after a resume): start over from its own start.
      this.cancel(call.sessionId);
      this.plan(call.sessionId, call.name, call.heldSinceMs);
    }
  }

  /** Changing the intervals replans every running reminder. */
  reschedule(): void {
    const entries = [...this.timers.entries()];
    for (const [id] of entries) this.cancel(id);
    for (const [id, entry] of entries) this.plan(id, entry.name, entry.heldSinceMs);
  }

  stop(): void {
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }

  pendingFor(sessionId: string): boolean {
    return this.timers.has(sessionId);
  }

  private plan(sessionId: string, name: string, heldSinceMs: number): void {
    // Reminders a restart missed are not replayed: the next one is the next due.
    this.arm(sessionId, name, heldSinceMs, reminderLevel(this.schedule(), this.clock.now() - heldSinceMs));
  }

  private arm(sessionId: string, name: string, heldSinceMs: number, index: number): void {
    const due = heldSinceMs + reminderOffset(this.schedule(), index);
    const entry = { heldSinceMs, name, timer: null as unknown };
    entry.timer = this.clock.setTimeout(() => {
      if (this.timers.get(sessionId) !== entry) return;
      this.remind({ sessionId, name: entry.name, level: index + 1, heldForMs: this.clock.now() - heldSinceMs });
      this.arm(sessionId, entry.name, heldSinceMs, index + 1);
    }, Math.max(0, due - this.clock.now()));
    this.timers.set(sessionId, entry);
  }

  private cancel(sessionId: string): void {
    const entry = this.timers.get(sessionId);
    if (entry) this.clock.clearTimeout(entry.timer);
    this.timers.delete(sessionId);
  }
}
