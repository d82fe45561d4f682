import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import type { BoardChange } from '../../../electron/shared/contract';
import { FakeClock } from '../../support/clock';
import { coreFor, type TestCore } from '../../support/core';

const demo = { email: 'demo@evosoftphone.local', password: 'demo', remember: false };
const MIN = 60_000;
let simulator: Simulator | undefined;
const cores: TestCore[] = [];

afterEach(async () => {
  for (const t of cores.splice(0)) t.core.dispose();
  await simulator?.close();
  simulator = undefined;
});

async function signedIn(options: Parameters<typeof coreFor>[1] = {}) {
  simulator ??= await startSimulator({ seed: { history: 1 } });
  const t = coreFor(simulator, options);
  cores.push(t);
  await t.value('auth.signIn', { server: simulator.url, ...demo });
  await t.core.sync.syncNow();
  const [live] = (await t.value('sessions.active')).sessions;
  return { t, live: live! };
}

const promiseOf = (t: TestCore, id: string) => t.core.board.get(id)!.promise;
const lastChange = (t: TestCore) => t.events.filter((e) => e.event === 'calls.changed').at(-1)!.payload as BoardChange;

describe('promised holds on the board (core over IPC, simulator, SQLite on disk)', () => {
  it('a hold gets the default promise from its start; the card changes it and the board tells everyone', async () => {
    const clock = new FakeClock(Date.now());
    const { t, live } = await signedIn({ clock });
    const held = await t.value('sessions.hold', { sessionId: live.id });
    const start = Date.parse(held.heldSince!);
    expect(promiseOf(t, live.id)).toEqual({ minutes: 1, endsAt: new Date(start + MIN).toISOString() });
    clock.advance(30_000);
    await t.value('calls.setPromise', { sessionId: live.id, minutes: 5 });
    expect(lastChange(t).upserted.find((call) => call.id === live.id)!.promise).toEqual({
      minutes: 5,
      endsAt: new Date(start + 5 * MIN).toISOString(),
    });
    // A promise belongs to a call on hold: a live call has none to change.
    await t.value('sessions.resume', { sessionId: live.id });
    expect(promiseOf(t, live.id)).toBeNull();
    expect(await t.call('calls.setPromise', { sessionId: live.id, minutes: 2 })).toMatchObject({
      ok: false,
      error: { code: 'CALL_WRONG_PHASE' },
    });
    expect(await t.call('calls.setPromise', { sessionId: live.id, minutes: 4 as 5 })).toMatchObject({
      ok: false,
      error: { code: 'IPC_INVALID_PAYLOAD' },
    });
  });

  it('a new hold starts from the default in Settings again; a change of the default leaves a running hold alone', async () => {
    const { t, live } = await signedIn();
    await t.value('sessions.hold', { sessionId: live.id });
    await t.value('calls.setPromise', { sessionId: live.id, minutes: 10 });
    await t.value('settings.update', { holdPromiseMinutes: 3 });
    await t.value('sessions.resume', { sessionId: live.id });
    await t.value('sessions.hold', { sessionId: live.id });
    expect(promiseOf(t, live.id)!.minutes).toBe(3);
    await t.value('settings.update', { holdPromiseMinutes: 2 });
    t.core.board.reveal();
    expect(promiseOf(t, live.id)!.minutes).toBe(3);
  });

  it('survives a restart and a sign-out/sign-in of the same agent (kept in SQLite)', async () => {
    const { t, live } = await signedIn();
    await t.value('sessions.hold', { sessionId: live.id });
    await t.value('calls.setPromise', { sessionId: live.id, minutes: 5 });
    const promise = promiseOf(t, live.id);
    await t.value('auth.signOut');
    await t.value('auth.signIn', { server: simulator!.url, ...demo });
    await t.core.sync.syncNow();
    expect(promiseOf(t, live.id)).toEqual(promise);
    t.core.dispose();
    cores.splice(cores.indexOf(t), 1);
    const { t: reopened } = await signedIn({ dataDir: t.dataDir });
    expect(promiseOf(reopened, live.id)).toEqual(promise);
  });

  it('a hold this app did not see counts from the hold start Evo reports, so it can be over at once', async () => {
    const first = await signedIn();
    const held = await first.t.value('sessions.hold', { sessionId: first.live.id });
    // Another computer (its own cache), signing in three minutes later.
    const clock = new FakeClock(Date.now() + 3 * MIN);
    const { t } = await signedIn({ clock });
    const promise = promiseOf(t, first.live.id)!;
    expect(Math.abs(Date.parse(promise.endsAt) - (Date.parse(held.heldSince!) + MIN))).toBeLessThan(1_000);
    expect(clock.now()).toBeGreaterThan(Date.parse(promise.endsAt) + MIN);
  });

  it('Check in takes the caller off hold and counts; Back on hold (a hold) starts a fresh promise', async () => {
    const clock = new FakeClock(Date.now());
    const { t, live } = await signedIn({ clock });
    await t.value('sessions.hold', { sessionId: live.id });
    await t.value('calls.setPromise', { sessionId: live.id, minutes: 10 });
    clock.advance(2 * MIN);
    const resumed = await t.value('sessions.resume', { sessionId: live.id, checkIn: true });
    expect(resumed.callState).toBe('Connected');
    expect(t.core.board.get(live.id)).toMatchObject({ phase: 'live', checkIns: 1, promise: null });
    clock.advance(10_000);
    const again = await t.value('sessions.hold', { sessionId: live.id });
    expect(t.core.board.get(live.id)).toMatchObject({
      checkIns: 1,
      promise: { minutes: 1, endsAt: new Date(Date.parse(again.heldSince!) + MIN).toISOString() },
    });
    // A plain resume is not a check-in.
    await t.value('sessions.resume', { sessionId: live.id });
    expect(t.core.board.get(live.id)!.checkIns).toBe(1);
  });

  it('hold hygiene in the call detail and the Today figures count holds over promise and check-ins', async () => {
    const clock = new FakeClock(Date.now());
    const { t, live } = await signedIn({ clock });
    await t.value('sessions.hold', { sessionId: live.id });
    clock.advance(90_000);
    await t.value('sessions.resume', { sessionId: live.id });
    t.core.promises.checkedIn(live.id);
    await t.value('sessions.hold', { sessionId: live.id });
    clock.advance(20_000);
    const { hygiene } = await t.value('sessions.get', { sessionId: live.id });
    expect(hygiene).toEqual({ holds: 2, holdMs: 110_000, longestHoldMs: 90_000, checkIns: 1, overPromise: 1 });
    const { today, yesterday } = await t.value('sessions.today');
    expect(today).toMatchObject({ holdMs: 110_000, longestHoldMs: 90_000, overPromise: 1, checkIns: 1 });
    expect(today.calls).toBeGreaterThanOrEqual(1);
    expect(today.hours.reduce((sum, hour) => sum + hour.holdMs, 0)).toBe(110_000);
    expect(Date.parse(today.start) - Date.parse(yesterday.start)).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(t.core.board.get(live.id)!.checkIns).toBe(1);
  });
});
