/**
 * The real poll loop (core, router, Evo client, SQLite) against the simulator over loopback, with
 * a fake clock: each test counts the requests Evo receives for the agent's active sessions.
 */
import { describe, expect, it } from 'vitest';
import type { SeedOptions } from '../../../electron/main/simulator/seed';
import { FakeClock } from '../../support/clock';
import { DEMO_AGENT, useSignedInCore } from '../../support/core';

const MINUTE = 60_000;
const { polling } = useSignedInCore();

/** A signed-in agent whose polls are timed by a fake clock; `polls` holds when each one arrived. */
async function agent(seed: SeedOptions) {
  const clock = new FakeClock();
  return polling(clock, seed, () => clock.now());
}

const gaps = (times: number[]) => times.slice(1).map((time, i) => time - times[i]!);

describe('polling that fits the moment', () => {
  it('asks Evo once every 20 s while the agent has no call', async () => {
    const { polls, run } = await agent({ history: 0, liveCall: false });
    await run(10 * MINUTE);
    expect(polls).toHaveLength(1 + 30);
    expect(Math.min(...gaps(polls))).toBe(20_000);
  });

  it('asks Evo once every 5 s while the agent has a call, live or held', async () => {
    const { t, polls, run } = await agent({ history: 0 });
    await run(MINUTE);
    const [live] = t.core.board.calls();
    await t.value('sessions.hold', { sessionId: live!.id });
    await run(MINUTE);
    expect(t.core.board.calls()[0]!.phase).toBe('held');
    expect(polls).toHaveLength(1 + 24);
    expect(Math.min(...gaps(polls))).toBe(5_000);
  });

  it('goes back to the idle pace when the last call ends', async () => {
    const { t, polls, run } = await agent({ history: 0 });
    const [live] = t.core.board.calls();
    await t.value('sessions.end', { sessionId: live!.id });
    const before = polls.length;
    await run(2 * MINUTE);
    expect(polls.length - before).toBe(6);
  });

  it('takes up the quick pace as soon as the idle agent places a call', async () => {
    const { t, clock, polls, run } = await agent({ history: 0, liveCall: false });
    await run(2_000);
    await t.value('sessions.create', { to: '+15550100123' });
    await run(4_000);
    expect(polls.at(-1)).toBe(clock.now() - 1_000);
    expect(polls).toHaveLength(2);
  });

  it('refreshes once for a burst of events, and the loop counts its next poll from that refresh', async () => {
    const { t, clock, polls, run } = await agent({ history: 0, liveCall: false });
    await run(10_000);
    const start = clock.now();
    for (const reason of ['incoming', 'focus', 'online', 'incoming', 'disconnect'] as const) {
      await t.value('calls.refresh', { reason });
    }
    t.core.sync.refresh('wake');
    await run(1_000);
    expect(polls).toHaveLength(2);
    expect(polls[1]! - start).toBeLessThanOrEqual(200);
    await run(19_000);
    expect(polls).toHaveLength(2);
    await run(1_000);
    expect(polls).toHaveLength(3);
  });

  it('shows a call that rings between polls without waiting for the next one', async () => {
    const { t, sim, run } = await agent({ history: 0, liveCall: false });
    await run(1_000);
    sim.ring(DEMO_AGENT.email, { number: '+15550100555', name: 'Sam Caller' });
    await t.value('calls.refresh', { reason: 'incoming' });
    await run(500);
    expect(t.core.board.calls().map((call) => [call.displayName, call.phase])).toEqual([['Sam Caller', 'ringingIn']]);
  });

  it('on focus refreshes only a board older than 5 s: switching windows all day is not a poll loop', async () => {
    const { t, polls, run } = await agent({ history: 0, liveCall: false });
    await t.value('calls.refresh', { reason: 'focus' });
    await run(1_000);
    expect(polls).toHaveLength(1);
    for (let second = 0; second < 10 * 60; second += 1) {
      await t.value('calls.refresh', { reason: 'focus' });
      await run(1_000);
    }
    expect(polls.length).toBeLessThanOrEqual(1 + 600 / 5);
    expect(Math.min(...gaps(polls))).toBeGreaterThanOrEqual(5_000);
  });

  it('backs off while Evo fails, to one attempt a minute, and takes up the pace when it is back', async () => {
    const { sim, polls, run } = await agent({ history: 0 });
    sim.faults.set('active', { status: 503 });
    const failing = polls.length;
    await run(10 * MINUTE);
    // The client retries a GET within one attempt; attempts are the distinct moments.
    const attempts = [...new Set(polls.slice(failing))];
    expect(gaps(attempts).slice(0, 5)).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(Math.max(...gaps(attempts))).toBe(60_000);
    sim.faults.clear();
    await run(2 * MINUTE);
    const back = polls.filter((time) => time >= attempts.at(-1)! + 60_000);
    expect(back.length).toBeGreaterThan(10);
    expect(new Set(gaps(back))).toEqual(new Set([5_000]));
  });

  it('stops asking when the agent signs out', async () => {
    const { t, polls, run } = await agent({ history: 0 });
    await t.value('auth.signOut');
    const before = polls.length;
    await t.value('calls.refresh', { reason: 'incoming' });
    await run(10 * MINUTE);
    expect(polls).toHaveLength(before);
  });

  it('sends nothing to the window while nothing changes, poll after poll', async () => {
    const { t, run } = await agent({ history: 0 });
    const [live] = t.core.board.calls();
    await t.value('sessions.hold', { sessionId: live!.id });
    const before = t.events.length;
    await run(10 * MINUTE);
    expect(t.events.slice(before)).toEqual([]);
  });
});
