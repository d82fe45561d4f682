/**
 * IPC fuzzing with fast-check (seeded, shrinking), signed in with seeded sessions so that every
 * channel reaches its handler and the services behind it (real HTTP to the simulator, SQLite on
 * disk). Properties: every answer is a typed error or a value the contract allows, never INTERNAL;
 * a sender that is not the app's window is refused before anything runs, whatever it sends;
 * nothing reaches Object.prototype; the heap stays bounded.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router, type Sender } from '../../../electron/main/ipc/router';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../../electron/main/simulator/model';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import { isTrustedSender } from '../../../electron/main/policy/trusted-sender';
import { invokeChannels, invokeContract, type InvokeChannel } from '../../../electron/shared/contract';
import type { Result } from '../../../electron/shared/result';
import { FakeClock, InstantClock } from '../../support/clock';
import { coreFor, type TestCore } from '../../support/core';
import { foreignSenders, hostile, payloadsFor, validPayloads, type FuzzWorld } from '../../support/fuzz';

const RUNS = Number(process.env.IPC_FUZZ_RUNS ?? 400);
const SEED = Number(process.env.IPC_FUZZ_SEED ?? 20261124);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const WINDOW = 7;
const trusted: Sender = { id: WINDOW, isMainFrame: true, origin: 'app://softphone' };
/** Channels whose work is done by the calls, history and the Evo client. */
const SERVICE_CHANNELS: InvokeChannel[] = [
  'sessions.get',
  'sessions.hold',
  'sessions.resume',
  'sessions.end',
  'sessions.history',
  'sessions.create',
  'calls.freeLine',
];

describe('IPC fuzzing through the router, signed in', () => {
  let simulator: Simulator;
  let t: TestCore;
  let router: Router;
  let world: FuzzWorld;
  const stats: Record<string, { ok: number; errors: Record<string, number> }> = {};
  const seeded = new Map<string, { ended: boolean; callState: string }>();

  beforeAll(async () => {
    simulator = await startSimulator({ seed: { history: 8 } });
    simulator.ring(DEMO_EMAIL, { number: '+15550100555', name: 'Sam Caller' });
    t = coreFor(simulator, { clock: new FakeClock(Date.now()), client: { clock: new InstantClock() } });
    // The real trust policy, as in app.ts: our window, its main frame, app://softphone.
    router = createRouter(t.core.handlers, { logger: t.logger, isTrustedSender: (sender) => isTrustedSender(sender, new Set([WINDOW])) });
    const sessions = [...simulator.state.sessions.values()].map((session) => session.info);
    for (const info of sessions) seeded.set(info.id, { ended: info.ended, callState: info.callState });
    const agent = simulator.state.userByEmail(DEMO_EMAIL)!;
    const live = simulator.state.active(agent).map((session) => session.info.id);
    world = {
      liveIds: live,
      otherIds: sessions.map((info) => info.id).filter((id) => !live.includes(id)),
      callSids: sessions.flatMap((info) => [info.callSid, ...info.members.map((member) => member.callSid)]).filter(Boolean),
      server: simulator.url,
    };
  });
  afterAll(async () => {
    t.core.dispose();
    await simulator.close();
    const lines = Object.entries(stats).map(
      ([channel, s]) => `${channel.padEnd(26)} ${String(s.ok).padStart(5)} ok  ${JSON.stringify(s.errors)}`,
    );
    console.log(`IPC fuzz (seed ${SEED}, ${RUNS} runs per channel)\n${lines.join('\n')}`);
  });

  /**
   * Before each run: the demo agent signed in, the seeded calls as they were (the last run may have
   * ended them), none of the calls the last run created, and no recorded events (each holds the
   * whole call list: keeping them all would look like a leak).
   */
  async function reset() {
    let changed = false;
    for (const [id, session] of simulator.state.sessions) {
      const original = seeded.get(id);
      const same = original && session.info.ended === original.ended && session.info.callState === original.callState;
      if (same) continue;
      changed = true;
      if (original) Object.assign(session.info, original);
      else simulator.state.sessions.delete(id);
    }
    t.events.length = 0;
    if (t.core.auth.status().user?.email !== DEMO_EMAIL) {
      await t.core.auth.signIn({ server: simulator.url, email: DEMO_EMAIL, password: DEMO_PASSWORD, remember: false });
      changed = true;
    }
    // The calls were put back behind the app's back (no poll runs on the fake clock): one look.
    if (changed) await t.core.sync.syncNow();
  }

  function record(channel: string, result: Result<unknown>) {
    const s = (stats[channel] ??= { ok: 0, errors: {} });
    if (result.ok) s.ok += 1;
    else s.errors[result.error.code] = (s.errors[result.error.code] ?? 0) + 1;
  }

  it('covers every channel of the contract', () => {
    expect(Object.keys(validPayloads(world)).sort()).toEqual([...invokeChannels].sort());
  });

  it(`answers ${RUNS} generated payloads per channel with a typed error or a valid result, never INTERNAL`, async () => {
    const valid = validPayloads(world);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (const [index, channel] of invokeChannels.entries()) {
      const [, output] = invokeContract[channel];
      const property = fc
        .asyncProperty(payloadsFor(valid[channel]), async (payload) => {
          const result = await router.dispatch(channel, payload, trusted);
          record(channel, result);
          if (result.ok) {
            expect(output.safeParse(result.value).success).toBe(true);
          } else {
            expect(result.error.code).toMatch(/^[A-Z_]+$/);
            expect(result.error.code).not.toBe('INTERNAL');
            expect(result.error.message.length).toBeGreaterThan(5);
            expect(result.error.message.length).toBeLessThan(400);
          }
        })
        .beforeEach(reset);
      await fc.assert(property, { seed: SEED + index, numRuns: RUNS });
    }
    gc();
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    console.log(`IPC fuzz: heap grew ${grownMb.toFixed(1)} MiB over ${RUNS * invokeChannels.length} payloads`);
    expect(grownMb).toBeLessThan(64);
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    // The fuzz reached the services, not only zod: real holds, resumes, ends and history answers.
    for (const channel of SERVICE_CHANNELS) expect(stats[channel]!.ok, channel).toBeGreaterThan(RUNS / 10);
    expect(stats['sessions.hold']!.errors.AUTH_REQUIRED ?? 0).toBe(0);
  }, 600_000);

  it('refuses every request from a sender that is not the app window, before anything runs', async () => {
    const hitsBefore = JSON.stringify(simulator.hits);
    const settingsBefore = JSON.stringify(t.core.settings.get());
    const channel = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...invokeChannels) }, { weight: 1, arbitrary: hostile });
    const valid = validPayloads(world);
    const payload = fc.oneof(
      hostile,
      fc.constantFrom(...invokeChannels).chain((name) => valid[name]),
    );
    await fc.assert(
      fc.asyncProperty(channel, payload, foreignSenders(trusted), async (name, body, sender) => {
        const result = await router.dispatch(name, body, sender);
        const known = typeof name === 'string' && (invokeChannels as string[]).includes(name);
        expect(result).toMatchObject({ ok: false, error: { code: known ? 'IPC_FORBIDDEN_SENDER' : 'IPC_UNKNOWN_CHANNEL' } });
      }),
      { seed: SEED, numRuns: RUNS * 5 },
    );
    // Nothing was sent to Evo and nothing changed.
    expect(JSON.stringify(simulator.hits)).toBe(hitsBefore);
    expect(JSON.stringify(t.core.settings.get())).toBe(settingsBefore);
  }, 120_000);
});
