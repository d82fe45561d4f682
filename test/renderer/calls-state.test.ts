import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallsState, doneWords, type CallsPhone } from '../../renderer/src/lib/state/calls.svelte';
import { loadPhoneNumbers } from '../../renderer/src/lib/phone-numbers/library.svelte';
import { board, callView, fakeSoftphone } from '../support/fake-softphone';
import { pressesApart } from '../support/presses';

async function loaded(calls = [callView()], now = pressesApart(), phone: CallsPhone | null = null) {
  const fake = fakeSoftphone();
  fake.answer('calls.board', { ok: true, value: board(calls) });
  const state = new CallsState(fake.api, now, undefined, () => phone);
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
    expect(state.ringing({ from: '+15550100999', sessionId: null, callSid: 'CA-other' }).map((call) => [call.key, call.sessionId])).toEqual(
      [
        ['R', 'R'],
        ['phone', null],
      ],
    );
    expect(state.ringing(null).map((call) => call.name)).toEqual(['Sam Caller']);
  });

  it('Retry sends the failed action again, as it was', async () => {
    const held = callView({ phase: 'held', callState: 'Hold', failure: { action: 'resume', code: 'EVO_SERVER_ERROR', message: 'x' } });
    // The phone's leg is among the call's members: the calls state sends it itself (no view passes it).
    const { fake, state } = await loaded([held], pressesApart(), phoneOn('CA-leg'));
    fake.answer('sessions.resume', { ok: true, value: {} });
    expect(await state.retry(held)).toBe(true);
    const live = callView({ failure: { action: 'holdForTransfer', code: 'EVO_SERVER_ERROR', message: 'x' } });
    fake.emit('calls.changed', {
      version: 2,
      upserted: [live],
      removed: [],
      currentId: 'SE1',
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    fake.answer('sessions.hold', { ok: true, value: {} });
    await state.retry(live);
    expect(fake.calls.filter((c) => c.channel !== 'calls.board').map((c) => [c.channel, c.payload])).toEqual([
      ['sessions.resume', { sessionId: 'SE1' }],
      ['sessions.hold', { sessionId: 'SE1', reason: 'Transferring', callSid: 'CA-leg' }],
    ]);
  });

  it('applies changes in order and ignores a stale whole board', async () => {
    const { fake, state } = await loaded([callView()]);
    const held = callView({ phase: 'held', callState: 'Hold' });
    fake.emit('calls.changed', {
      version: 2,
      upserted: [held],
      removed: [],
      currentId: null,
      lastHeldId: 'SE1',
      connection: 'online',
      error: null,
    });
    expect(state.held.map((call) => call.id)).toEqual(['SE1']);
    fake.emit('calls.changed', {
      version: 3,
      upserted: [],
      removed: ['SE1'],
      currentId: null,
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    expect(state.calls).toEqual([]);
    // A gap makes it ask for the whole board; an answer older than what it shows changes nothing.
    fake.answer('calls.board', { ok: true, value: board([callView()], { version: 1 }) });
    fake.emit('calls.changed', {
      version: 9,
      upserted: [],
      removed: [],
      currentId: null,
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.calls.filter((c) => c.channel === 'calls.board')).toHaveLength(2);
    expect(state.calls).toEqual([]);
  });

  it("works out the agent's leg from the phone: the current call's, never the phone's call sent for another call", async () => {
    const current = callView({ id: 'A', displayName: 'Jane Doe' });
    const other = callView({ id: 'B', displayName: 'Sam Caller', dateCreated: '2020-01-01T00:00:00.000Z' });
    const phone = phoneOn('CA-phone');
    const { fake, state } = await loaded([other, current], pressesApart(), phone);
    expect(state.currentId).toBe('A');
    fake.answer('sessions.hold', { ok: true, value: {} });
    fake.answer('sessions.addParticipant', { ok: true, value: {} });
    await state.hold(current);
    await state.hold(other);
    await state.addParticipant(current, '+15550100777');
    expect(sent(fake)).toEqual([
      ['sessions.hold', { sessionId: 'A', reason: 'None', callSid: 'CA-phone' }],
      ['sessions.hold', { sessionId: 'B', reason: 'None' }],
      ['sessions.addParticipant', { sessionId: 'A', destination: '+15550100777', callSid: 'CA-phone' }],
    ]);
  });

  it("hanging up or leaving the current call ends the phone's leg too; hanging up another call leaves the phone alone", async () => {
    const current = callView({ id: 'A', conference: true });
    const held = callView({ id: 'B', phase: 'held', callState: 'Hold', dateCreated: '2020-01-01T00:00:00.000Z' });
    const phone = phoneOn('CA-phone');
    const { fake, state } = await loaded([held, current], pressesApart(), phone);
    fake.answer('sessions.end', { ok: true, value: { ended: true } });
    fake.answer('sessions.leave', { ok: true, value: { left: true } });
    await state.hangUp(held);
    expect(phone.hangUps).toBe(0);
    await state.leave(current);
    expect(phone.hangUps).toBe(1);
    await state.hangUp(current);
    expect(phone.hangUps).toBe(2);
    expect(sent(fake)).toEqual([
      ['sessions.end', { sessionId: 'B' }],
      ['sessions.leave', { sessionId: 'A', callSid: 'CA-phone' }],
      ['sessions.end', { sessionId: 'A', callSid: 'CA-phone' }],
    ]);
    // A refused hang-up keeps the phone's call: the agent is still on it.
    fake.answer('sessions.end', {
      ok: false,
      error: { code: 'EVO_SERVER_ERROR', message: 'Evo Voice had a problem handling the request.' },
    });
    await state.hangUp(current);
    expect(phone.hangUps).toBe(2);
  });

  it("a row's button needs only run(): it goes out on the row's channel (with the leg when the row takes one), and Retry sends it again", async () => {
    const held = callView({ id: 'B', phase: 'held', callState: 'Hold', dateCreated: '2020-01-01T00:00:00.000Z' });
    const { fake, state } = await loaded([held, callView({ id: 'A' })], pressesApart(), phoneOn('CA-phone'));
    fake.answer('sessions.backOnHold', { ok: true, value: {} });
    fake.answer('sessions.checkIn', { ok: true, value: {} });
    expect(await state.run('backOnHold', state.byId('A')!)).toBe(true);
    expect(state.announcement).toBe('Jane Doe back on hold');
    const failed = {
      ...held,
      failure: { action: 'checkIn' as const, code: 'EVO_CONFLICT' as const, message: 'Jane was picked up elsewhere' },
    };
    expect(await state.retry(failed)).toBe(true);
    expect(sent(fake)).toEqual([
      ['sessions.backOnHold', { sessionId: 'A', callSid: 'CA-phone' }],
      ['sessions.checkIn', { sessionId: 'B' }],
    ]);
  });

  it('the hold hotkey of the window holds the current call on its leg, or resumes the latest hold', async () => {
    const phone = phoneOn('CA-phone');
    const { fake, state } = await loaded([callView({ id: 'A' })], pressesApart(), phone);
    fake.answer('sessions.hold', { ok: true, value: {} });
    expect(await state.holdOrResume()).toBe(true);
    fake.emit('calls.changed', {
      version: 2,
      upserted: [callView({ id: 'A', phase: 'held', callState: 'Hold' })],
      removed: [],
      currentId: null,
      lastHeldId: 'A',
      connection: 'online',
      error: null,
    });
    fake.answer('sessions.resume', { ok: true, value: {} });
    expect(await state.holdOrResume()).toBe(true);
    expect(sent(fake)).toEqual([
      ['sessions.hold', { sessionId: 'A', reason: 'None', callSid: 'CA-phone' }],
      ['sessions.resume', { sessionId: 'A' }],
    ]);
  });
});

describe('what the live region says after a call action', () => {
  it('names the caller, and says a bare number grouped as it is shown, never as one long figure', async () => {
    await loadPhoneNumbers();
    const jane = callView();
    const bare = callView({
      id: 'SE2',
      displayName: '+15550100777',
      number: '+15550100777',
      phase: 'held',
      callState: 'Hold',
      heldSince: new Date().toISOString(),
    });
    const { fake, state } = await loaded([jane, bare]);
    for (const channel of ['sessions.hold', 'sessions.resume', 'sessions.end', 'sessions.answer', 'calls.setPromise'])
      fake.answer(channel, { ok: true, value: {} });

    await state.hold(jane);
    expect(state.announcement).toBe('Jane Doe on hold');
    await state.resume(bare);
    expect(state.announcement).toBe('+1 555 010 0777 resumed');
    await state.setPromise(bare, 2);
    expect(state.announcement).toBe('+1 555 010 0777 promised 2 min');
    await state.hangUp(jane);
    expect(state.announcement).toBe('Call with Jane Doe ended');

    const ringing = callView({
      id: 'SE3',
      displayName: '+15550100888',
      number: '+15550100888',
      phase: 'ringingIn',
      callState: 'Ringing',
      answeredAt: null,
    });
    fake.emit('calls.changed', {
      version: 2,
      upserted: [ringing],
      removed: [],
      currentId: null,
      lastHeldId: null,
      connection: 'online',
      error: null,
    });
    expect(state.announcement).toBe('Incoming call from +1 555 010 0888');
    await state.phone(
      'answer',
      async () => ({ ok: true, value: {} }),
      doneWords('answer', { displayName: ringing.displayName, number: ringing.number }),
    );
    expect(state.announcement).toBe('Call with +1 555 010 0888 answered');
  });
});

describe('where a call action starts', () => {
  it('no view and no other state works out a leg: only the calls state asks the phone for one', () => {
    const renderer = join(__dirname, '../../renderer/src');
    for (const file of ['App.svelte', 'lib/state/app.svelte.ts']) {
      expect(readFileSync(join(renderer, file), 'utf8'), file).not.toMatch(/callSidFor|callSid:/);
    }
  });
});

/** What the window sent besides asking for the board. */
const sent = (fake: ReturnType<typeof fakeSoftphone>) =>
  fake.calls.filter((c) => c.channel !== 'calls.board').map((c) => [c.channel, c.payload]);

/** A phone on one call, as the Twilio engine answers: its call for any call not held (it cannot tell which), else by the call's members. */
function phoneOn(callSid: string): CallsPhone & { hangUps: number } {
  const ok = () => Promise.resolve({ ok: true as const, value: {} });
  return {
    hangUps: 0,
    callSidFor: (call) => (call.phase === 'held' && !call.members.some((member) => member.callSid === callSid) ? undefined : callSid),
    hangUp() {
      this.hangUps += 1;
    },
    answer: ok,
    reject: ok,
    dial: ok,
  };
}
