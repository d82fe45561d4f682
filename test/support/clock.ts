import type { Clock } from '../../electron/main/ports';

/**
 * A clock that moves only when told to; timers fire in order as (monotonic) time passes. The wall
 * clock moves with it, and can also be made to jump on its own (`jumpWall`) or to skip ahead while
 * the computer sleeps (`sleep`), as real ones do.
 */
export class FakeClock implements Clock {
  private time: number;
  private mono = 1_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  /** Every delay ever scheduled, in order. */
  readonly scheduled: number[] = [];

  constructor(start = Date.parse('2026-11-24T09:00:00Z')) {
    this.time = start;
  }

  now = () => this.time;

  monotonic = () => this.mono;

  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.mono + Math.max(0, ms), fn });
    this.scheduled.push(ms);
    return id;
  };

  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number);
  };

  /** Moves time forward, firing every timer that falls due, earliest first. */
  advance(ms: number): void {
    const end = this.mono + ms;
    for (;;) {
      const due = this.earliest(end);
      if (!due) break;
      this.timers.delete(due[0]);
      this.moveTo(due[1].at);
      due[1].fn();
    }
    this.moveTo(end);
  }

  /** The wall clock alone jumps (an NTP correction, a restored VM): no timer notices. */
  jumpWall(ms: number): void {
    this.time += ms;
  }

  /**
   * The computer sleeps for `ms` and wakes: the wall clock shows the time slept. The monotonic
   * clock stops meanwhile as Linux's and macOS's do; with `monotonicCounts` it runs on as Windows'
   * can, and every timer that fell due in the sleep fires at the instant of waking.
   */
  sleep(ms: number, { monotonicCounts = false } = {}): void {
    this.time += ms;
    if (!monotonicCounts) return;
    this.mono += ms;
    for (;;) {
      const due = this.earliest(this.mono);
      if (!due) break;
      this.timers.delete(due[0]);
      due[1].fn();
    }
  }

  private moveTo(mono: number): void {
    this.time += mono - this.mono;
    this.mono = mono;
  }

  private earliest(end: number): [number, { at: number; fn: () => void }] | undefined {
    let best: [number, { at: number; fn: () => void }] | undefined;
    for (const entry of this.timers) if (entry[1].at <= end && (!best || entry[1].at < best[1].at)) best = entry;
    return best;
  }

  pending(): number {
    return this.timers.size;
  }

  /** When (monotonic) the earliest timer falls due, null when none is set. */
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
    const end = this.mono + ms;
    await settle();
    for (let sameInstant = 0; ;) {
      const next = this.nextDue();
      if (next === null || next > end) break;
      sameInstant = next === this.mono ? sameInstant + 1 : 0;
      if (sameInstant > 1000) throw new Error('timers keep firing without time passing');
      this.advance(next - this.mono);
      await settle();
    }
    this.advance(end - this.mono);
    await settle();
  }
}

/**
 * A clock whose waits end at once, the time they asked for passing instantly: for the Evo client's
 * backoff and Retry-After waits, so a test sees what was waited without waiting it.
 */
export class InstantClock implements Clock {
  private time: number;
  private mono = 1_000_000;
  /** Every wait asked for, in order. */
  readonly waits: number[] = [];

  constructor(start = Date.now()) {
    this.time = start;
  }

  now = () => this.time;

  monotonic = () => this.mono;

  setTimeout = (fn: () => void, ms: number) => {
    this.waits.push(ms);
    this.time += ms;
    this.mono += ms;
    setImmediate(fn);
    return this.waits.length;
  };

  clearTimeout = () => undefined;
}
