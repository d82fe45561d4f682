/**
 * Evo answering 429 or 503 with Retry-After (issue #22, slow-downs): the client remembers the wait
 * on its monotonic clock, sends no poll of its own inside it (a failing poll is one request), caps
 * what it honours at 5 minutes, and an agent's own action still goes, told how long if refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EvoClient } from '../../../electron/main/evo/client';
import { parseRetryAfter, RETRY_AFTER_CAP_MS } from '../../../electron/main/evo/retry';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../../electron/main/simulator/model';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import { AppError } from '../../../electron/shared/result';
import { FakeClock } from '../../support/clock';
import { rejectionOf } from '../../support/rejection';
import { fastClientOptions } from '../../support/simulator';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function setup() {
  simulator = await startSimulator({ seed: { history: 1 } });
  const clock = new FakeClock(Date.now());
  const client = new EvoClient({ baseUrl: simulator.url, userAgent: 'EvoSoftphone/test', ...fastClientOptions, clock });
  await client.signIn({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
  const live = (await client.activeSessions())[0]!;
  return { sim: simulator, clock, client, live };
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

describe('Retry-After on 429 and 503', () => {
  it.each([429, 503])('%i with Retry-After: 120: the poll is one request, and none goes inside the window', async (status) => {
    const { sim, clock, client } = await setup();
    sim.faults.set('active', { status, retryAfter: 120 });
    const before = sim.hits.active;
    await failure(client.activeSessions({ poll: true }));
    expect(sim.hits.active - before).toBe(1);
    expect(client.waitingMs()).toBe(120_000);
    clock.advance(80_000);
    const refused = await failure(client.activeSessions({ poll: true }));
    expect(refused).toMatchObject({ code: 'EVO_ASKED_TO_WAIT', message: 'Evo Voice asked us to wait: next try in 0:40.' });
    expect(sim.hits.active - before).toBe(1);
    sim.faults.clear('active');
    clock.advance(40_000);
    expect(client.waitingMs()).toBe(0);
    expect(await client.activeSessions({ poll: true })).toHaveLength(1);
    expect(sim.hits.active - before).toBe(2);
  });

  it('reads the HTTP-date form against the wall clock, and the window is kept on the monotonic one', async () => {
    const { sim, clock, client } = await setup();
    sim.faults.set('active', { status: 503, retryAfter: new Date(clock.now() + 90_000).toUTCString(), times: 1 });
    await failure(client.activeSessions({ poll: true }));
    const waiting = client.waitingMs();
    expect(waiting).toBeGreaterThan(88_000);
    expect(waiting).toBeLessThanOrEqual(90_000);
    // The wall clock set back an hour changes nothing about the wait.
    clock.jumpWall(-3_600_000);
    expect(client.waitingMs()).toBe(waiting);
  });

  it('caps a wait of a day at 5 minutes', async () => {
    const { sim, client } = await setup();
    sim.faults.set('active', { status: 429, retryAfter: 86_400, times: 1 });
    await failure(client.activeSessions({ poll: true }));
    expect(client.waitingMs()).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfter('86400', 0)).toBe(5 * 60_000);
    expect(parseRetryAfter('Wed, 21 Oct 2099 07:28:00 GMT', 0)).toBe(5 * 60_000);
  });

  it("an agent's hold still goes inside the window, and a refusal says how long to wait", async () => {
    const { sim, clock, client, live } = await setup();
    sim.faults.set('active', { status: 503, retryAfter: 120, times: 1 });
    await failure(client.activeSessions({ poll: true }));
    clock.advance(60_000);
    const holdsBefore = sim.hits.hold;
    expect(await client.hold(live.id, '', 'None')).toMatchObject({ callState: 'Hold' });
    expect(sim.hits.hold - holdsBefore).toBe(1);
    sim.faults.set('patch', { status: 429, retryAfter: 60, times: 1 });
    const refused = await failure(client.resume(live.id));
    expect(refused).toMatchObject({ code: 'EVO_RATE_LIMITED', message: 'Evo Voice asked us to wait: try again in 1:00.' });
  });

  it('a Retry-After on other statuses is no request to wait', async () => {
    const { sim, client } = await setup();
    sim.faults.set('active', { status: 500, retryAfter: 120, times: 1 });
    await failure(client.activeSessions({ poll: true }));
    expect(client.waitingMs()).toBe(0);
  });
});
