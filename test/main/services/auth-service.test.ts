import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/main/db/open';
import { SessionCache } from '../../../electron/main/db/session-cache';
import { EvoClient } from '../../../electron/main/evo/client';
import type { DemoBackend } from '../../../electron/main/ports';
import { AuthService, PRODUCTION_SERVER, STAGING_SERVER } from '../../../electron/main/services/auth-service';
import { CredentialVault, MemorySecretStore } from '../../../electron/main/services/credential-vault';
import { LastAccountStore } from '../../../electron/main/services/last-account';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import type { AuthStatus } from '../../../electron/shared/contract';
import { MemoryLogger } from '../../support/logger';
import { fastClientOptions } from '../../support/simulator';

let evo: Simulator;
let demo: Simulator;
beforeAll(async () => {
  [evo, demo] = await Promise.all([startSimulator({ seed: false }), startSimulator({ seed: false })]);
});
afterAll(async () => {
  await Promise.all([evo.close(), demo.close()]);
});

const agent = { email: 'demo@evosoftphone.local', password: 'demo' };

function authService(
  options: { canStore?: boolean; autoDemo?: boolean; configured?: string; dataDir?: string; secrets?: MemorySecretStore } = {},
) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'evo-auth-'));
  const secrets = options.secrets ?? new MemorySecretStore(options.canStore ?? true);
  const cache = new SessionCache(openCache(join(dataDir, 'cache.sqlite'), new MemoryLogger()).db);
  const changes: AuthStatus[] = [];
  let demoStarts = 0;
  const auth = new AuthService({
    makeClient: (server) => new EvoClient({ ...fastClientOptions, baseUrl: server, userAgent: 'EvoSoftphone/test (linux)' }),
    vault: new CredentialVault(secrets),
    cache,
    logger: new MemoryLogger(),
    // The demo backend arrives as data: where it is and who signs in there.
    demoServer: async (): Promise<DemoBackend> => {
      demoStarts += 1;
      return { url: demo.url, demoAccount: demo.demoAccount };
    },
    runningDemoServer: () => (demoStarts > 0 ? demo.url : null),
    configuredServer: options.configured,
    lastAccount: new LastAccountStore(dataDir),
    autoDemo: options.autoDemo,
    onChanged: (status) => changes.push(status),
  });
  return { auth, changes, cache, secrets, dataDir, demoStarts: () => demoStarts };
}

const signIn = (auth: AuthService, fields: Partial<{ server: string; email: string; password: string; remember: boolean }> = {}) =>
  auth.signIn({ server: evo.url, ...agent, remember: false, ...fields });

describe('signing in', () => {
  it('signs the agent in and says who they are', async () => {
    const { auth, changes } = authService();
    const status = await signIn(auth);
    expect(status).toMatchObject({ signedIn: true, server: evo.url, demo: false, user: { name: 'Dana Agent', email: agent.email } });
    expect(changes.at(-1)).toEqual(status);
    expect(auth.requireSession().client.baseUrl).toBe(evo.url);
  });

  it('refuses a wrong password and a server that is not https', async () => {
    const { auth } = authService();
    await expect(signIn(auth, { password: 'nope' })).rejects.toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    await expect(signIn(auth, { server: 'http://evovoice.io' })).rejects.toMatchObject({ code: 'AUTH_INVALID_SERVER' });
    expect(auth.status().signedIn).toBe(false);
    expect(() => auth.requireSession()).toThrow(expect.objectContaining({ code: 'AUTH_REQUIRED' }));
  });

  it('remembers the password only when asked, and forgets it when asked not to', async () => {
    const { auth, secrets } = authService();
    expect((await signIn(auth, { remember: true })).remembered).toBe(true);
    expect(secrets.load('evo-account')).toContain(agent.email);
    expect((await signIn(auth, { remember: false })).remembered).toBe(false);
    expect(secrets.load('evo-account')).toBeNull();
  });

  it('says so, and stores nothing, where the computer cannot encrypt the password', async () => {
    const { auth, secrets } = authService({ canStore: false });
    const status = await signIn(auth, { remember: true });
    expect(status).toMatchObject({ signedIn: true, remembered: false, canRemember: false });
    expect(status.notice).toMatch(/no secure storage/);
    expect(secrets.load('evo-account')).toBeNull();
  });
});

