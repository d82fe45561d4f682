import { afterEach, describe, expect, it, vi } from 'vitest';
import { EvoClient, normaliseServerUrl, type EvoClientOptions } from '../../../electron/main/evo/client';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../../electron/main/simulator/model';
import type { Simulator } from '../../../electron/main/simulator/server';
import { AppError } from '../../../electron/shared/result';
import { SkippedRows } from '../../../electron/main/evo/session-rows';
import { InstantClock } from '../../support/clock';
import { MemoryLogger } from '../../support/logger';
import { fastClientOptions, simulatorWithClient } from '../../support/simulator';
import { rejectionOf } from '../../support/rejection';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function setup(options?: Parameters<typeof simulatorWithClient>[0]) {
  const world = await simulatorWithClient(options);
  simulator = world.simulator;
  return world;
}

/** A signed-in client of its own, with options of its own (a clock, a smaller timeout). */
async function clientOn(sim: Simulator, options: Partial<EvoClientOptions>) {
  const client = new EvoClient({ baseUrl: sim.url, userAgent: 'EvoSoftphone/test', ...fastClientOptions, ...options });
  await client.signIn({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
  return client;
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

const holdLines = (sim: Simulator, id: string) =>
  sim.state.sessions.get(id)!.info.log.filter((line) => line.message.startsWith('Call placed on hold')).length;

describe('Evo client against the simulator', () => {
  it('signs in and lists the active call', async () => {
    const { client, live } = await setup();
    expect(live).toMatchObject({ fromName: 'Jane Doe', callState: 'Connected', ended: false, direction: 'Incoming' });
    const me = await client.authStatus();
    expect(me).toMatchObject({ isAuthenticated: true, emailAddress: 'demo@evosoftphone.local' });
  });

  it('refuses a wrong password with a clear message', async () => {
    const { simulator: sim } = await setup();
    const client = new EvoClient({ baseUrl: sim.url, userAgent: 'EvoSoftphone/test', ...fastClientOptions });
    const error = await failure(client.signIn({ email: 'demo@evosoftphone.local', password: 'nope' }));
    expect(error).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong email or password.' });
  });

  it('holds, repeats the hold harmlessly, and resumes', async () => {
    const { client, live, simulator: sim } = await setup();
    const held = await client.hold(live.id, live.members[1]!.callSid, 'None');
    expect(held).toMatchObject({ callState: 'Hold', holdReason: 'None', heldByUserId: 'usr-demo' });
    const again = await client.hold(live.id, live.members[1]!.callSid, 'None');
    expect(again.dateLastModified).toBe(held.dateLastModified);
    expect(holdLines(sim, live.id)).toBe(1);
    const resumed = await client.resume(live.id);
    expect(resumed).toMatchObject({ callState: 'Connected', holdReason: 'None' });
  });

  it('sends the Transferring reason', async () => {
    const { client, live } = await setup();
    expect(await client.hold(live.id, '', 'Transferring')).toMatchObject({ holdReason: 'Transferring' });
  });

  it('ends and transfers calls, which then leave the active list', async () => {
    const { client, live, simulator: sim } = await setup();
    await client.end(live.id, live.members[1]!.callSid);
    expect(await client.activeSessions()).toEqual([]);
    const other = sim.ring('demo@evosoftphone.local', { number: '+15550100555' });
    await client.transfer(other, '+15550100777');
    expect(sim.state.sessions.get(other)!.info).toMatchObject({ ended: true, outcome: 'Transferred' });
  });

  it('pages history newest first; GetSession comes back without its log', async () => {
    const { client, live } = await setup();
    const first = await client.listSessions({ page: 0, countPerPage: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.hasMorePages).toBe(true);
    const dates = first.items.map((item) => item.dateCreated);
    expect([...dates].sort().reverse()).toEqual(dates);
    const second = await client.listSessions({ page: 1, countPerPage: 4 });
    expect(second.items.map((item) => item.id)).not.toContain(first.items[0]!.id);
    expect((await client.getSession(live.id)).log).toEqual([]);
    const withLog = await client.listSessions({ specificIds: [live.id] });
    expect(withLog.items[0]!.log.length).toBeGreaterThan(0);
  });

  it('fetches the Twilio token with an expiry', async () => {
    const { client } = await setup();
    const config = await client.appConfig();
    const payload = JSON.parse(Buffer.from(config.accessToken.split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(payload.exp * 1000).toBeGreaterThan(Date.now());
    expect(config.identity).toBe('dana.agent');
  });

  it('refuses ids that URL resolution would turn into another route, before anything is sent', async () => {
    const { client, simulator: sim } = await setup();
    const sent = () => sim.hits.get + sim.hits.hold + sim.hits.patch + sim.hits.end + sim.hits.redirect + sim.hits.list + sim.hits.create;
    const before = sent();
    for (const id of ['.', '..', '%2e', '%2E%2e', '.%2e', '%252e%252e', '../auth/status', 'x/hold?y=1', 'a\\b', '%2f']) {
      for (const call of [
        () => client.getSession(id),
        () => client.hold(id, '', 'None'),
        () => client.resume(id),
        () => client.end(id, ''),
        () => client.transfer(id, '+15550100777'),
        () => client.patch(id, { callState: 'Connected' }),
      ]) {
        expect(await failure(call())).toMatchObject({ code: 'EVO_BAD_SESSION_ID' });
      }
    }
    expect(sent()).toBe(before);
  });

  describe('hostile answers', () => {
    it('a hold or resume answered with another session is refused, not taken for the call', async () => {
      const { client, live, simulator: sim } = await setup();
      const other = sim.state.addCall(sim.state.userByEmail(DEMO_EMAIL)!, { direction: 'Incoming', number: '+15550100123' });
      const ghost = { ...sim.state.serialise(other), callState: 'Hold' };
      sim.faults.set('hold', { body: ghost, times: 1 });
      expect(await failure(client.hold(live.id, '', 'None'))).toMatchObject({ code: 'EVO_BAD_RESPONSE', retryable: false });
      sim.faults.set('patch', { body: ghost, times: 1 });
      expect(await failure(client.resume(live.id))).toMatchObject({ code: 'EVO_BAD_RESPONSE', retryable: false });
      sim.faults.set('get', { body: ghost, times: 1 });
      expect(await failure(client.getSession(live.id))).toMatchObject({ code: 'EVO_BAD_RESPONSE' });
    });

    it('a body over the size cap is not read whole: EVO_RESPONSE_TOO_LARGE, and the next request works', async () => {
      const { client, simulator: sim } = await setup();
      sim.faults.set('active', { hugeBodyBytes: 100 * 1024 * 1024, times: 1 });
      const heapBefore = process.memoryUsage().heapUsed;
      const error = await failure(client.activeSessions());
      expect(error).toMatchObject({ code: 'EVO_RESPONSE_TOO_LARGE', retryable: false });
      expect(error.message).toMatch(/larger than 4 MB/);
      expect(sim.hits.active).toBe(2);
      expect((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toBeLessThan(40);
      expect(await client.activeSessions()).toHaveLength(1);
    });

    it('the cap is an option: an answer over a smaller cap is refused, requests within it go on', async () => {
      const { client, simulator: sim } = await setup();
      const small = new EvoClient({ baseUrl: sim.url, userAgent: 'EvoSoftphone/test', ...fastClientOptions, maxResponseBytes: 2048 });
      await small.signIn({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
      expect(await failure(small.listSessions({ countPerPage: 5 }))).toMatchObject({ code: 'EVO_RESPONSE_TOO_LARGE' });
      expect((await client.listSessions({ countPerPage: 5 })).items).toHaveLength(5);
    });

    it('bounds string fields: rows with an unusable id are skipped, an oversized name or log line is cut (not refused), a huge sign-in answer refused', async () => {
      const { client, live, simulator: sim } = await setup();
      const agent = sim.state.userByEmail(DEMO_EMAIL)!;
      const rows = () => [...sim.state.sessions.values()].filter((s) => s.ownerUserId === agent.id);
      const longId = sim.state.addCall(agent, { direction: 'Incoming', number: '+15550100123' });
      longId.info.id = 'S'.repeat(5_000);
      const longName = sim.state.addCall(agent, { direction: 'Incoming', number: '+15550100124', name: 'N'.repeat(100_000) });
      const longLine = sim.state.addCall(agent, { direction: 'Incoming', number: '+15550100125' });
      longLine.info.log.push({ date: '', message: 'm'.repeat(50_000) });
      sim.state.addCall(agent, { direction: 'Incoming', number: '+15550100126' }).info.id = '..';
      expect(rows().filter((s) => !s.info.ended)).toHaveLength(5);
      const active = await client.activeSessions();
      expect(active.map((row) => row.id)).toEqual([live.id, longName.info.id, longLine.info.id]);
      expect(active[1]!.fromName).toHaveLength(1_000);
      expect(active[1]!.fromName.endsWith('…')).toBe(true);
      expect(active[2]!.log.at(-1)!.message).toHaveLength(4_000);

      sim.faults.set('signIn', { body: { userId: 'usr-demo', displayName: 'D'.repeat(1_000_000) } });
      expect(await failure(client.signIn({ email: DEMO_EMAIL, password: DEMO_PASSWORD }))).toMatchObject({ code: 'EVO_BAD_RESPONSE' });
    });
  });

  describe('every error class ends in success or a typed error', () => {
    it('400: the server message for a hold on an ended call', async () => {
      const { client, live } = await setup();
      await client.end(live.id, '');
      expect(await failure(client.hold(live.id, '', 'None'))).toMatchObject({
        code: 'EVO_BAD_REQUEST',
        message: 'Session has ended',
        retryable: false,
      });
    });

    it('401 then success: one re-sign-in and one replay', async () => {
      const { client, live, simulator: sim } = await setup();
      sim.expireCookies();
      const before = sim.hits.signIn;
      expect(await client.hold(live.id, '', 'None')).toMatchObject({ callState: 'Hold' });
      expect(sim.hits.signIn - before).toBe(1);
      expect(holdLines(sim, live.id)).toBe(1);
    });

    it('401 on several requests at once: they share one re-sign-in', async () => {
      const { client, live, simulator: sim } = await setup();
      sim.expireCookies();
      const before = sim.hits.signIn;
      const [active, held, history] = await Promise.all([
        client.activeSessions(),
        client.hold(live.id, '', 'None'),
        client.listSessions({ countPerPage: 2 }),
      ]);
      expect(active).toHaveLength(1);
      expect(held).toMatchObject({ callState: 'Hold' });
      expect(history.items).toHaveLength(2);
      expect(sim.hits.signIn - before).toBe(1);
    });

    it('a changed password: one re-sign-in for all, then the password is forgotten and the owner told once', async () => {
      const { simulator: sim } = await setup();
      const rejected = vi.fn();
      const client = new EvoClient({
        baseUrl: sim.url,
        userAgent: 'EvoSoftphone/test',
        ...fastClientOptions,
        onCredentialsRejected: rejected,
      });
      await client.signIn({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
      const live = (await client.activeSessions())[0]!;
      sim.state.setPassword(DEMO_EMAIL, 'changed-by-the-admin');
      sim.expireCookies();
      const before = sim.hits.signIn;
      const errors = await Promise.all([client.activeSessions(), client.hold(live.id, '', 'None'), client.appConfig()].map(failure));
      for (const error of errors) {
        expect(error).toMatchObject({ code: 'AUTH_PASSWORD_CHANGED', message: 'Your password was changed or expired. Sign in again.' });
      }
      expect(sim.hits.signIn - before).toBe(1);
      expect(rejected).toHaveBeenCalledTimes(1);
      // Nothing tries the old password again: an account would lock.
      expect(await failure(client.activeSessions())).toMatchObject({ code: 'AUTH_PASSWORD_CHANGED' });
      expect(await failure(client.hold(live.id, '', 'None'))).toMatchObject({ code: 'AUTH_PASSWORD_CHANGED' });
      expect(sim.hits.signIn - before).toBe(1);
      expect(sim.state.sessions.get(live.id)!.info.callState).toBe('Connected');
    });

    it('401 for good: the expired sign-in is reported, not looped', async () => {
      const { client, simulator: sim } = await setup();
      sim.faults.set('active', { status: 401 });
      const before = sim.hits.signIn;
      expect(await failure(client.activeSessions())).toMatchObject({ code: 'EVO_UNAUTHORIZED' });
      expect(sim.hits.signIn - before).toBe(1);
    });

    it('403: another account’s session', async () => {
      const { client, simulator: sim } = await setup();
      const foreign = [...sim.state.sessions.values()].find((s) => s.info.accountId === 'acc-other')!;
      expect(await failure(client.hold(foreign.info.id, '', 'None'))).toMatchObject({ code: 'EVO_FORBIDDEN' });
    });

    it('404: an unknown session', async () => {
      const { client } = await setup();
      expect(await failure(client.resume('SE-missing'))).toMatchObject({ code: 'EVO_NOT_FOUND' });
    });

    it('409: a conflict is reported and not retried', async () => {
      const { client, live, simulator: sim } = await setup();
      sim.faults.set('hold', { status: 409, message: 'The session was modified by someone else' });
      expect(await failure(client.hold(live.id, '', 'None'))).toMatchObject({
        code: 'EVO_CONFLICT',
        message: 'The session was modified by someone else',
      });
      expect(sim.hits.hold).toBe(1);
    });

    it('500 then success: a retried hold leaves the call held exactly once', async () => {
      const { client, live, simulator: sim } = await setup();
      sim.faults.set('hold', { status: 500, applyFirst: true, times: 1 });
      expect(await client.hold(live.id, '', 'None')).toMatchObject({ callState: 'Hold' });
      expect(sim.hits.hold).toBe(2);
      expect(holdLines(sim, live.id)).toBe(1);
    });

    it('500 for good: a typed, retryable error after the capped attempts', async () => {
      const { client, simulator: sim } = await setup();
      sim.faults.set('active', { status: 500 });
      expect(await failure(client.activeSessions())).toMatchObject({ code: 'EVO_SERVER_ERROR', retryable: true });
      expect(sim.hits.active).toBe(1 + fastClientOptions.retry.attempts);
    });

    it('503 with Retry-After: waits as asked (on the injected clock), then succeeds', async () => {
      const { simulator: sim, live } = await setup();
      const clock = new InstantClock();
      const client = await clientOn(sim, { clock });
      sim.faults.set('hold', { status: 503, retryAfter: 3, times: 1 });
      const started = Date.now();
      expect(await client.hold(live.id, '', 'None')).toMatchObject({ callState: 'Hold' });
      expect(clock.waits).toEqual([3_000]);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('a Retry-After beyond the deadline is not waited for: the error comes back at once', async () => {
      const { simulator: sim } = await setup();
      const clock = new InstantClock();
      const client = await clientOn(sim, { clock });
      sim.faults.set('active', { status: 503, retryAfter: 60, times: 1 });
      expect(await failure(client.activeSessions())).toMatchObject({ code: 'EVO_UNAVAILABLE', retryable: true });
      expect(clock.waits).toEqual([]);
    });

    it('timeout then success: the slow hold that did land is not applied twice', async () => {
      const { client, live, simulator: sim } = await setup();
      sim.faults.set('hold', { latencyMs: 1_500, times: 1 });
      expect(await client.hold(live.id, '', 'None')).toMatchObject({ callState: 'Hold' });
      await sim.idle();
      expect(holdLines(sim, live.id)).toBe(1);
      expect(sim.hits.hold).toBe(2);
    });

    it('timeout for good: EVO_TIMEOUT after the capped attempts, never a hang', async () => {
      const { simulator: sim } = await setup();
      const clock = new InstantClock();
      const client = await clientOn(sim, { clock, timeoutMs: 100 });
      sim.faults.set('active', { latencyMs: 400 });
      const before = sim.hits.active;
      expect(await failure(client.activeSessions())).toMatchObject({ code: 'EVO_TIMEOUT', retryable: true });
      expect(sim.hits.active - before).toBe(fastClientOptions.retry.attempts);
      expect(clock.waits).toHaveLength(fastClientOptions.retry.attempts - 1);
    });

    it('connection reset then success', async () => {
      const { client, live, simulator: sim } = await setup();
      sim.faults.set('patch', { drop: true, times: 1 });
      await client.hold(live.id, '', 'None');
      expect(await client.resume(live.id)).toMatchObject({ callState: 'Connected' });
    });

    it('connection reset for good: EVO_UNREACHABLE', async () => {
      const { client, simulator: sim } = await setup();
      sim.faults.set('active', { drop: true });
      expect(await failure(client.activeSessions())).toMatchObject({ code: 'EVO_UNREACHABLE' });
    });

    it('malformed JSON then success; for good it is EVO_BAD_RESPONSE', async () => {
      const { client, simulator: sim } = await setup();
      sim.faults.set('active', { malformed: true, times: 1 });
      expect(await client.activeSessions()).toHaveLength(1);
      sim.faults.set('active', { malformed: true });
      expect(await failure(client.activeSessions())).toMatchObject({ code: 'EVO_BAD_RESPONSE' });
    });

    it('does not retry writes other than hold and resume', async () => {
      const { client, live, simulator: sim } = await setup();
      sim.faults.set('end', { status: 500, times: 1 });
      expect(await failure(client.end(live.id, ''))).toMatchObject({ code: 'EVO_SERVER_ERROR' });
      expect(sim.hits.end).toBe(1);
    });

    it('a server that is down: EVO_UNREACHABLE quickly', async () => {
      const { client, simulator: sim } = await setup();
      await sim.close();
      expect(await failure(client.activeSessions())).toMatchObject({ code: 'EVO_UNREACHABLE' });
    });
  });

  it('tolerates extra fields; an answer without its list is EVO_BAD_RESPONSE', async () => {
    const { client, simulator: sim, live } = await setup();
    const info = sim.state.sessions.get(live.id)!.info as unknown as Record<string, unknown>;
    info.brandNewField = { nested: true };
    expect((await client.activeSessions())[0]!.id).toBe(live.id);
    sim.faults.set('active', { status: 200, body: { sessions: 'not a list' } });
    expect(await failure(client.activeSessions())).toMatchObject({ code: 'EVO_BAD_RESPONSE' });
  });

  it('skips a malformed session row, logs its id only, counts it, and keeps the others', async () => {
    const { simulator: sim, live } = await setup();
    const logger = new MemoryLogger();
    const skipped = new SkippedRows(logger);
    const client = new EvoClient({ baseUrl: sim.url, userAgent: 'EvoSoftphone/test', ...fastClientOptions, skippedRows: skipped });
    await client.signIn({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
    const badId = sim.ring(DEMO_EMAIL, { number: '+15550100555', name: 'Sam Secretname' });
    delete (sim.state.sessions.get(badId)!.info as unknown as Record<string, unknown>).dateLastModified;

    expect((await client.activeSessions()).map((row) => row.id)).toEqual([live.id]);
    expect((await client.listSessions({ countPerPage: 100 })).items.map((row) => row.id)).not.toContain(badId);
    expect((await client.listSessions({ countPerPage: 100 })).items.map((row) => row.id)).toContain(live.id);
    await client.activeSessions();
    expect(skipped.count).toBe(1);
    const lines = logger.lines.join('\n');
    expect(lines).toContain(badId);
    expect(lines).toContain('dateLastModified');
    expect(lines).not.toMatch(/Secretname|5550100555/);
    // Logged once per row, not once per poll.
    expect(logger.lines.filter((line) => line.includes(badId))).toHaveLength(1);
  });

  it('accepts https servers and loopback http only', () => {
    expect(normaliseServerUrl('https://evovoice.io/')).toBe('https://evovoice.io');
    expect(normaliseServerUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    for (const bad of ['http://evovoice.io', 'ftp://x', 'evovoice.io', 'https://u:p@evovoice.io', 'javascript:alert(1)']) {
      expect(() => normaliseServerUrl(bad)).toThrow(AppError);
    }
  });
});
