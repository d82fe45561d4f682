/**
 * Run in a fresh process by the memory benchmark: opens the core on one data dir, uses the cache
 * as the window would (held calls, twenty history pages, a search), and prints heapUsed and RSS.
 * A process of its own, so that neither figure carries what an earlier benchmark left behind.
 */
import { createCore } from '../../electron/main/root/core';
import { MemorySecretStore } from '../../electron/main/services/credential-vault';
import { MemoryLogger } from '../support/logger';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const core = createCore({
  dataDir: process.argv[2]!,
  appInfo: { name: 'Evo Softphone', version: 'bench', platform: 'linux' },
  secrets: new MemorySecretStore(),
  logger: new MemoryLogger(),
  emit: () => undefined,
  demoServer: async () => ({ url: 'http://127.0.0.1:1', demoAccount: { email: 'demo@evosoftphone.local', password: 'demo' } }),
});
core.cache.held();
for (let page = 0; page < 20; page += 1) core.cache.history({ page, pageSize: 25 });
core.cache.history({ query: 'Caller 9999', page: 0, pageSize: 25 });
core.store.active();
gc();
gc();
const usage = process.memoryUsage();
process.stdout.write(JSON.stringify({ heap: usage.heapUsed / 1024 / 1024, rss: usage.rss / 1024 / 1024 }));
core.dispose();
