import { describe, expect, it } from 'vitest';
import { HoldReminderScheduler, type Reminder } from '../../../electron/main/desktop/hold-reminders';
import { reminderOffset } from '../../../electron/shared/hold-escalation';
import { FakeClock } from '../../support/clock';

function setup(schedule = [30, 60]) {
  const clock = new FakeClock();
  const fired: Reminder[] = [];
  const scheduler = new HoldReminderScheduler(clock, () => schedule, (reminder) => fired.push(reminder));
  const at = (sec: number) => fired.map((r) => Math.round(r.heldForMs / 1000)).filter((s) => s <= sec);
  return { clock, fired, scheduler, at, schedule };
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
    const scheduler = new HoldReminderScheduler(clock, () => schedule, (r) => fired.push(r));
    scheduler.sync([{ sessionId: 'A', name: 'Jane', heldSinceMs: clock.now() }]);
    schedule = [10, 20, 50];
    scheduler.reschedule();
    clock.advance(120_000);
    expect(fired.map((r) => Math.round(r.heldForMs / 1000))).toEqual([10, 20, 50, 100]);
  });

  it('computes offsets: the last interval repeats', () => {
    expect([0, 1, 2, 3].map((i) => reminderOffset([30, 60], i) / 1000)).toEqual([30, 60, 120, 180]);
    expect([0, 1, 2].map((i) => reminderOffset([45], i) / 1000)).toEqual([45, 90, 135]);
  });
});
