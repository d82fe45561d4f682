import { afterEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../electron/main/evo/dto';
import type { Simulator } from '../../../electron/main/simulator/server';
import { AppError } from '../../../electron/shared/result';
import { simulatorWithClient } from '../../support/simulator';
import { rejectionOf } from '../../support/rejection';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function setup() {
  const world = await simulatorWithClient({ memberAnswerMs: 60 });
  simulator = world.simulator;
  const agentLeg = world.live.members.find((member) => member.role === 'Agent')!.callSid;
  return { ...world, agentLeg };
}

const last = (sim: Simulator) => sim.requests.at(-1)!;
const who = (info: Pick<SessionInfo, 'members'>) => info.members.map((member) => `${member.role}:${member.callState}`);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('conferences on Evo (client against the simulator)', () => {
  it('AddConferenceMember posts sessionId, callSid and destination to the session, and the member rings, then joins', async () => {
    const { client, live, agentLeg, simulator: sim } = await setup();
    const answer = await client.addConferenceMember(live.id, agentLeg, '+15550100321');
    expect(last(sim)).toMatchObject({
      route: 'conferenceMembers',
      method: 'POST',
      sessionId: live.id,
      body: { sessionId: live.id, callSid: agentLeg, destination: '+15550100321' },
    });
    expect(answer.conferenceSid).toMatch(/^CF/);
    expect(who(answer)).toEqual(['Caller:Connected', 'Agent:Connected', 'Transfer:Ringing']);
    await wait(80);
    const [later] = await client.activeSessions();
    expect(who(later!)).toEqual(['Caller:Connected', 'Agent:Connected', 'Transfer:Connected']);
    expect(later!.log.map((line) => line.message)).toContain('+15550100321 joined the conference');
  });

  it('sends fromNumber only when there is one', async () => {
    const { client, live, agentLeg, simulator: sim } = await setup();
    await client.addConferenceMember(live.id, agentLeg, '+15550100321', '+15550100000');
    expect(last(sim).body).toEqual({ sessionId: live.id, callSid: agentLeg, destination: '+15550100321', fromNumber: '+15550100000' });
  });

  it("ending the agent's leg of a conference leaves the others talking; the call drops off the agent's list", async () => {
    const { client, live, agentLeg, simulator: sim } = await setup();
    await client.addConferenceMember(live.id, agentLeg, '+15550100321');
    await client.leave(live.id, agentLeg);
    expect(last(sim)).toMatchObject({ route: 'end', method: 'DELETE', query: { callSid: agentLeg } });
    const info = sim.state.sessions.get(live.id)!.info;
    expect(info.ended).toBe(false);
    expect(who(info)).toEqual(['Caller:Connected', 'Agent:None', 'Transfer:Ringing']);
    expect(await client.activeSessions()).toEqual([]);
  });

  it('ending a conference with no leg ends it for everyone', async () => {
    const { client, live, agentLeg, simulator: sim } = await setup();
    await client.addConferenceMember(live.id, agentLeg, '+15550100321');
    await client.endForEveryone(live.id);
    expect(last(sim)).toMatchObject({ route: 'end', method: 'DELETE', query: {} });
    expect(sim.state.sessions.get(live.id)!.info).toMatchObject({ ended: true, callState: 'Disconnected' });
  });

  it('a member who hangs up leaves the conference; left with one party, the call ends', async () => {
    const { client, live, agentLeg, simulator: sim } = await setup();
    const added = await client.addConferenceMember(live.id, agentLeg, '+15550100321');
    const dana = sim.state.userByEmail('demo@evosoftphone.local')!;
    sim.state.hangUpLeg(dana, live.id, added.members[2]!.callSid);
    expect(who(sim.state.sessions.get(live.id)!.info)).toEqual(['Caller:Connected', 'Agent:Connected', 'Transfer:None']);
    sim.state.hangUpLeg(dana, live.id, added.members[0]!.callSid);
    expect(sim.state.sessions.get(live.id)!.info.ended).toBe(true);
  });

  it('ending the leg of a two-party call ends the call, as before', async () => {
    const { client, live, agentLeg, simulator: sim } = await setup();
    await client.end(live.id, agentLeg);
    expect(sim.state.sessions.get(live.id)!.info.ended).toBe(true);
  });

  it('refuses a member for a held call, a leg of another call, and no destination, in Evo words', async () => {
    const { client, live, agentLeg } = await setup();
    const refused = (promise: Promise<unknown>) => rejectionOf(promise, AppError);
    expect(await refused(client.addConferenceMember(live.id, 'CA-not-this-call', '+15550100321'))).toMatchObject({
      code: 'EVO_BAD_REQUEST',
      message: 'The call SID does not belong to this session',
    });
    expect(await refused(client.addConferenceMember(live.id, agentLeg, ''))).toMatchObject({ code: 'EVO_BAD_REQUEST' });
    await client.hold(live.id, agentLeg, 'None');
    expect(await refused(client.addConferenceMember(live.id, agentLeg, '+15550100321'))).toMatchObject({
      code: 'EVO_BAD_REQUEST',
      message: 'The call is not active on your device',
    });
  });
});
