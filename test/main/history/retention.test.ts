import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCache } from '../../../electron/main/db/open';
import { CacheRetention, PRUNE_INTERVAL_MS, type PruneResult } from '../../../electron/main/db/retention';
import type { SessionCache } from '../../../electron/main/db/session-cache';
import { SessionInfo } from '../../../electron/main/evo/dto';
import type { RetentionMonths } from '../../../electron/shared/history-retention';
import { FakeClock } from '../../support/clock';
import { MemoryLogger } from '../../support/logger';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const DAY = 24 * 3600_000;

function session(id: string, daysAgo: number, { ended = true, state = 'Disconnected' } = {}) {
  const at = new Date(NOW - daysAgo * DAY).toISOString();
  return SessionInfo.parse({
    id,
    dateCreated: at,
    dateLastModified: at,
    dateCompleted: ended ? at : '',
    callState: state,
    direction: 'Incoming',
    fromAddress: `+1555010${id.replace(/\D/g, '').padStart(4, '0')}`,
    fromName: `Caller ${id}`,
    ended,
    members: [],
  });
}

function note(db: Database.Database, id: string, text: string) {
  db.prepare("INSERT INTO call_notes (session_id, text, outcome, saved_ms) VALUES (?, ?, 'Resolved', 0)").run(id, text);
  db.prepare('INSERT INTO hold_promises (session_id, held_since_ms, minutes, promise_ms) VALUES (?, 0, 1, 60000)').run(id);
  db.prepare('INSERT INTO check_ins (session_id, at_ms) VALUES (?, 0)').run(id);
}

function setUp(file = join(mkdtempSync(join(tmpdir(), 'evo-retention-')), 'c.sqlite'), onBoard: string[] = []) {
  const logger = new MemoryLogger();
  const { db, cache } = openCache(file, logger);
  const clock = new FakeClock(NOW);
  let months: RetentionMonths = 12;
  const runs: PruneResult[] = [];
  const retention = new CacheRetention({ db, clock, logger, months: () => months, onBoard: () => onBoard, onPruned: (r) => runs.push(r) });
  return { db, cache, clock, retention, runs, file, setMonths: (m: RetentionMonths) => (months = m) };
}

const ids = (db: Database.Database, sql: string) => (db.prepare(sql).pluck().all() as string[]).sort();
const searchIds = (db: Database.Database, match: string) =>
  ids(db, `SELECT s.id FROM sessions s WHERE s.rowid IN (SELECT rowid FROM history_search WHERE history_search MATCH '${match}')`);

function seed(cache: SessionCache, db: Database.Database) {
  cache.upsert(session('OLD1', 400), NOW);
  cache.upsert(session('OLD2', 500), NOW);
  cache.upsert(session('NEW1', 300), NOW);
  cache.upsert(session('LIVE', 400, { ended: false, state: 'Connected' }), NOW);
  cache.upsert(session('HELD', 400, { ended: false, state: 'Hold' }), NOW - 400 * DAY);
  cache.upsert(session('ACTV', 400), NOW);
  cache.upsert(session('BORD', 400), NOW);
  db.prepare("UPDATE sessions SET active = 1 WHERE id = 'ACTV'").run();
  for (const id of ['OLD1', 'OLD2', 'NEW1', 'BORD']) note(db, id, `wants the invoice ${id}`);
}

describe('cache retention ("Keep call history")', () => {
  it('prunes ended calls past retention with their notes, promises, check-ins and index rows; keeps newer and active ones', () => {
    const { db, cache, clock, retention, runs } = setUp(undefined, ['BORD']);
    seed(cache, db);
    expect(searchIds(db, 'invoice')).toEqual(['BORD', 'NEW1', 'OLD1', 'OLD2']);
    retention.start();
    expect(ids(db, 'SELECT id FROM sessions')).toHaveLength(7);
    clock.advance(0);
    expect(runs).toEqual([expect.objectContaining({ sessions: 2 })]);
    expect(ids(db, 'SELECT id FROM sessions')).toEqual(['ACTV', 'BORD', 'HELD', 'LIVE', 'NEW1']);
    expect(ids(db, 'SELECT session_id FROM call_notes')).toEqual(['BORD', 'NEW1']);
    expect(ids(db, 'SELECT session_id FROM hold_promises')).toEqual(['BORD', 'NEW1']);
    expect(ids(db, 'SELECT session_id FROM check_ins')).toEqual(['BORD', 'NEW1']);
    expect(ids(db, "SELECT session_id FROM hold_spans WHERE session_id LIKE 'OLD%'")).toEqual([]);
    expect(searchIds(db, 'invoice')).toEqual(['BORD', 'NEW1']);
    // The index holds exactly one row per cached session: none left behind for a pruned one.
    expect(db.prepare("SELECT count(*) FROM history_search WHERE history_search MATCH 'Caller'").pluck().get()).toBe(5);
    db.close();
  });

  it('prunes again once a day on the monotonic clock, and not after stop()', () => {
    const { db, cache, clock, retention, runs } = setUp();
    seed(cache, db);
    retention.start();
    clock.advance(0);
    expect(ids(db, "SELECT id FROM sessions WHERE id = 'NEW1'")).toEqual(['NEW1']);
    // NEW1 (300 days old) passes a year 65 days later: daily runs on the monotonic clock find it, a wall jump back notwithstanding.
    clock.jumpWall(-2 * DAY);
    clock.advance(70 * PRUNE_INTERVAL_MS);
    expect(runs.length).toBe(71);
    expect(ids(db, "SELECT id FROM sessions WHERE id = 'NEW1'")).toEqual([]);
    retention.stop();
    clock.advance(5 * PRUNE_INTERVAL_MS);
    expect(runs.length).toBe(71);
    db.close();
  });

  it('gives the space back: the page count of a new file goes down after pruning', () => {
    const { db, cache, clock, retention, runs, setMonths } = setUp();
    const pad = 'x'.repeat(600);
    db.transaction(() => {
      for (let i = 0; i < 3000; i += 1) {
        cache.upsert(session(`S${i}`, 10 + i * 0.3), NOW);
        note(db, `S${i}`, `note ${i} ${pad}`);
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    const pagesBefore = db.pragma('page_count', { simple: true }) as number;
    const bytesBefore = statSync(db.name).size;
    setMonths(3); // keeps the newest ~80 days: 2,700 of 3,000 sessions go
    retention.start();
    clock.advance(0);
    expect(runs[0]!.sessions).toBe(3000 - ids(db, 'SELECT id FROM sessions').length);
    expect(runs[0]!.sessions).toBeGreaterThan(2500);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pagesAfter = db.pragma('page_count', { simple: true }) as number;
    const bytesAfter = statSync(db.name).size;
    expect(pagesAfter).toBeLessThan(pagesBefore / 3);
    expect(bytesAfter).toBeLessThan(bytesBefore / 3);
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    console.info(
      `retention: ${runs[0]!.sessions} sessions pruned, ${bytesBefore} -> ${bytesAfter} bytes, ${pagesBefore} -> ${pagesAfter} pages`,
    );
    db.close();
  });

  it('leaves an older file (no incremental auto_vacuum) its size but prunes it, its free pages reused', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'evo-retention-')), 'old.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE t (x)');
    old.close();
    const { db, cache, clock, retention, runs } = setUp(file);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(0);
    seed(cache, db);
    retention.start();
    clock.advance(0);
    expect(runs[0]).toEqual({ sessions: 3, pagesFreed: 0 });
    db.close();
  });
});
