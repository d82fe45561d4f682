import type { Clock } from '../../electron/main/ports';

/** A clock that moves only when told to; timers fire in order as time passes. */
export class FakeClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  /** Every delay ever scheduled, in order. */
  readonly scheduled: number[] = [];

  constructor(start = Date.parse('2026-11-24T09:00:00Z')) {
    this.time = start;
  }

  now = () => this.time;

  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    this.scheduled.push(ms);
    return id;
  };

  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };

  /** Moves time forward, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = end;
  }

  pending(): number {
    return this.timers.size;
  }

  /** When the earliest timer falls due, null when none is set. */
  nextDue(): number | null {
    let next: number | null = null;
    for (const timer of this.timers.values()) if (next === null || timer.at < next) next = timer.at;
    return next;
  }

  /**
   * Moves time forward timer by timer, letting the async work each timer starts (a sync over real
   * HTTP) finish before the next: `settle` resolves when it has. A loop that keeps re-arming at
   * the same instant fails here instead of hanging the test.
   */
  async run(ms: number, settle: () => Promise<void>): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (let sameInstant = 0; ; ) {
      const next = this.nextDue();
      if (next === null || next > end) break;
      sameInstant = next === this.time ? sameInstant + 1 : 0;
      if (sameInstant > 1000) throw new Error('timers keep firing without time passing');
      this.advance(next - this.time);
      await settle();
    }
    this.advance(end - this.time);
    await settle();
  }
}

/**
 * A clock whose waits end at once, the time they asked for passing instantly: for the Evo client's
 * backoff and Retry-After waits, so a test sees what was waited without waiting it.
 */
export class InstantClock implements Clock {
  private time: number;
  /** Every wait asked for, in order. */
  readonly waits: number[] = [];

  constructor(start = Date.now()) {
    this.time = start;
  }

  now = () => this.time;

  setTimeout = (fn: () => void, ms: number) => {
    this.waits.push(ms);
    this.time += ms;
    setImmediate(fn);
    return this.waits.length;
  };

  clearTimeout = () => undefined;
}
