/**
 * Check in and Back on hold, the two rows added to the call action table for promised holds:
 * carried out through the real router, board and Evo client against the simulator.
 */
import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/main/simulator/server';
import { named } from '../../support/bidi';
import type { TestCore } from '../../support/core';
import { sentSince } from '../../support/simulator';
import { DEMO as demo, signedInWorlds } from '../../support/signed-in';

const signedIn = signedInWorlds();
let simulator: Simulator;
let t: TestCore;

/** Jane held, Sam live: the agent is talking to Sam while Jane waits. */
async function janeWaiting() {
  ({ simulator, t } = await signedIn({ seed: { history: 0 } }));
  const jane = t.core.board.calls()[0]!.id;
  const sam = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
  await t.core.sync.syncNow();
  await t.value('sessions.answer', { sessionId: sam });
  return { jane, sam };
}

const sent = (from: number, names: Record<string, string>) => sentSince(simulator, from, names);

const phaseOf = (id: string) => t.core.board.get(id)?.phase;

describe('check in with a held caller, then back on hold', () => {
  it('Check in takes the held caller off hold, holding the live call first; Back on hold holds them again', async () => {
    const { jane, sam } = await janeWaiting();
    expect([phaseOf(jane), phaseOf(sam)]).toEqual(['held', 'live']);

    let from = simulator.requests.length;
    const checkedIn = await t.value('sessions.checkIn', { sessionId: jane });
    expect(sent(from, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:sam', 'patch:jane']);
    expect(checkedIn).toMatchObject({ id: jane, held: false });
    expect([phaseOf(jane), phaseOf(sam)]).toEqual(['live', 'held']);
    expect(t.core.board.get(jane)!.checkIns).toBe(1);
    expect(simulator.peakConnected(demo.email)).toBe(1);

    from = simulator.requests.length;
    const back = await t.value('sessions.backOnHold', { sessionId: jane });
    expect(sent(from, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:jane']);
    expect(back).toMatchObject({ id: jane, held: true });
    expect([phaseOf(jane), phaseOf(sam)]).toEqual(['held', 'held']);
  });

  it("the window's resume with checkIn sends the same row: the same requests, counted, refused and failed as a check-in", async () => {
    const { jane, sam } = await janeWaiting();
    const from = simulator.requests.length;
    expect(await t.call('sessions.resume', { sessionId: sam, checkIn: true })).toMatchObject({
      ok: false,
      error: {
        code: 'CALL_WRONG_PHASE',
        message: `You can't check in with ${named('Sam Caller')} now: you are talking to ${named('Sam Caller')}.`,
      },
    });
    expect(sent(from, {})).toEqual([]);

    await t.value('sessions.resume', { sessionId: jane, checkIn: true });
    expect(sent(from, { [jane]: 'jane', [sam]: 'sam' })).toEqual(['hold:sam', 'patch:jane']);
    expect(t.core.board.get(jane)!.checkIns).toBe(1);

    await t.value('sessions.backOnHold', { sessionId: jane });
    simulator.faults.set('patch', { status: 409, message: 'Jane was picked up elsewhere', times: 1 });
    expect((await t.call('sessions.resume', { sessionId: jane, checkIn: true })).ok).toBe(false);
    expect(t.core.board.get(jane)!.failure).toMatchObject({ action: 'checkIn' });
    expect(t.core.board.get(jane)!.checkIns).toBe(1);
  });

  it('refuses Check in on a live call and Back on hold on a held one, before any request', async () => {
    const { jane, sam } = await janeWaiting();
    const from = simulator.requests.length;
    expect(await t.call('sessions.checkIn', { sessionId: sam })).toMatchObject({
      ok: false,
      error: {
        code: 'CALL_WRONG_PHASE',
        message: `You can't check in with ${named('Sam Caller')} now: you are talking to ${named('Sam Caller')}.`,
      },
    });
    expect(await t.call('sessions.backOnHold', { sessionId: jane })).toMatchObject({ ok: false, error: { code: 'CALL_WRONG_PHASE' } });
    expect(sent(from, {})).toEqual([]);
  });

  it('a failed check-in shows on the held call with Retry as a check-in, and the live call is back on the line', async () => {
    const { jane, sam } = await janeWaiting();
    simulator.faults.set('patch', { status: 409, message: 'Jane was picked up elsewhere', times: 1 });
    const result = await t.call('sessions.checkIn', { sessionId: jane });
    expect(result.ok).toBe(false);
    expect(t.core.board.get(jane)!.failure).toMatchObject({ action: 'checkIn' });
    expect(phaseOf(sam)).toBe('live');
  });
});
