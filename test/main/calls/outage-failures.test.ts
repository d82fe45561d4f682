/**
 * Failures of a past outage (issue #23 item 5): "Can't reach the Evo Voice server" on a card goes
 * once the action it speaks of succeeds or the call moves on, and the board a reloaded window asks
 * for does not bring it back. The real core against the simulator over loopback.
 */
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/main/simulator/server';
import type { TestCore } from '../../support/core';
import { DEMO as demo, signedInWorlds } from '../../support/signed-in';

const signedIn = signedInWorlds();
let simulator: Simulator;
let t: TestCore;

/** Signed in with Jane Doe live; a hold on her fails for want of Evo (every connection reset). */
async function failedHoldInAnOutage() {
  ({ simulator, t } = await signedIn({ seed: { history: 0 } }));
  const jane = t.core.board.calls()[0]!.id;
  simulator.faults.set('hold', { drop: true });
  expect((await t.call('sessions.hold', { sessionId: jane })).ok).toBe(false);
  expect(t.core.board.get(jane)!.failure?.message).toContain("Can't reach the Evo Voice server");
  simulator.faults.clear();
  return jane;
}

/** The failure on a call as a reloaded window reads it (`calls.board`). */
const afterReload = async (id: string) => (await t.value('calls.board')).calls.find((call) => call.id === id)?.failure ?? null;

describe("an outage's failure on a card", () => {
  it('stays while it is still true: Evo is back, the call has not moved', async () => {
    const jane = await failedHoldInAnOutage();
    await t.core.sync.syncNow();
    expect(t.core.board.get(jane)!.phase).toBe('live');
    expect((await afterReload(jane))?.action).toBe('hold');
  });

  it('no longer says "Check your connection" once Evo answers again; the hold is still not done, Retry stays', async () => {
    ({ simulator, t } = await signedIn({ seed: { history: 0 } }));
    const jane = t.core.board.calls()[0]!.id;
    for (const route of ['active', 'hold'] as const) simulator.faults.set(route, { drop: true });
    expect((await t.call('sessions.hold', { sessionId: jane })).ok).toBe(false);
    await t.core.sync.syncNow().catch(() => undefined);
    expect(t.core.board.snapshot().connection).not.toBe('online');
    expect(t.core.board.get(jane)!.failure?.message).toContain('Check your connection');
    simulator.faults.clear();
    await t.core.sync.syncNow();
    expect(t.core.board.snapshot().connection).toBe('online');
    const failure = (await afterReload(jane))!;
    expect(failure.action).toBe('hold');
    expect(failure.message).not.toContain('Check your connection');
    expect(failure.message).toMatch(
      /^Couldn't put .*Jane Doe.* on hold: Evo Voice could not be reached then \(it is back now\)\. .*Jane Doe.* can still hear you\.$/u,
    );
  });

  it('goes once the call moves on elsewhere (held from Evo), and does not come back after a reload', async () => {
    const jane = await failedHoldInAnOutage();
    const agent = simulator.state.userByEmail(demo.email)!;
    simulator.state.hold(agent, jane, '', 'None');
    await t.core.sync.syncNow();
    expect(t.core.board.get(jane)!.phase).toBe('held');
    expect(t.core.board.get(jane)!.failure).toBeNull();
    expect(await afterReload(jane)).toBeNull();
    // Resumed again: the call is where it was when the hold failed, and the failure stays gone.
    simulator.state.patch(agent, jane, { callState: 'Connected' });
    await t.core.sync.syncNow();
    expect(t.core.board.get(jane)!.phase).toBe('live');
    expect(await afterReload(jane)).toBeNull();
  });

  it('goes once the action it speaks of succeeds (Retry), and does not come back after a reload', async () => {
    const jane = await failedHoldInAnOutage();
    await t.value('sessions.hold', { sessionId: jane });
    expect(t.core.board.get(jane)!.phase).toBe('held');
    expect(await afterReload(jane)).toBeNull();
  });
});
