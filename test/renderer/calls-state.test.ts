import { describe, expect, it } from 'vitest';
import { CallsState, doneWords } from '../../renderer/src/lib/state/calls.svelte';
import { loadPhoneNumbers } from '../../renderer/src/lib/phone-numbers/library.svelte';
import { board, callView, fakeSoftphone } from '../support/fake-softphone';
import { pressesApart } from '../support/presses';

async function loaded(calls = [callView()], now = pressesApart()) {
  const fake = fakeSoftphone();
  fake.answer('calls.board', { ok: true, value: board(calls) });
  const state = new CallsState(fake.api, now);
  await state.load();
  return { fake, state };
}

describe("the window's copy of the call board", () => {
  it("matches the phone's invite to the board's ringing call by its CallSid, and shows an unmatched one too", async () => {
    const ringing = callView({
      id: 'R',
      phase: 'ringingIn',
      callState: 'Ringing',
      displayName: 'Sam Caller',
      members: [{ displayName: 'Dana', identity: 'client:dana', callSid: 'CA-invite', role: 'Agent', callState: 'Ringing' }],
    });
    const { state } = await loaded([callView(), ringing]);
    expect(state.ringing({ from: '+15550100555', sessionId: null, callSid: 'CA-invite' }).map((call) => call.key)).toEqual(['R']);
    expect(state.ringing({ from: '+15550100999', sessionId: null, callSid: 'CA-other' }).map((call) => [call.key, call.sessionId])).toEqual([
      ['R', 'R'],
      ['phone', null],
    ]);
    expect(state.ringing(null).map((call) => call.name)).toEqual(['Sam Caller']);
  });

  it('Retry sends the failed action again, as it was', async () => {
    const held = callView({ phase: 'held', callState: 'Hold', failure: { action: 'resume', code: 'EVO_SERVER_ERROR', message: 'x' } });
    const { fake, state } = await loaded([held]);
    fake.answer('sessions.resume', { ok: true, value: {} });
    expect(await state.retry(held)).toBe(true);
    const live = callView({ failure: { action: 'holdForTransfer', code: 'EVO_SERVER_ERROR', message: 'x' } });
    fake.answer('sessions.hold', { ok: true, value: {} });
    await state.retry(live, 'CA-leg');
    expect(fake.calls.filter((c) => c.channel !== 'calls.board').map((c) => [c.channel, c.payload])).toEqual([
      ['sessions.resume', { sessionId: 'SE1' }],
      ['sessions.hold', { sessionId: 'SE1', reason: 'Transferring', callSid: 'CA-leg' }],
    ]);
  });

  it('applies changes in order and ignores a stale whole board', async () => {
    const { fake, state } = await loaded([callView()]);
    const held = callView({ phase: 'held', callState: 'Hold' });
    fake.emit('calls.changed', { version: 2, upserted: [held], removed: [], currentId: null, lastHeldId: 'SE1', connection: 'online', error: null });
    expect(state.held.map((call) => call.id)).toEqual(['SE1']);
    fake.emit('calls.changed', { version: 3, upserted: [], removed: ['SE1'], currentId: null, lastHeldId: null, connection: 'online', error: null });
    expect(state.calls).toEqual([]);
    // A gap makes it ask for the whole board; an answer older than what it shows changes nothing.
    fake.answer('calls.board', { ok: true, value: board([callView()], { version: 1 }) });
    fake.emit('calls.changed', { version: 9, upserted: [], removed: [], currentId: null, lastHeldId: null, connection: 'online', error: null });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.calls.filter((c) => c.channel === 'calls.board')).toHaveLength(2);
    expect(state.calls).toEqual([]);
  });
});

describe('what the live region says after a call action', () => {
  it("names the caller, and says a bare number grouped as it is shown, never as one long figure", async () => {
    await loadPhoneNumbers();
    const jane = callView();
    const bare = callView({ id: 'SE2', displayName: '+15550100777', number: '+15550100777', phase: 'held', callState: 'Hold', heldSince: new Date().toISOString() });
    const { fake, state } = await loaded([jane, bare]);
    for (const channel of ['sessions.hold', 'sessions.resume', 'sessions.end', 'sessions.answer', 'calls.setPromise']) fake.answer(channel, { ok: true, value: {} });

    await state.hold(jane);
    expect(state.announcement).toBe('Jane Doe on hold');
    await state.resume(bare);
    expect(state.announcement).toBe('+1 555 010 0777 resumed');
    await state.setPromise(bare, 2);
    expect(state.announcement).toBe('+1 555 010 0777 promised 2 min');
    await state.hangUp(jane);
    expect(state.announcement).toBe('Call with Jane Doe ended');

    const ringing = callView({ id: 'SE3', displayName: '+15550100888', number: '+15550100888', phase: 'ringingIn', callState: 'Ringing', answeredAt: null });
    fake.emit('calls.changed', { version: 2, upserted: [ringing], removed: [], currentId: null, lastHeldId: null, connection: 'online', error: null });
    expect(state.announcement).toBe('Incoming call from +1 555 010 0888');
    await state.phone('answer', async () => ({ ok: true, value: {} }), doneWords('answer', { displayName: ringing.displayName, number: ringing.number }));
    expect(state.announcement).toBe('Call with +1 555 010 0888 answered');
  });
});
