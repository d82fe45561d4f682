import { describe, expect, it } from 'vitest';
import {
  checkInsText,
  countdown,
  countdownText,
  holdHygiene,
  mostOverdue,
  promiseEndsAt,
  promiseMinutesFor,
  promiseReminderLevel,
  promiseReminderOffset,
  reminderWords,
  type KeptPromise,
} from '../../../electron/shared/hold-promise';
import { FakeClock } from '../../support/clock';

const MIN = 60_000;

/** A hold as the board sees it: its start, and the promise kept for it (if the agent changed it). */
function hold(clock: FakeClock, heldSinceMs = clock.now(), kept: KeptPromise | null = null, defaultMinutes = 1) {
  const words = () => {
    const minutes = promiseMinutesFor(heldSinceMs, kept, defaultMinutes);
    return countdownText(countdown(promiseEndsAt(heldSinceMs, minutes), clock.now()));
  };
  return { heldSinceMs, words, change: (minutes: number) => (kept = { heldSinceMs, minutes }) };
}

describe('hold promise rules (fake clock)', () => {
  it('within the promise: counts down from the whole promise to zero', () => {
    const clock = new FakeClock();
    const held = hold(clock);
    expect(held.words()).toBe('Back in 1:00');
    clock.advance(15_000);
    expect(held.words()).toBe('Back in 0:45');
    clock.advance(44_500);
    expect(held.words()).toBe('Back in 0:01');
    clock.advance(500);
    expect(held.words()).toBe('Back in 0:00');
  });

  it('over the promise: counts up how late the agent is', () => {
    const clock = new FakeClock();
    const held = hold(clock);
    clock.advance(MIN + 12_000);
    expect(held.words()).toBe('Over by 0:12');
    clock.advance(2 * MIN);
    expect(held.words()).toBe('Over by 2:12');
  });

  it('changed: a longer promise counts from the same hold start, not from the change', () => {
    const clock = new FakeClock();
    const held = hold(clock);
    clock.advance(70_000);
    expect(held.words()).toBe('Over by 0:10');
    held.change(5);
    expect(held.words()).toBe('Back in 3:50');
    held.change(2);
    expect(held.words()).toBe('Back in 0:50');
  });

  it('the default promise from Settings applies to a hold nobody changed', () => {
    const clock = new FakeClock();
    const held = hold(clock, clock.now(), null, 3);
    clock.advance(MIN);
    expect(held.words()).toBe('Back in 2:00');
  });

  it('check-in resets: the next hold starts from the default again, whatever the last one was promised', () => {
    const clock = new FakeClock();
    const first = hold(clock);
    first.change(10);
    clock.advance(3 * MIN);
    expect(first.words()).toBe('Back in 7:00');
    // Check in (resume), talk 20 s, Back on hold: a new hold start, and the kept promise is the old hold's.
    clock.advance(20_000);
    const kept: KeptPromise = { heldSinceMs: first.heldSinceMs, minutes: 10 };
    const again = hold(clock, clock.now(), kept);
    expect(again.words()).toBe('Back in 1:00');
    clock.advance(61_000);
    expect(again.words()).toBe('Over by 0:01');
  });

  it('seen elsewhere: a hold made before sign-in counts from the start Evo reports, so it can be over at once', () => {
    const clock = new FakeClock();
    const startedElsewhere = clock.now() - 3 * MIN;
    expect(hold(clock, startedElsewhere).words()).toBe('Over by 2:00');
    expect(hold(clock, clock.now() - 20_000).words()).toBe('Back in 0:40');
  });

  it('reminders: at the promise end, then one per promise period; none replayed after a gap', () => {
    expect(promiseReminderOffset(2 * MIN, 0)).toBe(2 * MIN);
    expect(promiseReminderOffset(2 * MIN, 1)).toBe(4 * MIN);
    expect(promiseReminderLevel(2 * MIN, MIN)).toBe(0);
    expect(promiseReminderLevel(2 * MIN, 2 * MIN)).toBe(1);
    // Back after 11 minutes: one reminder, at the level reached (5), not four at once.
    expect(promiseReminderLevel(2 * MIN, 11 * MIN)).toBe(5);
  });

  it('reminder words name the caller, how long ago the promise ran out and the time on hold', () => {
    const line = (words: { title: string; body: string }) => `${words.title}: ${words.body}`;
    expect(line(reminderWords('Omar', MIN, 2 * MIN))).toBe('Omar Held: promised back 1 min ago, on hold 2:00');
    expect(line(reminderWords('Omar', 0, MIN))).toBe('Omar Held: promised back just now, on hold 1:00');
  });

  it('the most overdue caller is the one whose promise ran out first', () => {
    const calls = [
      { id: 'a', promiseEndsAtMs: 5_000 },
      { id: 'b', promiseEndsAtMs: 2_000 },
      { id: 'c', promiseEndsAtMs: null },
    ];
    expect(mostOverdue(calls)?.id).toBe('b');
    expect(mostOverdue([])).toBeNull();
  });

  it('hold hygiene: holds, time on hold, longest hold and holds over their promise', () => {
    const spans = [
      { startedMs: 0, endedMs: 50_000, promiseMs: MIN },
      { startedMs: 100_000, endedMs: 190_000, promiseMs: MIN },
      { startedMs: 200_000, endedMs: null, promiseMs: 5 * MIN },
    ];
    expect(holdHygiene(spans, 2, 230_000)).toEqual({ holds: 3, holdMs: 170_000, longestHoldMs: 90_000, checkIns: 2, overPromise: 1 });
    expect(checkInsText(0)).toBe('');
    expect(checkInsText(1)).toBe('1 check-in');
    expect(checkInsText(2)).toBe('2 check-ins');
  });
});
