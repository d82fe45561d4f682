/**
 * A bad disk must not stop the app: a read-only data folder, a full disk, a damaged or foreign
 * cache. The core starts, keeps history in memory when it cannot write, says so, and never moves a
 * healthy cache aside. Read-only and full are real file systems (test/support/broken-disk.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import { brokenDiskSupported, startOnBrokenDisk } from '../../support/broken-disk';
import { coreFor, type TestCore } from '../../support/core';

const demo = { email: 'demo@evosoftphone.local', password: 'demo' };
const NOT_SAVED = /^History is not being saved: .+\. .+/;
let simulator: Simulator | null = null;
const cores: TestCore[] = [];

afterEach(async () => {
  for (const t of cores.splice(0)) t.core.dispose();
  await simulator?.close();
  simulator = null;
});

async function core(dataDir: string) {
  simulator ??= await startSimulator({ seed: { history: 3 } });
  const t = coreFor(simulator, { dataDir });
  cores.push(t);
  return t;
}

/** A data folder holding a healthy cache with the demo agent's calls; answers the folder and the call ids. */
async function healthyDataDir() {
  const t = await core(mkdtempSync(join(tmpdir(), 'evo-healthy-')));
  await t.value('auth.signIn', { server: simulator!.url, ...demo, remember: false });
  await t.value('sessions.history', { fresh: true });
  const ids = (await t.value('sessions.history')).items.map((item) => item.id);
  t.core.dispose();
  cores.splice(cores.indexOf(t), 1);
  expect(ids.length).toBeGreaterThan(2);
  return { dir: t.dataDir, ids };
}

describe('a bad disk does not stop the app', () => {
  it('a data folder that cannot be created: starts, works in memory, and says history is not saved', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'evo-blocked-')), 'not-a-folder');
    writeFileSync(blocker, 'a file where the data folder should be');
    const t = await core(join(blocker, 'data'));
    const storage = await t.value('app.storageStatus');
    expect(storage).toMatchObject({ historySaved: false, notice: expect.stringMatching(NOT_SAVED) });
    await t.value('auth.signIn', { server: simulator!.url, ...demo, remember: false });
    await t.core.sync.syncNow();
    expect((await t.value('sessions.active')).sessions).toHaveLength(1);
    expect((await t.value('sessions.history', { fresh: true })).items.length).toBeGreaterThan(2);
  });

  it('a cache missing a table is moved aside and rebuilt on disk, statements prepared inside the recovery', async () => {
    const { dir } = await healthyDataDir();
    const db = new Database(join(dir, 'session-cache.sqlite'));
    db.exec('DROP TABLE hold_spans');
    db.close();
    const t = await core(dir);
    expect(await t.value('app.storageStatus')).toEqual({ historySaved: true, notice: null });
    expect(readdirSync(dir).some((name) => name.startsWith('session-cache.sqlite.corrupt-'))).toBe(true);
    await t.value('auth.signIn', { server: simulator!.url, ...demo, remember: false });
    const live = (await t.value('sessions.refresh')).sessions[0]!;
    expect(await t.value('sessions.hold', { sessionId: live.id })).toMatchObject({ held: true });
  });

  it('a cache from a newer Evo Softphone is left in place; history is kept in memory and the notice says why', async () => {
    const { dir } = await healthyDataDir();
    const db = new Database(join(dir, 'session-cache.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    const t = await core(dir);
    expect(await t.value('app.storageStatus')).toMatchObject({ historySaved: false, notice: expect.stringMatching(/newer Evo Softphone/) });
    expect(readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('settings the disk refuses: a clear error, and the settings stay as they were', async () => {
    const t = await core(mkdtempSync(join(tmpdir(), 'evo-settings-')));
    mkdirSync(join(t.dataDir, 'settings.json.tmp'));
    const before = await t.value('settings.get');
    expect(await t.call('settings.update', { holdReminders: [20] })).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_NOT_SAVED', message: expect.stringMatching(/could not be saved.*Nothing was changed/) },
    });
    expect(await t.value('settings.get')).toEqual(before);
  });

  describe.skipIf(!brokenDiskSupported())('on a real read-only or full file system (user + mount namespace)', () => {
    it('a read-only data folder: starts, history in memory, the notice says read-only', () => {
      const run = startOnBrokenDisk('read-only');
      expect(run).toMatchObject({ started: true, storage: { historySaved: false } });
      expect(run.storage!.notice).toMatch(NOT_SAVED);
      expect(run.storage!.notice).toMatch(/read-only/);
      expect(run.works).toEqual({ signedIn: true, held: true });
    });

    it('a healthy cache on a read-only folder is not moved aside, and its calls still show', async () => {
      const { dir, ids } = await healthyDataDir();
      const run = startOnBrokenDisk('read-only', dir);
      expect(run).toMatchObject({ started: true, storage: { historySaved: false } });
      expect(run.after).toEqual(run.before);
      expect(run.history!.sort()).toEqual([...ids].sort());
    });

    it('a full disk: starts, history in memory, the notice says the disk is full', () => {
      const run = startOnBrokenDisk('full');
      expect(run).toMatchObject({ started: true, storage: { historySaved: false } });
      expect(run.storage!.notice).toMatch(NOT_SAVED);
      expect(run.storage!.notice).toMatch(/disk is full/);
      expect(run.works).toEqual({ signedIn: true, held: true });
    });

    it('a healthy cache on a full disk is not moved aside, and its calls still show', async () => {
      const { dir, ids } = await healthyDataDir();
      const run = startOnBrokenDisk('full', dir);
      expect(run.started).toBe(true);
      expect(run.after.files.filter((name) => name.includes('corrupt'))).toEqual([]);
      expect(run.after.hash).toBe(run.before.hash);
      expect(run.history!.sort()).toEqual([...ids].sort());
    });
  });
});
