import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';

const started: Simulator[] = [];
afterEach(async () => {
  for (const simulator of started.splice(0)) await simulator.close();
});

async function start(controls: boolean) {
  const simulator = await startSimulator({ seed: false, controls });
  started.push(simulator);
  const post = (path: string, body: unknown) =>
    fetch(`${simulator.url}${path}`, { method: 'POST', headers: { 'user-agent': 'test' }, body: JSON.stringify(body) });
  return { simulator, post };
}

describe("the simulator's control routes", () => {
  it("do not exist unless asked for, as in the app's demo mode", async () => {
    const { simulator, post } = await start(false);
    const fault = await post('/__sim/faults', { route: 'hold', fault: { status: 500 } });
    expect(fault.status).toBe(404);
    expect((await post('/__sim/ring', { number: '+15550100555' })).status).toBe(404);
    expect((await post('/__sim/expire-cookies', {})).status).toBe(404);
    expect((await fetch(`${simulator.url}/__sim/hits`, { headers: { 'user-agent': 'test' } })).status).toBe(404);
    expect(simulator.faults.take('hold')).toBeNull();
  });

  it('inject faults and ring calls when a test or `npm run simulator` asks for them', async () => {
    const { simulator, post } = await start(true);
    expect((await post('/__sim/faults', { route: 'hold', fault: { status: 503, times: 1 } })).status).toBe(200);
    expect(simulator.faults.take('hold')).toMatchObject({ status: 503 });
    const ring = await post('/__sim/ring', { number: '+15550100555', name: 'Sam Caller' });
    const { sessionId } = (await ring.json()) as { sessionId: string };
    const agent = simulator.state.userByEmail(simulator.demoAccount.email)!;
    expect(simulator.state.active(agent).map((session) => session.info.id)).toContain(sessionId);
  });
});
