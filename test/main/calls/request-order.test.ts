/**
 * Evo's nodes disagree on the time (issue #22, item 4): what the app believes about a call is
 * ordered by when it asked, so an answer stamped ahead by a skewed node cannot pin the call in the
 * wrong state. Real core, SQLite and simulator over loopback.
 */
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/main/simulator/server';
import type { TestCore } from '../../support/core';
import { signedInWorlds } from '../../support/signed-in';

const signedIn = signedInWorlds();
let simulator: Simulator;
let t: TestCore;

async function withJane() {
  ({ simulator, t } = await signedIn({ seed: { history: 0 } }));
  return t.core.board.calls()[0]!.id;
}

const phaseOf = (id: string) => t.core.board.get(id)?.phase;

describe('the answer to a later request wins, whatever Evo stamped it', () => {
  it('a hold stamped 2 s ahead, then a resume stamped on time: the call is live, on the board and after a poll', async () => {
    const jane = await withJane();
    simulator.state.skewMs = 2_000;
    await t.value('sessions.hold', { sessionId: jane });
    expect(phaseOf(jane)).toBe('held');
    simulator.state.skewMs = 0;
    await t.value('sessions.resume', { sessionId: jane });
    expect(phaseOf(jane)).toBe('live');
    await t.core.sync.syncNow();
    expect(phaseOf(jane)).toBe('live');
    expect(simulator.state.sessions.get(jane)!.info.callState).toBe('Connected');
    // The hotkey acts on what the board shows: a hold, as Evo expects for a live call.
    const holds = simulator.hits.hold;
    await t.core.actions.hotkey();
    expect(simulator.hits.hold - holds).toBe(1);
    expect(phaseOf(jane)).toBe('held');
  });

  it('a poll sent before an action but answered after it does not undo the action', async () => {
    const jane = await withJane();
    simulator.faults.set('active', { latencyMs: 300, times: 1 });
    const poll = t.core.sync.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.value('sessions.hold', { sessionId: jane });
    await poll;
    expect(phaseOf(jane)).toBe('held');
  });

  it('a poll sent before a hang-up but answered after it does not bring the call back', async () => {
    const jane = await withJane();
    simulator.faults.set('active', { latencyMs: 300, times: 1 });
    const poll = t.core.sync.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await t.value('sessions.end', { sessionId: jane });
    await poll;
    expect(phaseOf(jane)).toBeUndefined();
    await t.core.sync.syncNow();
    expect(phaseOf(jane)).toBeUndefined();
  });
});
