import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreDeps } from '../../electron/main/root/core';
import { createRouter, type Router } from '../../electron/main/ipc/router';
import type { Clock, EventSink, SecretStore } from '../../electron/main/ports';
import { MemorySecretStore } from '../../electron/main/services/credential-vault';
import type { Simulator } from '../../electron/main/simulator/server';
import type { InputOf, InvokeChannel, OutputOf } from '../../electron/shared/contract';
import type { Result } from '../../electron/shared/result';
import { MemoryLogger } from './logger';
import { fastClientOptions } from './simulator';

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
