import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../electron/main/services/credential-vault';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import type { BoardChange } from '../../../electron/shared/contract';
import { FakeClock } from '../../support/clock';
import { coreFor, type TestCore } from '../../support/core';
import { named } from '../../support/bidi';

const demo = { email: 'demo@evosoftphone.local', password: 'demo' };
let simulator: Simulator;
const cores: TestCore[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) core.core.dispose();
  await simulator?.close();
});

async function signedIn(options: Parameters<typeof coreFor>[1] = {}) {
  simulator ??= await startSimulator({ seed: { history: 6 } });
  const t = coreFor(simulator, options);
  cores.push(t);
  await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
  await t.core.sync.syncNow();
  const [live] = (await t.value('sessions.active')).sessions;
  return { t, live: live! };
}

const lastChange = (t: TestCore) => t.events.filter((e) => e.event === 'calls.changed').at(-1)?.payload as BoardChange | undefined;

describe('Evo core over IPC (router -> handlers -> services -> simulator, SQLite on disk)', () => {
  afterEach(() => {
    simulator = undefined as never;
  });

  it('signs in, says so, and lists the active call', async () => {
    const { t, live } = await signedIn();
    expect(await t.value('auth.status')).toMatchObject({
      signedIn: true,
      user: { name: 'Dana Agent', email: demo.email },
      remembered: false,
    });
    expect(t.events.some((e) => e.event === 'auth.changed')).toBe(true);
    expect(live).toMatchObject({ displayName: 'Jane Doe', number: '+15550100199', held: false, heldSince: null });
  });

  it('answers a wrong password and a bad server with clear errors', async () => {
    simulator = await startSimulator({ seed: false });
    const t = coreFor(simulator);
    cores.push(t);
    expect(await t.call('auth.signIn', { server: simulator.url, email: demo.email, password: 'x', remember: false })).toEqual({
      ok: false,
      error: { code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong email or password.' },
    });
    expect(await t.call('auth.signIn', { server: 'http://evil.example', ...demo, remember: false })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_INVALID_SERVER' },
    });
    const unreachable = await t.call('auth.signIn', { server: 'http://127.0.0.1:1', ...demo, remember: false });
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'EVO_UNREACHABLE' } });
    expect(JSON.stringify(unreachable)).not.toContain(demo.password + '"');
  });

  it('holds and resumes, with the hold start kept in the cache', async () => {
    const { t, live } = await signedIn();
    const held = await t.value('sessions.hold', { sessionId: live.id });
    expect(held).toMatchObject({ held: true, callState: 'Hold', heldBy: 'Dana Agent', holdReason: 'None' });
    expect(Date.parse(held.heldSince!)).toBeGreaterThan(Date.now() - 5_000);
    expect(lastChange(t)!.upserted.find((call) => call.id === live.id)).toMatchObject({ phase: 'held', heldByMe: true });
    const resumed = await t.value('sessions.resume', { sessionId: live.id });
    expect(resumed).toMatchObject({ held: false, heldSince: null, callState: 'Connected' });
  });

  it('answers a session with its total time on hold, as the cache saw it', async () => {
    const clock = new FakeClock();
    const { t, live } = await signedIn({ clock });
    await t.value('sessions.hold', { sessionId: live.id });
    clock.advance(42_000);
    await t.value('sessions.resume', { sessionId: live.id });
    clock.advance(5_000);
    expect((await t.value('sessions.get', { sessionId: live.id })).holdMs).toBe(42_000);
  });

  it('sends a double-pressed hold once and gives both presses the same answer', async () => {
    const { t, live } = await signedIn();
    simulator.faults.set('hold', { latencyMs: 150 });
    const before = simulator.hits.hold;
    const [first, second] = await Promise.all([
      t.call('sessions.hold', { sessionId: live.id }),
      t.call('sessions.hold', { sessionId: live.id }),
    ]);
    expect(simulator.hits.hold - before).toBe(1);
    expect(first).toEqual(second);
    expect(first).toMatchObject({ ok: true, value: { held: true } });
  });

  it('refuses a resume while the hold is still in flight', async () => {
    const { t, live } = await signedIn();
    simulator.faults.set('hold', { latencyMs: 150 });
    const hold = t.call('sessions.hold', { sessionId: live.id });
    expect(await t.call('sessions.resume', { sessionId: live.id })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_BUSY' },
    });
    expect(await hold).toMatchObject({ ok: true });
  });

  it('holds a call that is not synced yet by waiting for the next sync, with the agent leg', async () => {
    const { t } = await signedIn();
    const ringing = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
    simulator.state.patch(simulator.state.userByEmail(demo.email)!, ringing, { callState: 'Connected' });
    const held = await t.value('sessions.hold', { sessionId: ringing });
    expect(held.held).toBe(true);
    const agentLeg = simulator.state.sessions.get(ringing)!.info.members.find((m) => m.role === 'Agent')!.callSid;
    expect(held.members.find((m) => m.role === 'Agent')!.callSid).toBe(agentLeg);
  });

  it('reports a failed hold with the server message and leaves the call as the server has it', async () => {
    const { t, live } = await signedIn();
    simulator.faults.set('hold', { status: 500, message: 'Hold queue is unavailable' });
    expect(await t.call('sessions.hold', { sessionId: live.id })).toEqual({
      ok: false,
      error: {
        code: 'EVO_SERVER_ERROR',
        message: `Couldn't put ${named('Jane Doe')} on hold: Evo answered '${named('Hold queue is unavailable')}'. ${named('Jane Doe')} can still hear you.`,
        retryable: true,
      },
    });
    expect(t.core.board.get(live.id)!.failure).toMatchObject({ action: 'hold', code: 'EVO_SERVER_ERROR' });
    await t.core.sync.syncNow();
    expect((await t.value('sessions.active')).sessions[0]).toMatchObject({ held: false, callState: 'Connected' });
    simulator.faults.clear();
    expect(await t.value('sessions.hold', { sessionId: live.id })).toMatchObject({ held: true });
  });

  it('ends and transfers calls through the server', async () => {
    const { t, live } = await signedIn();
    expect(await t.value('sessions.end', { sessionId: live.id })).toEqual({ ended: true });
    await t.core.sync.syncNow();
    expect((await t.value('sessions.active')).sessions).toEqual([]);
    expect(lastChange(t)!.removed).toContain(live.id);
    const next = simulator.ring(demo.email, { number: '+15550100555' });
    await t.value('sessions.answer', { sessionId: next });
    expect(await t.value('sessions.transfer', { sessionId: next, destination: '+15550100777' })).toEqual({ transferred: true });
    expect(simulator.state.sessions.get(next)!.info).toMatchObject({ ended: true, outcome: 'Transferred' });
    expect(t.core.board.get(next)).toBeUndefined();
  });

  it('serves history from the cache, then from the server on request, and one session with its log', async () => {
    const { t, live } = await signedIn();
    const cached = await t.value('sessions.history');
    expect(cached.source).toBe('cache');
    const fresh = await t.value('sessions.history', { fresh: true });
    expect(fresh.source).toBe('server');
    expect(fresh.items.length).toBeGreaterThanOrEqual(7);
    expect(fresh.items.some((item) => item.wasMissed)).toBe(true);
    expect((await t.value('sessions.history', { query: 'jane' })).items.every((i) => /jane/i.test(i.displayName))).toBe(true);
    const detail = await t.value('sessions.get', { sessionId: live.id });
    expect(detail.log.map((line) => line.message)).toContain('Incoming call from Jane Doe');
    expect(detail.holdMs).toBe(0);
    const missed = await t.value('sessions.history', { filter: 'missed' });
    expect(missed.items.length).toBeGreaterThan(0);
    expect(missed.items.every((item) => item.wasMissed)).toBe(true);
    expect(await t.value('sessions.recentNumbers')).toContain('+15550100199');
  });

  it('hands out the Twilio token with its expiry', async () => {
    const { t } = await signedIn();
    const token = await t.value('voice.token');
    expect(token.identity).toBe('dana.agent');
    expect(Date.parse(token.expiresAt!)).toBeGreaterThan(Date.now());
  });

  it('remembers the password only when encryption is available, and restores after a restart', async () => {
    simulator = await startSimulator({ seed: { history: 2 } });
    const secrets = new MemorySecretStore(true);
    const first = coreFor(simulator, { secrets });
    cores.push(first);
    await first.value('auth.signIn', { server: simulator.url, ...demo, remember: true });
    await first.value('sessions.hold', { sessionId: simulator.state.active(simulator.state.userByEmail(demo.email)!)[0]!.info.id });
    const heldSince = (await first.value('sessions.active')).sessions[0]!.heldSince;
    first.core.dispose();

    const second = coreFor(simulator, { secrets, dataDir: first.dataDir });
    cores.push(second);
    await second.core.start();
    expect(await second.value('auth.status')).toMatchObject({ signedIn: true, remembered: true });
    await second.core.sync.syncNow();
    expect((await second.value('sessions.active')).sessions[0]).toMatchObject({ held: true, heldSince });

    const refusing = coreFor(simulator, { secrets: new MemorySecretStore(false) });
    cores.push(refusing);
    const status = await refusing.value('auth.signIn', { server: simulator.url, ...demo, remember: true });
    expect(status).toMatchObject({ signedIn: true, remembered: false, canRemember: false });
    expect(status.notice).toMatch(/won't be remembered/);
  });

  it('signs out: password forgotten, sync stopped, nothing of the cache shown while signed out', async () => {
    const secrets = new MemorySecretStore(true);
    simulator = await startSimulator({ seed: { history: 3 } });
    const t = coreFor(simulator, { secrets });
    cores.push(t);
    await t.value('auth.signIn', { server: simulator.url, ...demo, remember: true });
    await t.core.sync.syncNow();
    expect(secrets.load('evo-account')).not.toBeNull();
    expect(await t.value('auth.signOut')).toMatchObject({ signedIn: false, user: null });
    expect(secrets.load('evo-account')).toBeNull();
    expect((await t.value('sessions.active')).sessions).toEqual([]);
    expect(await t.value('calls.board')).toMatchObject({ calls: [], currentId: null });
    expect(await t.call('sessions.history')).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(await t.call('sessions.recentNumbers')).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(await t.call('sessions.hold', { sessionId: 'x' })).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(await t.call('sessions.resume', { sessionId: 'x' })).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
  });

  it('a malformed session row does not blank the sync: the others show, online, and it is counted', async () => {
    const { t, live } = await signedIn();
    const bad = simulator.ring(demo.email, { number: '+15550100555', name: 'Sam Caller' });
    delete (simulator.state.sessions.get(bad)!.info as unknown as Record<string, unknown>).dateCreated;
    await t.core.sync.syncNow();
    expect(lastChange(t)).toMatchObject({ connection: 'online', error: null });
    expect((await t.value('sessions.active')).sessions.map((s) => s.id)).toEqual([live.id]);
    expect(t.core.skippedRows.count).toBe(1);
  });

  it('a hold answered with another session leaves no ghost held call', async () => {
    const { t, live } = await signedIn();
    const other = simulator.state.addCall(simulator.state.userByEmail(demo.email)!, { direction: 'Incoming', number: '+15550100123' });
    simulator.faults.set('hold', { body: { ...simulator.state.serialise(other), callState: 'Hold' }, times: 1 });
    expect(await t.call('sessions.hold', { sessionId: live.id })).toMatchObject({ ok: false, error: { code: 'EVO_BAD_RESPONSE' } });
    await t.core.sync.syncNow();
    const sessions = (await t.value('sessions.active')).sessions;
    expect(sessions.map((s) => s.id).sort()).toEqual([live.id, other.info.id].sort());
    expect(sessions.filter((s) => s.held)).toEqual([]);
    // Not even for a moment: no event ever showed a held call.
    const shown = t.events.filter((e) => e.event === 'calls.changed').flatMap((e) => (e.payload as BoardChange).upserted);
    expect(shown.filter((call) => call.phase === 'held')).toEqual([]);
  });

  it('a password changed on the server: one re-sign-in, then signed out with a notice, password forgotten, no more polling', async () => {
    const secrets = new MemorySecretStore(true);
    simulator = await startSimulator({ seed: { history: 3 } });
    const clock = new FakeClock();
    const t = coreFor(simulator, { secrets, clock });
    cores.push(t);
    await t.value('auth.signIn', { server: simulator.url, ...demo, remember: true });
    await t.core.sync.syncNow();
    const [live] = (await t.value('sessions.active')).sessions;
    simulator.state.setPassword(demo.email, 'changed-by-the-admin');
    simulator.expireCookies();
    const signIns = simulator.hits.signIn;

    const [hold] = await Promise.all([t.call('sessions.hold', { sessionId: live!.id }), t.core.sync.syncNow(), t.call('voice.token')]);
    const notice = 'Your password was changed or expired. Sign in again.';
    expect(hold).toMatchObject({ ok: false, error: { code: 'AUTH_PASSWORD_CHANGED', message: notice } });
    expect(simulator.hits.signIn - signIns).toBe(1);
    expect(await t.value('auth.status')).toMatchObject({ signedIn: false, remembered: false, notice });
    expect(t.events.filter((e) => e.event === 'auth.changed').at(-1)!.payload).toMatchObject({ signedIn: false, notice });
    expect(secrets.load('evo-account')).toBeNull();
    // The poll loop is gone: time passing sends nothing, and nothing signs in again.
    const polls = simulator.hits.active;
    clock.advance(10 * 60_000);
    await t.core.sync.syncNow();
    expect(simulator.hits.active).toBe(polls);
    expect(simulator.hits.signIn - signIns).toBe(1);
    expect(clock.pending()).toBe(0);
    // Signing in with the new password brings the same calls back.
    await t.value('auth.signIn', { server: simulator.url, email: demo.email, password: 'changed-by-the-admin', remember: false });
    await t.core.sync.syncNow();
    expect((await t.value('sessions.active')).sessions.map((s) => s.id)).toEqual([live!.id]);
    expect(await t.value('auth.status')).toMatchObject({ signedIn: true, notice: null });
  });

  it('keeps hold times across a sign-out and sign-in of the same agent, and wipes them for another', async () => {
    simulator = await startSimulator({ seed: { history: 1 } });
    const clock = new FakeClock(Date.now());
    const t = coreFor(simulator, { clock });
    cores.push(t);
    await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
    await t.core.sync.syncNow();
    const [live] = (await t.value('sessions.active')).sessions;
    const heldSince = (await t.value('sessions.hold', { sessionId: live!.id })).heldSince;
    await t.value('auth.signOut');
    clock.advance(90_000);
    await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
    await t.core.sync.syncNow();
    expect(t.core.board.get(live!.id)!.heldSince).toBe(heldSince);
    await t.value('auth.signIn', { server: simulator.url, email: 'other@evosoftphone.local', password: 'other', remember: false });
    expect(t.core.cache.get(live!.id)).toBeNull();
  });

  it('keeps no password, cookie or token in the database files', async () => {
    simulator = await startSimulator({ seed: { history: 10 } });
    const t = coreFor(simulator);
    cores.push(t);
    await t.value('auth.signIn', { server: simulator.url, email: 'other@evosoftphone.local', password: 'other', remember: false });
    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator.url, ...demo, remember: true });
    await t.core.sync.syncNow();
    await t.value('sessions.history', { fresh: true });
    const token = (await t.value('voice.token')).token;
    const cookie = (t.core.auth.session!.client as unknown as { jar: { header(url: string): string } }).jar.header(`${simulator.url}/`);
    const [live] = (await t.value('sessions.active')).sessions;
    await t.value('sessions.hold', { sessionId: live!.id });
    t.core.dispose();
    cores.splice(cores.indexOf(t), 1);
    const bytes = readdirSync(t.dataDir)
      .filter((name) => name.startsWith('session-cache'))
      .map((name) => readFileSync(join(t.dataDir, name)).toString('latin1'))
      .join('\n');
    expect(bytes.length).toBeGreaterThan(4096);
    expect(bytes).toContain('Jane Doe');
    for (const secret of [token, token.split('.')[1]!, ...cookie.split('; ').map((c) => c.split('=')[1]!), '"password"']) {
      expect(bytes.includes(secret), `database holds ${secret.slice(0, 12)}…`).toBe(false);
    }
    expect(t.logger.lines.join('\n')).not.toMatch(/password|ss-id=|eyJ/);
  });

  it('backs off while the server fails and says reconnecting, then offline, then online again', async () => {
    simulator = await startSimulator({ seed: { history: 1 } });
    const clock = new FakeClock();
    const t = coreFor(simulator, { clock });
    cores.push(t);
    await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
    await t.core.sync.syncNow();
    simulator.faults.set('active', { status: 503 });
    const states: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      clock.advance(120_000);
      await t.core.sync.syncNow();
      states.push(lastChange(t)!.connection);
    }
    expect(states).toEqual(['reconnecting', 'reconnecting', 'offline', 'offline']);
    expect(lastChange(t)!.error).toMatchObject({ code: 'EVO_UNAVAILABLE' });
    // The back-off's pace is counted request by request in calls/sync-loop.test.ts.
    expect(Math.max(...clock.scheduled)).toBeLessThanOrEqual(60_000);
    simulator.faults.clear();
    clock.advance(120_000);
    await t.core.sync.syncNow();
    expect(lastChange(t)).toMatchObject({ connection: 'online', error: null });
  });

  it('validates settings and keeps them across restarts', async () => {
    simulator = await startSimulator({ seed: false });
    const t = coreFor(simulator);
    cores.push(t);
    expect(await t.call('settings.update', { holdReminders: [1] })).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_PAYLOAD' } });
    const updated = await t.value('settings.update', { holdReminders: [20, 45], hotkeys: { mute: 'F9' } });
    expect(updated).toMatchObject({ holdReminders: [20, 45], hotkeys: { holdResume: 'CommandOrControl+Alt+H', mute: 'F9' } });
    const again = coreFor(simulator, { dataDir: t.dataDir });
    cores.push(again);
    expect(await again.value('settings.get')).toMatchObject({ holdReminders: [20, 45] });
  });

  it('first run with nothing configured starts on the demo; after a real sign-in it offers that account', async () => {
    simulator = await startSimulator({ seed: { history: 1 } });
    const first = coreFor(simulator, { autoDemo: true, configured: false });
    cores.push(first);
    await first.core.start();
    expect(await first.value('auth.status')).toMatchObject({ signedIn: true, demo: true });
    await first.value('auth.signOut');

    const other = await startSimulator({ seed: false });
    try {
      await first.value('auth.signIn', { server: other.url, email: 'other@evosoftphone.local', password: 'other', remember: false });
      await first.value('auth.signOut');
      const again = coreFor(simulator, { autoDemo: true, configured: false, dataDir: first.dataDir });
      cores.push(again);
      await again.core.start();
      expect(await again.value('auth.status')).toMatchObject({ signedIn: false });
      expect(await again.value('auth.servers')).toMatchObject({ preselected: other.url, lastEmail: 'other@evosoftphone.local' });
    } finally {
      await other.close();
    }
  });

  it('names the servers on the sign-in screen: Evo Voice, Staging, Demo, or the host', async () => {
    simulator = await startSimulator({ seed: false });
    const plain = coreFor(simulator);
    const withDemo = coreFor(simulator, { autoDemo: true });
    cores.push(plain, withDemo);
    const host = new URL(simulator.url).host;
    expect((await plain.value('auth.servers')).servers.map((server) => server.label)).toEqual(['Evo Voice', 'Staging', host]);
    expect((await withDemo.value('auth.servers')).servers.map((server) => server.label)).toEqual(['Evo Voice', 'Staging', 'Demo']);
  });

  it('keeps one poll loop when the agent signs in again while a sync is in flight', async () => {
    simulator = await startSimulator({ seed: { history: 1 } });
    const clock = new FakeClock();
    const t = coreFor(simulator, { clock });
    cores.push(t);
    simulator.faults.set('active', { latencyMs: 100 });
    await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
    await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
    // The in-flight sync both loops wait on; the first loop must then end instead of scheduling.
    await t.core.sync.syncNow();
    expect(clock.pending()).toBe(1);
  });
});
