import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../../electron/main/db/migrations/0001-initial';
import * as m0002 from '../../../../electron/main/db/migrations/0002-call-notes';
import { openCache } from '../../../../electron/main/db/open';
import { PromiseStore } from '../../../../electron/main/db/promise-store';
import { SessionCache } from '../../../../electron/main/db/session-cache';
import { ShiftStats } from '../../../../electron/main/db/shift-stats';
import { SessionInfo } from '../../../../electron/main/evo/dto';
import { MemoryLogger } from '../../../support/logger';

const MIN = 60_000;
const T0 = Date.parse('2026-11-24T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const session = (id: string, callState: string, modifiedMs: number, extra: Record<string, unknown> = {}) =>
  SessionInfo.parse({
    id,
    dateCreated: iso(T0),
    dateLastModified: iso(modifiedMs),
    callState,
    direction: 'Incoming',
    fromAddress: '+15550100199',
    fromName: 'Omar',
    log: [{ date: iso(T0), message: 'Answered by Dana Agent' }],
    ...extra,
  });

/** A cache as the release before promised holds left it: schema 2, with a held call in it. */
function cacheBeforePromises(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'evo-migrate-')), 'session-cache.sqlite');
  const db = new Database(file);
  m0001.up(db);
  m0002.up(db);
  db.pragma('user_version = 2');
  db.close();
  return file;
}

function reopen(file: string) {
  const { db } = openCache(file, new MemoryLogger());
  return { db, cache: new SessionCache(db), promises: new PromiseStore(db), shift: new ShiftStats(db) };
}

describe('migration 0005: hold promises and check-ins', () => {
  it('upgrades a schema-2 cache in place with STRICT tables for promises and check-ins', () => {
    const { db } = reopen(cacheBeforePromises());
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    for (const name of ['hold_promises', 'check_ins']) {
      const table = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string };
      expect(table.sql).toMatch(/STRICT$/);
    }
  });

  it('keeps a changed promise and the check-ins across a restart (a reload, a sign-in of the same agent)', () => {
    const file = cacheBeforePromises();
    const first = reopen(file);
    first.cache.useScope('server|agent-a');
    first.cache.upsert(session('SE1', 'Hold', T0 + MIN), T0 + MIN, 'seen');
    first.promises.keep('SE1', { heldSinceMs: T0 + MIN, minutes: 1, promiseMs: MIN }, true);
    first.promises.keep('SE1', { heldSinceMs: T0 + MIN, minutes: 5, promiseMs: 5 * MIN });
    // The default given at the start never overwrites what the agent chose.
    first.promises.keep('SE1', { heldSinceMs: T0 + MIN, minutes: 1, promiseMs: MIN }, true);
    first.promises.addCheckIn('SE1', T0 + 2 * MIN);
    first.db.close();
    const second = reopen(file);
    second.cache.useScope('server|agent-a');
    expect(second.promises.latest('SE1')).toEqual({ heldSinceMs: T0 + MIN, minutes: 5, promiseMs: 5 * MIN });
    expect(second.promises.checkIns('SE1')).toBe(1);
  });

  it('hold hygiene of a call: holds, time on hold, longest hold, check-ins, holds over promise', () => {
    const { cache, promises } = reopen(cacheBeforePromises());
    // Hold 1: 90 s on a 1 min promise (over). Check in. Hold 2: 30 s on a 1 min promise.
    cache.upsert(session('SE1', 'Hold', T0 + MIN), T0 + MIN, 'seen');
    promises.keep('SE1', { heldSinceMs: T0 + MIN, minutes: 1, promiseMs: MIN }, true);
    cache.upsert(session('SE1', 'Connected', T0 + MIN + 90_000), T0 + MIN + 90_000, 'seen');
    promises.addCheckIn('SE1', T0 + MIN + 90_000);
    cache.upsert(session('SE1', 'Hold', T0 + 3 * MIN), T0 + 3 * MIN, 'seen');
    promises.keep('SE1', { heldSinceMs: T0 + 3 * MIN, minutes: 1, promiseMs: MIN }, true);
    expect(promises.hygiene('SE1', T0 + 3 * MIN + 30_000, MIN)).toEqual({
      holds: 2,
      holdMs: 120_000,
      longestHoldMs: 90_000,
      checkIns: 1,
      overPromise: 1,
    });
  });

  it("another agent's sign-in wipes promises and check-ins with the calls", () => {
    const { cache, promises } = reopen(cacheBeforePromises());
    cache.useScope('server|agent-a');
    promises.keep('SE1', { heldSinceMs: T0, minutes: 2, promiseMs: 2 * MIN });
    promises.addCheckIn('SE1', T0);
    cache.useScope('server|agent-b');
    expect(promises.latest('SE1')).toBeNull();
    expect(promises.checkIns('SE1')).toBe(0);
  });

  it('Today: calls, talk time less hold, hold time, longest hold, over promise and check-ins, by hour', () => {
    const { cache, promises, shift } = reopen(cacheBeforePromises());
    const dayStart = T0 - 10 * 60 * MIN; // midnight of the day, 10:00 being hour 10
    cache.upsert(session('SE1', 'Hold', T0 + MIN), T0 + MIN, 'seen');
    promises.keep('SE1', { heldSinceMs: T0 + MIN, minutes: 1, promiseMs: MIN }, true);
    cache.upsert(session('SE1', 'Connected', T0 + 3 * MIN), T0 + 3 * MIN, 'seen');
    promises.addCheckIn('SE1', T0 + 3 * MIN);
    cache.upsert(session('SE1', 'Disconnected', T0 + 5 * MIN, { ended: true, dateCompleted: iso(T0 + 5 * MIN) }), T0 + 5 * MIN);
    cache.upsert(session('SE2', 'Disconnected', T0, { ended: true, wasMissed: true, log: [], dateCreated: iso(dayStart + 60 * MIN) }), T0);
    const today = shift.day(dayStart, T0 + 6 * MIN, MIN);
    expect(today).toMatchObject({ calls: 2, talkMs: 3 * MIN, holdMs: 2 * MIN, longestHoldMs: 2 * MIN, overPromise: 1, checkIns: 1 });
    expect(today.hours[10]).toEqual({ calls: 1, holdMs: 2 * MIN });
    expect(today.hours[1]).toEqual({ calls: 1, holdMs: 0 });
    expect(shift.day(dayStart - 24 * 60 * MIN, T0, MIN)).toMatchObject({ calls: 0, holdMs: 0, checkIns: 0 });
  });
});