describe('the sign-in screen', () => {
  it('offers Evo Voice and staging, preselecting production', () => {
    const { auth } = authService();
    expect(auth.servers()).toEqual({
      servers: [
        { url: PRODUCTION_SERVER, label: 'Evo Voice' },
        { url: STAGING_SERVER, label: 'Staging' },
      ],
      preselected: PRODUCTION_SERVER,
      lastEmail: null,
    });
  });

  it('preselects the configured server (EVO_API_URL)', () => {
    const { auth } = authService({ configured: 'https://evo.example.com' });
    expect(auth.servers()).toMatchObject({
      servers: expect.arrayContaining([{ url: 'https://evo.example.com', label: 'evo.example.com' }]),
      preselected: 'https://evo.example.com',
    });
  });

  it('fills in the last server and email after a sign-out', async () => {
    const { auth } = authService();
    await signIn(auth);
    await auth.signOut();
    expect(auth.servers()).toMatchObject({
      servers: expect.arrayContaining([{ url: evo.url, label: new URL(evo.url).host }]),
      preselected: evo.url,
      lastEmail: agent.email,
    });
  });

  it('never offers the built-in demo as the last server', async () => {
    const { auth } = authService();
    await auth.signInDemo();
    await auth.signOut();
    const { servers, preselected, lastEmail } = auth.servers();
    expect(servers.map((server) => server.url)).not.toContain(demo.url);
    expect(preselected).toBe(PRODUCTION_SERVER);
    expect(lastEmail).toBeNull();
  });
});

describe('demo mode', () => {
  it('signs in to the demo backend with the account it comes with', async () => {
    const { auth, demoStarts } = authService();
    const status = await auth.signInDemo();
    expect(status).toMatchObject({ signedIn: true, demo: true, server: demo.url, remembered: false });
    expect(demoStarts()).toBe(1);
  });

  it('counts a sign-in by hand to the running demo server as demo mode', async () => {
    const { auth } = authService();
    await auth.signInDemo();
    expect((await signIn(auth, { server: demo.url })).demo).toBe(true);
    expect((await signIn(auth, { server: evo.url })).demo).toBe(false);
  });
});

describe('at start-up', () => {
  it('signs in again with the remembered account', async () => {
    const first = authService();
    await signIn(first.auth, { remember: true });
    const { auth } = authService({ dataDir: first.dataDir, secrets: first.secrets });
    expect(await auth.restore()).toMatchObject({ signedIn: true, remembered: true, server: evo.url });
  });

  it('forgets a remembered password the server no longer takes, and says why', async () => {
    const secrets = new MemorySecretStore();
    new CredentialVault(secrets).remember({ server: evo.url, email: agent.email, password: 'changed-since' });
    const { auth, changes } = authService({ secrets });
    const status = await auth.restore();
    expect(status).toMatchObject({ signedIn: false, notice: 'Wrong email or password.' });
    expect(changes.at(-1)).toEqual(status);
    expect(secrets.load('evo-account')).toBeNull();
  });

  it('keeps the remembered password when the server cannot be reached', async () => {
    const secrets = new MemorySecretStore();
    new CredentialVault(secrets).remember({ server: 'http://127.0.0.1:1', ...agent });
    const { auth } = authService({ secrets });
    expect((await auth.restore()).signedIn).toBe(false);
    expect(auth.status().notice).toMatch(/Can't reach/);
    expect(secrets.load('evo-account')).not.toBeNull();
  });

  it('opens on the demo on a first run with nothing configured', async () => {
    const { auth } = authService({ autoDemo: true });
    expect(await auth.restore()).toMatchObject({ signedIn: true, demo: true });
  });

  it('waits for a sign-in instead when a server is configured or was used before', async () => {
    const configured = authService({ autoDemo: true, configured: evo.url });
    expect((await configured.auth.restore()).signedIn).toBe(false);
    expect(configured.demoStarts()).toBe(0);

    const used = authService();
    await signIn(used.auth);
    const again = authService({ autoDemo: true, dataDir: used.dataDir });
    expect((await again.auth.restore()).signedIn).toBe(false);
    expect(again.demoStarts()).toBe(0);
  });
});

describe('signing out', () => {
  it('forgets the password, even when the server does not answer, and keeps the cache for the same agent', async () => {
    const { auth, secrets, cache, changes } = authService();
    const gone = await startSimulator({ seed: false });
    await signIn(auth, { server: gone.url, remember: true });
    const call = await auth.requireSession().client.createSession('+15550100199', 'Jane Doe');
    cache.upsert(call, Date.now());
    await gone.close();
    const status = await auth.signOut();
    expect(status).toMatchObject({ signedIn: false, remembered: false, user: null });
    expect(changes.at(-1)).toEqual(status);
    expect(secrets.load('evo-account')).toBeNull();
    // Hold times survive a sign-out of the same agent; another account's sign-in wipes them (root/core-over-ipc.test).
    expect(cache.get(call.id)).not.toBeNull();
  });
});
