import { describe, expect, it } from 'vitest';
import { HoldReminderScheduler, type Reminder } from '../../../electron/main/desktop/hold-reminders';
import { reminderOffset } from '../../../electron/shared/hold-escalation';
import { FakeClock } from '../../support/clock';

function setup(schedule = [30, 60]) {
  const clock = new FakeClock();
  const fired: Reminder[] = [];
  const batches: Reminder[][] = [];
  const scheduler = new HoldReminderScheduler(
    clock,
    () => schedule,
    (due) => {
      batches.push([...due]);
      fired.push(...due);
    },
  );
  const at = (sec: number) => fired.map((r) => Math.round(r.heldForMs / 1000)).filter((s) => s <= sec);
  return { clock, fired, batches, scheduler, at, schedule };
}

describe('hold reminders (fake clock)', () => {
  it('reminds after 30 s, 60 s, then every 60 s, each more insistent', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.sync([{ sessionId: 'A', name: 'Jane Doe', heldSinceMs: clock.now() }]);
    clock.advance(29_000);
    expect(fired).toEqual([]);
    clock.advance(1_000);
    expect(fired).toHaveLength(1);
    clock.advance(210_000);
    expect(fired.map((r) => [Math.round(r.heldForMs / 1000), r.level])).toEqual([
      [30, 1],
      [60, 2],
      [120, 3],
      [180, 4],
      [240, 5],
    ]);
    expect(fired.every((r) => r.name === 'Jane Doe' && r.sessionId === 'A')).toBe(true);
  });

  it('stops when the call is resumed or ends', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.sync([
      { sessionId: 'A', name: 'Jane', heldSinceMs: clock.now() },
      { sessionId: 'B', name: 'Bob', heldSinceMs: clock.now() },
    ]);
    clock.advance(31_000);
    expect(fired.map((r) => r.sessionId).sort()).toEqual(['A', 'B']);
    scheduler.sync([{ sessionId: 'B', name: 'Bob', heldSinceMs: clock.now() - 31_000 }]);
    scheduler.sync([]);
    clock.advance(600_000);
    expect(fired).toHaveLength(2);
    expect(clock.pending()).toBe(0);
  });

  it('starts over when the call is held again after a resume', () => {
    const { clock, fired, scheduler } = setup();
    const first = clock.now();
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: first }]);
    clock.advance(45_000);
    scheduler.sync([]);
    clock.advance(10_000);
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: clock.now() }]);
    clock.advance(30_000);
    expect(fired.map((r) => r.level)).toEqual([1, 1]);
  });

  it('does not restart the schedule when the same hold is seen again', () => {
    const { clock, fired, scheduler } = setup();
    const since = clock.now();
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: since }]);
    clock.advance(20_000);
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: since }]);
    clock.advance(10_000);
    expect(fired.map((r) => r.level)).toEqual([1]);
  });

  it('after a restart with a call still held, continues from the hold start without a burst', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: clock.now() - 150_000 }]);
    clock.advance(1_000);
    expect(fired).toEqual([]);
    clock.advance(29_000);
    expect(fired.map((r) => [Math.round(r.heldForMs / 1000), r.level])).toEqual([[180, 4]]);
  });

  it('follows changed intervals', () => {
    const clock = new FakeClock();
    let schedule = [30, 60];
    const fired: Reminder[] = [];
    const scheduler = new HoldReminderScheduler(
      clock,
      () => schedule,
      (due) => fired.push(...due),
    );
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: clock.now() }]);
    schedule = [10, 20, 50];
    scheduler.reschedule();
    clock.advance(120_000);
    expect(fired.map((r) => Math.round(r.heldForMs / 1000))).toEqual([10, 20, 50, 100]);
  });

  it('keeps its pace when the wall clock is set back an hour', () => {
    const { clock, fired, scheduler } = setup();
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: clock.now() }]);
    clock.advance(10_000);
    clock.jumpWall(-3_600_000);
    clock.advance(170_000);
    expect(fired.map((r) => [Math.round(r.heldForMs / 1000), r.level])).toEqual([
      [30, 1],
      [60, 2],
      [120, 3],
      [180, 4],
    ]);
    expect(scheduler.heldForMs('A')).toBe(180_000);
  });

  it('sends nothing extra when the wall clock jumps an hour forward', () => {
    const { clock, fired, scheduler } = setup();
    const since = clock.now();
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: since }]);
    clock.advance(40_000);
    clock.jumpWall(3_600_000);
    // The board shows the same hold again after the jump (a poll): it is still the same hold.
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: since }]);
    clock.advance(1_000);
    expect(fired.map((r) => r.level)).toEqual([1]);
    clock.advance(19_000);
    expect(fired.map((r) => [Math.round(r.heldForMs / 1000), r.level])).toEqual([
      [30, 1],
      [60, 2],
    ]);
  });

  it('after a sleep that the monotonic clock counts, wakes with one summary, not a burst', () => {
    const { clock, batches, scheduler } = setup();
    scheduler.sync([
      { sessionId: 'A', name: 'Jane', heldSinceMs: clock.now() },
      { sessionId: 'B', name: 'Bob', heldSinceMs: clock.now() + 2_000 },
    ]);
    clock.advance(2_000);
    clock.sleep(3_600_000, { monotonicCounts: true });
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((r) => [r.sessionId, Math.round(r.heldForMs / 1000)])).toEqual([
      ['A', 3602],
      ['B', 3602],
    ]);
    // The next reminder is the next due by the schedule, not the 59 that were skipped.
    clock.advance(59_000);
    expect(batches).toHaveLength(2);
    expect(batches[1]!.map((r) => Math.round(r.heldForMs / 1000))).toEqual([3660, 3660]);
  });

  it('after a sleep that stops the monotonic clock, wakes with one summary at the length the callers waited', () => {
    const { clock, batches, scheduler } = setup();
    const since = clock.now();
    scheduler.sync([
      { sessionId: 'A', name: 'Jane', heldSinceMs: since },
      { sessionId: 'B', name: 'Bob', heldSinceMs: since + 5_000 },
    ]);
    clock.advance(20_000);
    clock.sleep(3_600_000);
    scheduler.sync([
      { sessionId: 'A', name: 'Jane', heldSinceMs: since },
      { sessionId: 'B', name: 'Bob', heldSinceMs: since + 5_000 },
    ]);
    scheduler.woke();
    expect(batches.map((batch) => batch.map((r) => [r.sessionId, Math.round(r.heldForMs / 1000), r.level]))).toEqual([
      [
        ['A', 3620, 61],
        ['B', 3615, 61],
      ],
    ]);
    expect(scheduler.heldForMs('A')).toBe(3_620_000);
    // Then each caller's next reminder when its next period comes, one each.
    clock.advance(60_000);
    expect(batches.slice(1).map((batch) => batch.map((r) => [r.sessionId, Math.round(r.heldForMs / 1000)]))).toEqual([
      [['A', 3660]],
      [['B', 3660]],
    ]);
  });

  it('computes offsets: the last interval repeats', () => {
    expect([0, 1, 2, 3].map((i) => reminderOffset([30, 60], i) / 1000)).toEqual([30, 60, 120, 180]);
    expect([0, 1, 2].map((i) => reminderOffset([45], i) / 1000)).toEqual([45, 90, 135]);
  });
});
