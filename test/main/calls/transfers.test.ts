import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/main/simulator/server';
import type { TestCore } from '../../support/core';
import { DEMO as demo, signedInWorlds } from '../../support/signed-in';
import { named } from '../../support/bidi';

const LEE = '+15550100321';
let simulator: Simulator;
let t: TestCore;

const signedIn = signedInWorlds();

/** Signed in with Jane Doe live. */
async function withJane() {
  ({ simulator, t } = await signedIn({ seed: { history: 0 }, memberAnswerMs: 0 }));
  const jane = t.core.board.calls()[0]!;
  const agentLeg = jane.members.find((member) => member.role === 'Agent')!.callSid;
  return { jane: jane.id, agentLeg };
}

/** Jane held for transfer and a consult call to Lee placed (as demo mode's phone places it). */
async function consulting() {
  const { jane, agentLeg } = await withJane();
  expect(await t.value('sessions.consult', { sessionId: jane, destination: '(555) 010-0321' })).toEqual({ destination: LEE });
  const lee = (await t.value('sessions.create', { to: LEE })).id;
  return { jane, lee, agentLeg };
}

/** What Evo received from a point on, as "route:who" (polls left out). */
const sent = (from: number, names: Record<string, string>) =>
  simulator.requests
    .slice(from)
    .filter((request) => request.route !== 'active' && request.route !== 'list')
    .map((request) => `${request.route}:${names[request.sessionId ?? ''] ?? '-'}`);
const bodyOf = (route: string) => simulator.requests.filter((request) => request.route === route).at(-1)!;
const phaseOf = (id: string) => t.core.board.get(id)?.phase;

describe('adding a participant (AddConferenceMember)', () => {
  it("normalises the number, sends the agent's own leg by default, and lists the participant ringing, then connected", async () => {
    const { jane, agentLeg } = await withJane();
    const answer = await t.value('sessions.addParticipant', { sessionId: jane, destination: '(555) 010-0321' });
    expect(bodyOf('conferenceMembers').body).toEqual({ sessionId: jane, callSid: agentLeg, destination: LEE });
    expect(answer.members.map((member) => `${member.displayName}:${member.callState}`)).toContain(`${LEE}:Ringing`);
    expect(t.core.board.get(jane)).toMatchObject({ phase: 'live', conference: true });
    await t.core.sync.syncNow();
    expect(t.core.board.get(jane)!.members.find((member) => member.role === 'Transfer')!.callState).toBe('Connected');
  });

  it('uses the leg the phone names', async () => {
    const { jane } = await withJane();
    const caller = simulator.state.sessions.get(jane)!.info.callSid;
    await t.value('sessions.addParticipant', { sessionId: jane, destination: LEE, callSid: caller });
    expect(bodyOf('conferenceMembers').body).toMatchObject({ callSid: caller });
  });

  it('refuses a destination that is not a number with a typed error, before any request', async () => {
    const { jane } = await withJane();
    const from = simulator.requests.length;
    expect(await t.call('sessions.addParticipant', { sessionId: jane, destination: 'call Lee' })).toEqual({
      ok: false,
      error: {
        code: 'DESTINATION_INVALID',
        message: `Couldn't add a participant to the call with ${named('Jane Doe')}: "call Lee" doesn't look like a phone number. ${named('Jane Doe')} can still hear you.`,
      },
    });
    expect(simulator.requests.length).toBe(from);
  });

  it('says what Evo refused and that the caller is still there', async () => {
    const { jane } = await withJane();
    simulator.faults.set('conferenceMembers', { status: 403, message: 'Conferencing is not enabled', times: 1 });
    expect(await t.call('sessions.addParticipant', { sessionId: jane, destination: LEE })).toMatchObject({
      ok: false,
      error: {
        message: `Couldn't add ${named('+1 555 010 0321')} to the call with ${named('Jane Doe')}: Evo answered '${named('Conferencing is not enabled')}'. ${named('Jane Doe')} can still hear you.`,
      },
    });
    expect(t.core.board.get(jane)!.failure).toMatchObject({ action: 'addParticipant', code: 'EVO_FORBIDDEN' });
  });
});

describe('leaving a conference, or ending it for everyone', () => {
  it("drops out with the agent's leg: the others keep talking and the call leaves the board", async () => {
    const { jane, agentLeg } = await withJane();
    await t.value('sessions.addParticipant', { sessionId: jane, destination: LEE });
    const from = simulator.requests.length;
    expect(await t.value('sessions.leave', { sessionId: jane })).toEqual({ left: true });
    expect(sent(from, { [jane]: 'jane' })).toEqual(['end:jane']);
    expect(bodyOf('end').query).toEqual({ callSid: agentLeg });
    expect(phaseOf(jane)).toBeUndefined();
    const info = simulator.state.sessions.get(jane)!.info;
    expect(info.ended).toBe(false);
    expect(info.members.filter((member) => member.callState === 'Connected').map((member) => member.role)).toEqual(['Caller', 'Transfer']);
    await t.core.sync.syncNow();
    expect(phaseOf(jane)).toBeUndefined();
  });

  it('Hang up on a conference ends it for everyone: no leg is named', async () => {
    const { jane, agentLeg } = await withJane();
    await t.value('sessions.addParticipant', { sessionId: jane, destination: LEE });
    await t.value('sessions.end', { sessionId: jane, callSid: agentLeg });
    expect(bodyOf('end').query).toEqual({});
    expect(simulator.state.sessions.get(jane)!.info.ended).toBe(true);
  });

  it('refuses to leave a two-party call, before any request', async () => {
    const { jane } = await withJane();
    const from = simulator.requests.length;
    expect(await t.call('sessions.leave', { sessionId: jane })).toMatchObject({
      ok: false,
      error: {
        code: 'CALL_NOT_CONFERENCE',
        message: `You can't leave the call with ${named('Jane Doe')}: nobody else is on it to carry on. Hang up instead.`,
      },
    });
    expect(simulator.requests.length).toBe(from);
  });
});

