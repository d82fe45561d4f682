import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import { invokeChannels, invokeContract, type InvokeChannel } from '../../../electron/shared/contract';
import { coreFor, type TestCore } from '../../support/core';
import { hostileValue, mutate, rng } from '../../support/fuzz';

const PER_CHANNEL = Number(process.env.IPC_FUZZ_PER_CHANNEL ?? 10_000);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const examples: Record<InvokeChannel, unknown> = {
  'app.info': undefined,
  'app.restartToUpdate': undefined,
  'auth.servers': undefined,
  'auth.status': undefined,
  'auth.signIn': { server: 'http://127.0.0.1:1', email: 'a@b.c', password: 'x', remember: false },
  'auth.signInDemo': undefined,
  'auth.signOut': undefined,
  'sessions.active': undefined,
  'sessions.refresh': undefined,
  'sessions.history': { query: 'jane', page: 0 },
  'sessions.get': { sessionId: 'S1' },
  'sessions.hold': { sessionId: 'S1', reason: 'None' },
  'sessions.resume': { sessionId: 'S1' },
  'sessions.end': { sessionId: 'S1' },
  'sessions.transfer': { sessionId: 'S1', destination: '+15550100199' },
  'sessions.create': { to: '+15550100199' },
  'sessions.answer': { sessionId: 'S1', mode: 'hold' },
  'sessions.recentNumbers': undefined,
  'calls.board': undefined,
  'calls.freeLine': { mode: 'hold' },
  'calls.dismissFailure': { sessionId: 'S1' },
  'calls.refresh': { reason: 'focus' },
  'voice.token': undefined,
  'voice.reportStatus': { status: 'registered' },
  'settings.get': undefined,
  'settings.update': { holdReminders: [30, 60] },
  'settings.hotkeyConflicts': undefined,
};

describe('IPC fuzzing through the router', () => {
  let simulator: Simulator;
  let t: TestCore;
  const stats: Record<string, { ok: number; errors: Record<string, number> }> = {};

  beforeAll(async () => {
    simulator = await startSimulator({ seed: false });
    t = coreFor(simulator);
  });
  afterAll(async () => {
    t.core.dispose();
    await simulator.close();
    const summary = Object.entries(stats).map(([channel, s]) => `${channel}: ${s.ok} ok, ${JSON.stringify(s.errors)}`);
    console.log(`IPC fuzz, ${PER_CHANNEL} payloads per channel\n${summary.join('\n')}`);
  });

  it('covers every channel of the contract', () => {
    expect(Object.keys(examples).sort()).toEqual([...invokeChannels].sort());
  });

  it(`answers ${PER_CHANNEL} hostile payloads per channel with a typed error or a valid result, without leaking memory`, async () => {
    const r = rng(20261124);
    // Warm up, then measure the heap around the run.
    for (const channel of invokeChannels) await t.router.dispatch(channel, examples[channel], { id: 1, isMainFrame: true, origin: 'app://softphone' });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (const channel of invokeChannels) {
      const s = (stats[channel] = { ok: 0, errors: {} as Record<string, number> });
      const [, output] = invokeContract[channel];
      for (let i = 0; i < PER_CHANNEL; i += 1) {
        const payload = i % 3 === 0 ? hostileValue(r) : mutate(r, examples[channel]);
        const result = await t.call(channel, payload as never);
        if (result.ok) {
          s.ok += 1;
          expect(output.safeParse(result.value).success).toBe(true);
        } else {
          expect(typeof result.error.code).toBe('string');
          expect(result.error.code).toMatch(/^[A-Z_]+$/);
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message.length).toBeLessThan(400);
          s.errors[result.error.code] = (s.errors[result.error.code] ?? 0) + 1;
        }
      }
    }
    gc();
    const grownMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    console.log(`IPC fuzz: heap grew ${grownMb.toFixed(1)} MiB over ${PER_CHANNEL * invokeChannels.length} payloads`);
    expect(grownMb).toBeLessThan(64);
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    // Unknown channels and foreign senders too.
    for (let i = 0; i < 1000; i += 1) {
      const channel = hostileValue(r);
      expect(await t.router.dispatch(channel, hostileValue(r), { id: 1, isMainFrame: true, origin: 'app://softphone' })).toMatchObject({
        ok: false,
      });
    }
  }, 300_000);
});
