/**
 * Run by test/support/broken-disk.ts inside a mount namespace where the data folder sits on a
 * read-only or full file system: starts the real core there and prints what happened as JSON.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/main/root/core';
import { MemorySecretStore } from '../../electron/main/services/credential-vault';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../electron/main/simulator/model';
import { startSimulator } from '../../electron/main/simulator/server';
import { MemoryLogger } from './logger';

const dataDir = process.argv[2]!;
const cacheFile = join(dataDir, 'session-cache.sqlite');
const hash = () => (existsSync(cacheFile) ? createHash('sha256').update(readFileSync(cacheFile)).digest('hex') : null);
const files = () => (existsSync(dataDir) ? readdirSync(dataDir).sort() : []);

const before = { hash: hash(), files: files() };
let outcome: Record<string, unknown>;
const simulator = await startSimulator({ seed: { history: 2 } });
try {
  const core = createCore({
    dataDir,
    appInfo: { name: 'Evo Softphone', version: '0.0.0-test', platform: 'linux' },
    secrets: new MemorySecretStore(),
    logger: new MemoryLogger(),
    emit: () => undefined,
    demoServer: async () => simulator,
  });
  const storage = await core.handlers['app.storageStatus'](undefined);
  const history = core.cache.history({ page: 0, pageSize: 50 }).items.map((item) => item.info.id);
  // Then the agent's day goes on: sign in (asking to be remembered), sync, hold the call.
  const status = await core.auth.signIn({ server: simulator.url, email: DEMO_EMAIL, password: DEMO_PASSWORD, remember: true });
  await core.sync.syncNow();
  const live = core.store.active().sessions[0]!;
  const held = await core.actions.hold({ sessionId: live.id });
  core.dispose();
  outcome = { started: true, storage, history, works: { signedIn: status.signedIn, held: held.held } };
} catch (error) {
  outcome = { started: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
await simulator.close();
console.log(JSON.stringify({ ...outcome, before, after: { hash: hash(), files: files() } }));
