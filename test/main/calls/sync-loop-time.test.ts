/**
 * The poll loop over time (issue #22, items 1 and 2): a wall clock that jumps, Evo asking us to
 * wait with Retry-After, and a failing poll. The real core against the simulator over loopback,
 * on a fake clock; each test counts the requests Evo receives for the active list.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/clock';
import { useSignedInCore } from '../../support/core';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const { polling } = useSignedInCore();

/** A signed-in agent with a live call; `polls` holds the monotonic moment of each poll Evo received. */
async function agent({ liveCall = true } = {}) {
  return polling(new FakeClock(), { history: 0, liveCall });
}

const since = (polls: number[], from: number) => polls.filter((at) => at > from).length;

describe('the poll loop keeps its pace whatever the wall clock does', () => {
  it.each([
    ['set back an hour', -HOUR],
    ['set forward an hour', HOUR],
  ])('wall clock %s: 120 polls in the next 10 minutes, as without the jump', async (_name, jump) => {
    const { clock, polls, run } = await agent();
    await run(MINUTE);
    const from = clock.monotonic();
    clock.jumpWall(jump);
    await run(10 * MINUTE);
    expect(since(polls, from)).toBe(120);
  });
});

describe('Evo asking us to wait (Retry-After on 429 and 503)', () => {
  it.each([
    ['503, Retry-After: 120', 503, (_clock: FakeClock) => 120, 120_000],
    ['429, Retry-After as an HTTP date', 429, (clock: FakeClock) => new Date(clock.now() + 125_000).toUTCString(), 120_000], // read 5 s later, at the poll,
    ['503, Retry-After: a day (honoured for 5 minutes)', 503, (_clock: FakeClock) => 86_400, 5 * MINUTE],
  ])(
    '%s: no poll inside the window, a definite state, the calls stay, polling comes back alone',
    async (_name, status, retryAfter, windowMs) => {
      const { t, clock, polls, run, sim } = await agent();
      await run(5_000);
      sim.faults.set('active', { status, retryAfter: retryAfter(clock), times: 1 });
      const before = polls.length;
      await run(5_000);
      expect(polls.length - before).toBe(1);
      const askedAt = polls.at(-1)!;
      await run(windowMs - 40_000);
      expect(polls.length - before).toBe(1);
      const board = t.core.board.snapshot();
      expect(board.connection).toBe('waiting');
      expect(board.error?.message).toBe('Evo Voice asked us to wait: next try in 0:40.');
      expect(board.calls).toHaveLength(1);
      // Events that would refresh (focus, the network back) send nothing inside the window either.
      await t.value('calls.refresh', { reason: 'online' });
      await run(39_000);
      expect(polls.length - before).toBe(1);
      await run(1_500);
      expect(polls.at(-1)).toBe(askedAt + windowMs);
      expect(t.core.board.snapshot().connection).toBe('online');
      await run(MINUTE);
      expect(polls.length - before).toBe(2 + 12);
    },
  );

  it("an agent's hold still goes inside the window", async () => {
    const { t, run, sim } = await agent();
    sim.faults.set('active', { status: 503, retryAfter: 120, times: 1 });
    await run(5_000);
    const [live] = t.core.board.calls();
    const holds = sim.hits.hold;
    await t.value('sessions.hold', { sessionId: live!.id });
    expect(sim.hits.hold - holds).toBe(1);
    expect(t.core.board.calls()[0]!.phase).toBe('held');
  });
});

describe('a failing poll', () => {
  it('is one request, paced down to one a minute', async () => {
    const { polls, run, sim } = await agent();
    sim.faults.set('active', { status: 503 });
    const failing = polls.length;
    await run(10 * MINUTE);
    const sent = polls.slice(failing);
    // One request at each moment: no retries inside a poll.
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.length).toBeLessThanOrEqual(13);
  });
});

describe('Evo out of reach, then back (issue #23 item 5)', () => {
  it.each([
    ['idle', false],
    ['with a live call', true],
  ])('%s: after a 10-minute outage the board is online within 5 s of Evo answering again', async (_name, liveCall) => {
    const { t, clock, polls, run, sim } = await agent({ liveCall });
    await run(MINUTE);
    // Every connection reset: no answer at all, as when the server or the network is gone.
    sim.faults.set('active', { drop: true });
    await run(10 * MINUTE);
    expect(t.core.board.snapshot().connection).toBe('offline');
    expect(t.core.board.snapshot().error?.code).toBe('EVO_UNREACHABLE');
    // The worst moment for Evo to come back: just after a try failed.
    const tries = polls.length;
    while (polls.length === tries) await run(100);
    sim.faults.clear();
    const backAt = clock.monotonic();
    await run(5_000);
    expect(t.core.board.snapshot().connection).toBe('online');
    expect(polls.filter((at) => at > backAt)).toHaveLength(1);
    // Once back, the pace is the moment's again: 20 s idle, 5 s with a call.
    const from = clock.monotonic();
    await run(MINUTE);
    expect(since(polls, from)).toBe(liveCall ? 12 : 3);
  });
});
