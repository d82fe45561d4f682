/**
 * The poll loop on a monotonic clock that moves between two reads, as performance.now() does. On
 * a FakeClock that stands still between timers, "is the poll due? now >= next poll (read again)"
 * held; on a real clock the second read is always later, so an overdue poll was never sent: the
 * loop re-armed a 0 ms timer for ever. Seen as a live call polled once at sign-in and never again
 * (a changed password never met, an invited member never shown "On the call"), and as polling
 * stopped for good after a Retry-After wait. The real core against the simulator over loopback.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/clock';
import { DEMO_AGENT, useSignedInCore } from '../../support/core';

const MINUTE = 60_000;
const { polling } = useSignedInCore();

/**
 * A FakeClock whose monotonic reading moves on by a microsecond at every read. A loop that keeps
 * arming timers while time stands still fails the test (it would spin inside advance() for ever).
 */
function tickingClock(): FakeClock {
  const clock = new FakeClock();
  const still = clock.monotonic;
  let reads = 0;
  clock.monotonic = () => still() + ++reads / 1000;
  const arm = clock.setTimeout;
  let armedAt = Number.NaN;
  let sameInstant = 0;
  clock.setTimeout = (fn, ms) => {
    sameInstant = still() === armedAt ? sameInstant + 1 : 0;
    armedAt = still();
    if (sameInstant > 1000) throw new Error('timers keep being armed without time passing');
    return arm(fn, ms);
  };
  return clock;
}

async function agent() {
  return polling(tickingClock(), { history: 0 });
}

describe('the poll loop on a clock that moves between reads', () => {
  it('polls a live call every 5 s: 12 polls in a minute', async () => {
    const { t, polls, run } = await agent();
    expect(t.core.board.calls()).toHaveLength(1);
    const before = polls.length;
    await run(MINUTE);
    expect(polls.length - before).toBe(12);
  });

  it('after a 503 with Retry-After, polling resumes and a call that rang inside the wait shows', async () => {
    const { t, polls, run, sim } = await agent();
    sim.faults.set('active', { status: 503, retryAfter: 5, times: 1 });
    await run(5_000);
    expect(t.core.board.snapshot().connection).toBe('waiting');
    const asked = polls.length;
    sim.ring(DEMO_AGENT.email, { number: '+15550100321', name: 'Rita Ring' });
    await run(6_000);
    expect(polls.length - asked).toBe(1);
    expect(t.core.board.snapshot().connection).toBe('online');
    expect(t.core.board.calls().map((call) => call.displayName)).toContain('Rita Ring');
    await run(MINUTE);
    expect(polls.length - asked).toBe(1 + 12);
  });

  it("after a hold refused with 503 and Retry-After (the tester's repro), a ring shows once the wait ends", async () => {
    const { t, polls, run, sim } = await agent();
    sim.faults.set('hold', { status: 503, retryAfter: 5, times: 1 });
    const [live] = t.core.board.calls();
    await t.call('sessions.hold', { sessionId: live!.id });
    const asked = polls.length;
    sim.ring(DEMO_AGENT.email, { number: '+15550100321', name: 'Rita Ring' });
    await run(6_000);
    expect(polls.length - asked).toBeGreaterThanOrEqual(1);
    expect(t.core.board.snapshot().connection).toBe('online');
    expect(t.core.board.calls().map((call) => call.displayName)).toContain('Rita Ring');
  });
});
