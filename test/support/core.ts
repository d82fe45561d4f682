import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreDeps } from '../../electron/main/root/core';
import { createRouter, type Router } from '../../electron/main/ipc/router';
import type { Clock, EventSink, SecretStore } from '../../electron/main/ports';
import { MemorySecretStore } from '../../electron/main/services/credential-vault';
import type { SeedOptions } from '../../electron/main/simulator/seed';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/main/simulator/server';
import type { InputOf, InvokeChannel, OutputOf } from '../../electron/shared/contract';
import type { Result } from '../../electron/shared/result';
import { afterEach } from 'vitest';
import type { FakeClock } from './clock';
import { MemoryLogger } from './logger';
import { fastClientOptions } from './simulator';

/** The simulator's seeded agent. */
export const DEMO_AGENT = { email: 'demo@evosoftphone.local', password: 'demo' } as const;

type CoreOptions = NonNullable<Parameters<typeof coreFor>[1]>;

export interface TestCore {
  core: Core;
  router: Router;
  events: { event: string; payload: unknown }[];
  logger: MemoryLogger;
  dataDir: string;
  call<C extends InvokeChannel>(channel: C, input?: InputOf<C>): Promise<Result<OutputOf<C>>>;
  value<C extends InvokeChannel>(channel: C, input?: InputOf<C>): Promise<OutputOf<C>>;
}

/** The real core (cache on disk, real HTTP to the simulator) behind the real router. */
export function coreFor(
  simulator: Simulator,
  options: {
    dataDir?: string;
    secrets?: SecretStore;
    clock?: Clock;
    autoDemo?: boolean;
    configured?: boolean;
    /** Evo client options over the fast defaults (e.g. its own clock). */
    client?: CoreDeps['client'];
    /** Where events go instead of `events` (benchmarks serialise them as the window's IPC does). */
    sink?: EventSink;
  } = {},
): TestCore {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'evo-core-'));
  const events: { event: string; payload: unknown }[] = [];
  const logger = new MemoryLogger();
  const core = createCore({
    dataDir,
    appInfo: { name: 'Evo Softphone', version: '0.0.0-test', platform: 'linux' },
    secrets: options.secrets ?? new MemorySecretStore(),
    logger,
    emit: options.sink ?? ((event, payload) => events.push({ event, payload })),
    demoServer: async () => simulator,
    runningDemoServer: options.autoDemo ? () => simulator.url : undefined,
    configuredServer: options.configured === false ? undefined : simulator.url,
    autoDemo: options.autoDemo,
    clock: options.clock,
    client: { ...fastClientOptions, ...options.client },
  });
  const router = createRouter(core.handlers, { logger, isTrustedSender: () => true });
  const sender = { id: 1, isMainFrame: true, origin: 'app://softphone' };
  const call = (channel: string, input?: unknown) => router.dispatch(channel, input, sender);
  return {
    core,
    router,
    events,
    logger,
    dataDir,
    call: call as TestCore['call'],
    value: (async (channel: string, input?: unknown) => {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    }) as TestCore['value'],
  };
}

/**
 * The rig most main tests share: a simulator and the real core with the demo agent signed in,
 * both closed after each test. Call once at the top level of a test file.
 */
export function useSignedInCore() {
  const open: { simulator: Simulator; t: TestCore }[] = [];
  afterEach(async () => {
    for (const { simulator, t } of open.splice(0)) {
      t.core.dispose();
      await simulator.close();
    }
  });

  async function signedIn(simulatorOptions: SimulatorOptions = {}, coreOptions: CoreOptions = {}) {
    const simulator = await startSimulator(simulatorOptions);
    const t = coreFor(simulator, coreOptions);
    open.push({ simulator, t });
    await t.value('auth.signIn', { server: simulator.url, ...DEMO_AGENT, remember: false });
    return { simulator, t };
  }

  /**
   * A signed-in agent whose polls are timed by a fake clock: `polls` holds the clock's reading when
   * each poll of the active list reached Evo, `run` moves time on and lets the loop settle.
   */
  async function polling(clock: FakeClock, seed: SeedOptions, readClock = () => clock.monotonic()) {
    const polls: number[] = [];
    const { simulator, t } = await signedIn({ seed, onRequest: (route) => route === 'active' && polls.push(readClock()) }, { clock });
    const run = (ms: number) => clock.run(ms, () => t.core.sync.settled());
    await run(0);
    return { t, clock, polls, run, sim: simulator };
  }

  return { signedIn, polling };
}
