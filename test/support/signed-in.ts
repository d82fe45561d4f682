/**
 * The world most service tests start from: a simulator of their own and the real core (SQLite on
 * disk, HTTP over loopback) signed in as the demo agent and synced once. Everything opened is
 * closed after each test.
 */
import { afterEach } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/main/simulator/server';
import { coreFor, type TestCore } from './core';

export const DEMO = { email: 'demo@evosoftphone.local', password: 'demo' };

export function signedInWorlds(): (
  options?: SimulatorOptions,
  core?: Parameters<typeof coreFor>[1],
) => Promise<{ simulator: Simulator; t: TestCore }> {
  const open: { simulator: Simulator; t: TestCore }[] = [];
  afterEach(async () => {
    for (const { simulator, t } of open.splice(0)) {
      t.core.dispose();
      await simulator.close();
    }
  });
  return async (options = {}, core = {}) => {
    const simulator = await startSimulator(options);
    const t = coreFor(simulator, core);
    open.push({ simulator, t });
    await t.value('auth.signIn', { server: simulator.url, ...DEMO, remember: false });
    await t.core.sync.syncNow();
    return { simulator, t };
  };
}
