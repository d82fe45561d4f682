/**
 * A partition mid-action (issue #22, item 6): within 10 s of an action going unanswered the agent
 * sees that it is not confirmed and where each caller is believed to be, and nothing is sent twice.
 * Real core and simulator over loopback; the app's clock is a fake one, Evo's silence is real.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/clock';
import { DEMO_AGENT, useSignedInCore } from '../../support/core';
import { named } from '../../support/bidi';

const { signedIn } = useSignedInCore();

async function swapWorld() {
  const clock = new FakeClock();
  const { simulator, t } = await signedIn({ seed: { history: 0 } }, { clock, client: { timeoutMs: 5_000 } });
  await t.core.sync.syncNow();
  const jane = t.core.board.calls()[0]!.id;
  const sam = simulator.ring(DEMO_AGENT.email, { number: '+15550100555', name: 'Sam Caller' });
  await t.core.sync.syncNow();
  await t.value('sessions.answer', { sessionId: sam });
  return { clock, sim: simulator, core: t, jane, sam };
}

describe('an action Evo does not answer', () => {
  it('a swap: after 10 s the agent reads that it is not confirmed and where each caller is; nothing is sent twice', async () => {
    const { clock, sim, core, jane, sam } = await swapWorld();
    // Sam is live, Jane held: resuming Jane holds Sam first, and Evo goes silent on that hold.
    sim.faults.set('hold', { latencyMs: 1_500, times: 1 });
    const from = sim.requests.length;
    const swap = core.value('sessions.resume', { sessionId: jane }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    clock.advance(9_900);
    expect(core.core.board.get(sam)!.failure).toBeNull();
    clock.advance(100);
    const failure = core.core.board.get(sam)!.failure!;
    expect(failure.code).toBe('EVO_UNCONFIRMED');
    expect(failure.message).toBe(
      `Not confirmed: Evo Voice has not answered "put ${named('Sam Caller')} on hold" for 10 s. Last known: ${named('Jane Doe')}: on hold; ${named('Sam Caller')}: on the line. Nothing will be sent again; check before retrying.`,
    );
    expect(core.core.board.get(sam)!.pending).toBe('hold');
    // The window hears of it at once.
    expect(core.events.at(-1)).toMatchObject({ event: 'calls.changed' });
    // Pressing again meanwhile sends nothing.
    await core.value('sessions.hold', { sessionId: sam }).catch(() => undefined);
    await swap;
    const sent = sim.requests
      .slice(from)
      .filter((request) => request.route !== 'active')
      .map((request) => request.route);
    expect(sent).toEqual(['hold', 'patch']);
    // Answered after all: the notice gives way to what Evo said.
    expect(core.core.board.get(sam)!.failure).toBeNull();
    expect([core.core.board.get(jane)!.phase, core.core.board.get(sam)!.phase]).toEqual(['live', 'held']);
  });
});