describe('consult, then transfer', () => {
  it('Consult first holds the caller for transfer; the call dialled next is linked to the caller as its consult', async () => {
    const { jane, lee } = await consulting();
    expect(bodyOf('hold').body).toMatchObject({ reason: 'Transferring' });
    expect(t.core.board.get(jane)).toMatchObject({ phase: 'heldForTransfer', consultOf: null });
    expect(t.core.board.get(lee)).toMatchObject({ phase: 'live', consultOf: jane });
    expect(t.core.board.snapshot().currentId).toBe(lee);
    await t.core.sync.syncNow();
    expect(t.core.board.get(lee)!.consultOf).toBe(jane);
    expect(simulator.peakConnected(demo.email)).toBe(1);
  });

  it('refuses a consult number that is not one before holding anybody', async () => {
    const { jane } = await withJane();
    const from = simulator.requests.length;
    expect(await t.call('sessions.consult', { sessionId: jane, destination: 'Lee please' })).toMatchObject({
      ok: false,
      error: { code: 'DESTINATION_INVALID' },
    });
    expect(simulator.requests.length).toBe(from);
    expect(phaseOf(jane)).toBe('live');
  });

  it('Complete transfer hangs up the consult, then redirects the caller to the consulted number', async () => {
    const { jane, lee } = await consulting();
    const from = simulator.requests.length;
    expect(await t.value('sessions.completeTransfer', { sessionId: lee })).toEqual({ transferred: true });
    expect(sent(from, { [jane]: 'jane', [lee]: 'lee' })).toEqual(['end:lee', 'redirect:jane']);
    expect(bodyOf('redirect').body).toMatchObject({ destination: LEE });
    expect(simulator.state.sessions.get(jane)!.info.outcome).toBe('Transferred');
    expect(t.core.board.calls()).toEqual([]);
  });

  it('Merge hangs up the consult, resumes the caller and invites the consulted number: a 3-way', async () => {
    const { jane, lee, agentLeg } = await consulting();
    const from = simulator.requests.length;
    const merged = await t.value('sessions.merge', { sessionId: lee });
    expect(sent(from, { [jane]: 'jane', [lee]: 'lee' })).toEqual(['end:lee', 'patch:jane', 'conferenceMembers:jane']);
    expect(bodyOf('conferenceMembers').body).toEqual({ sessionId: jane, callSid: agentLeg, destination: LEE });
    expect(merged.id).toBe(jane);
    expect(t.core.board.get(jane)).toMatchObject({ phase: 'live', conference: true });
    expect(simulator.peakConnected(demo.email)).toBe(1);
  });

  it('Cancel hangs up the consult and resumes the caller', async () => {
    const { jane, lee } = await consulting();
    const from = simulator.requests.length;
    const resumed = await t.value('sessions.cancelConsult', { sessionId: lee });
    expect(sent(from, { [jane]: 'jane', [lee]: 'lee' })).toEqual(['end:lee', 'patch:jane']);
    expect(resumed).toMatchObject({ id: jane, held: false });
    expect(t.core.board.calls().map((call) => [call.id, call.phase])).toEqual([[jane, 'live']]);
  });

  it('a consult that cannot be hung up stops there: the caller is not transferred and stays on hold', async () => {
    const { jane, lee } = await consulting();
    simulator.faults.set('end', { status: 500, message: 'Twilio is unavailable', times: 1 });
    const from = simulator.requests.length;
    expect(await t.call('sessions.completeTransfer', { sessionId: lee })).toMatchObject({
      ok: false,
      error: {
        message: `Couldn't hang up on ${named('+1 555 010 0321')}: Evo answered '${named('Twilio is unavailable')}'. ${named('+1 555 010 0321')} can still hear you. ${named('Jane Doe')} was not transferred.`,
      },
    });
    expect(sent(from, { [jane]: 'jane', [lee]: 'lee' })).toEqual(['end:lee']);
    expect([phaseOf(jane), phaseOf(lee)]).toEqual(['heldForTransfer', 'live']);
    expect(t.core.board.get(lee)!.failure).toMatchObject({ action: 'completeTransfer' });
  });

  it('a caller who cannot be resumed after Cancel is said to be still on hold, and the consult to be over', async () => {
    const { jane, lee } = await consulting();
    simulator.faults.set('patch', { status: 409, message: 'Jane was picked up elsewhere', times: 1 });
    expect(await t.call('sessions.cancelConsult', { sessionId: lee })).toMatchObject({
      ok: false,
      error: {
        message: `Couldn't resume ${named('Jane Doe')}: Evo answered '${named('Jane was picked up elsewhere')}'. ${named('Jane Doe')} is still on hold. Your call with ${named('+1 555 010 0321')} has ended.`,
      },
    });
    expect(t.core.board.get(jane)).toMatchObject({ phase: 'heldForTransfer', failure: { action: 'resume' } });
    expect(phaseOf(lee)).toBeUndefined();
  });

  it('Complete transfer on a call that is no consult is refused, before any request', async () => {
    const { jane } = await withJane();
    const from = simulator.requests.length;
    expect(await t.call('sessions.completeTransfer', { sessionId: jane })).toMatchObject({
      ok: false,
      error: { code: 'CALL_NOT_CONSULT' },
    });
    expect(simulator.requests.length).toBe(from);
  });
});
