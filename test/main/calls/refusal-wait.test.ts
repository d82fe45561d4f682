/**
 * A refused action with Retry-After (issue #23 item 5): the card's "try again in 0:30" counts down
 * with the failure's `waitMs` (the window's Retry waits for it: test/renderer/active-call.test.ts),
 * ends with "you can try again now", and an action after that goes. The real core against the
 * simulator on a fake clock.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/clock';
import { signedInWorlds } from '../../support/signed-in';

const signedIn = signedInWorlds();

/** Signed in with Jane Doe live, on a fake clock; Evo refuses the next hold with `status` and Retry-After: 30. */
async function holdRefused(status: number) {
  const clock = new FakeClock();
  const { simulator, t } = await signedIn({ seed: { history: 0 } }, { clock });
  const run = (ms: number) => clock.run(ms, () => t.core.sync.settled());
  const jane = t.core.board.calls()[0]!.id;
  simulator.faults.set('hold', { status, retryAfter: 30, times: 1 });
  expect((await t.call('sessions.hold', { sessionId: jane })).ok).toBe(false);
  return { t, run, jane };
}

describe('an action Evo refused with Retry-After', () => {
  it.each([
    ['429', 429],
    ['503', 503],
  ])('%s: the failure counts down each second, carries the time left, and says when Retry can go', async (_name, status) => {
    const { t, run, jane } = await holdRefused(status);
    const failure = () => t.core.board.get(jane)!.failure!;
    expect(failure().message).toContain('Evo Voice asked us to wait: try again in 0:30.');
    expect(failure().waitMs).toBe(30_000);
    await run(10_000);
    expect(failure().message).toContain('try again in 0:20.');
    expect(failure().waitMs).toBe(20_000);
    // What a reloaded window reads counts down too.
    expect((await t.value('calls.board')).calls[0]!.failure!.message).toContain('try again in 0:20.');
    await run(20_000);
    expect(failure().message).toContain('Evo Voice asked us to wait: you can try again now.');
    expect(failure().waitMs).toBeUndefined();
    await t.value('sessions.hold', { sessionId: jane });
    expect(t.core.board.get(jane)!.phase).toBe('held');
    expect(t.core.board.get(jane)!.failure).toBeNull();
  });

  it('a dismissed countdown stays dismissed', async () => {
    const { t, run, jane } = await holdRefused(429);
    await t.value('calls.dismissFailure', { sessionId: jane });
    await run(31_000);
    expect(t.core.board.get(jane)!.failure).toBeNull();
  });
});
