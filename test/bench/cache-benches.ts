/**
 * The session cache against bare better-sqlite3 doing the same work: the same schema (the app's
 * migrations), the same rows, hold spans and queries, written by hand. And main's memory with a
 * full cache, heap and RSS (SQLite's own memory is not on the JS heap).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCache } from '../../electron/main/db/open';
import { migrate } from '../../electron/main/db/migrations';
import { partyNumber, SessionCache } from '../../electron/main/db/session-cache';
import { SessionInfo } from '../../electron/main/evo/dto';
import { MemoryLogger } from '../support/logger';
import { median, now, result, type BenchResult } from './stats';

function sessionRow(i: number, held: boolean, modified = Date.UTC(2026, 0, 1) + i * 60_000 + 1000) {
  return SessionInfo.parse({
    id: `SE${String(i).padStart(8, '0')}`,
    dateCreated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    dateLastModified: new Date(modified).toISOString(),
    callState: held ? 'Hold' : 'Disconnected',
    direction: i % 2 ? 'Incoming' : 'Outgoing',
    fromAddress: `+1555${String(i).padStart(7, '0')}`,
    toAddress: '+15550100000',
    fromName: `Caller ${i}`,
    displayName: `Caller ${i}`,
    ended: !held,
    members: [{ displayName: `Caller ${i}`, callSid: `CA${i}`, role: 'Caller' }],
    log: [{ date: '2026-01-01T00:00:00Z', message: 'Incoming call' }],
  });
}

/** The same tables and indexes as the cache (its migrations), written and read by hand. */
function rawDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  const columns = (row: SessionInfo) => [
    row.callState,
    row.callState === 'Hold' ? 1 : 0,
    row.ended ? 1 : 0,
    row.direction,
    row.fromName || row.displayName,
    partyNumber(row).replace(/[^\d+*#]/g, ''),
    Date.parse(row.dateCreated),
    Date.parse(row.dateLastModified),
    JSON.stringify(row),
  ];
  const insert = db.prepare(`INSERT INTO sessions (call_state, held, ended, was_missed, direction, display_name, number,
    created_ms, modified_ms, completed_ms, json, id) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, NULL, ?, ?)`);
  const update = db.prepare(`UPDATE sessions SET call_state = ?, held = ?, ended = ?, direction = ?, display_name = ?,
    number = ?, created_ms = ?, modified_ms = ?, json = ? WHERE id = ?`);
  const span = db.prepare('INSERT INTO hold_spans (session_id, started_ms, reason, held_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const closeSpan = db.prepare('UPDATE hold_spans SET ended_ms = ? WHERE session_id = ? AND ended_ms IS NULL');
  const select = `SELECT s.json AS json, h.started_ms AS held_since FROM sessions s
    LEFT JOIN hold_spans h ON h.session_id = s.id AND h.ended_ms IS NULL`;
  const held = db.prepare(`${select} WHERE s.held = 1 AND s.ended = 0 ORDER BY h.started_ms`);
  const search = db.prepare(`${select} WHERE s.display_name LIKE ? ORDER BY s.created_ms DESC LIMIT 26`);
  const read = (rows: unknown[]) =>
    (rows as { json: string; held_since: number | null }[]).map((row) => ({
      info: JSON.parse(row.json) as unknown,
      heldSinceMs: row.held_since,
    }));
  return {
    db,
    insertAll: db.transaction((rows: SessionInfo[], nowMs: number) => {
      for (const row of rows) {
        insert.run(...columns(row), row.id);
        if (row.callState === 'Hold') span.run(row.id, nowMs, row.holdReason, row.heldByUserId);
      }
    }),
    updateAll: db.transaction((rows: SessionInfo[], nowMs: number) => {
      for (const row of rows) {
        update.run(...columns(row), row.id);
        if (row.callState === 'Hold') span.run(row.id, nowMs, row.holdReason, row.heldByUserId);
        else closeSpan.run(nowMs, row.id);
      }
    }),
    held: () => read(held.all()),
    search: (text: string) => read(search.all(`%${text}%`)),
  };
}

export function cacheBenches(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'evo-bench-'));
  const logger = new MemoryLogger();
  const rows10k = Array.from({ length: 10_000 }, (_, i) => sessionRow(i, i % 500 === 0));
  const fill = { cache: [] as number[], raw: [] as number[] };
  for (let run = 0; run < 5; run += 1) {
    const { db } = openCache(join(dir, `cache-${run}.sqlite`), logger);
    const cache = new SessionCache(db);
    let start = now();
    cache.upsertMany(rows10k, Date.now());
    fill.cache.push(now() - start);
    db.close();
    const raw = rawDb(join(dir, `raw-${run}.sqlite`));
    start = now();
    raw.insertAll(rows10k, Date.now());
    fill.raw.push(now() - start);
    raw.db.close();
  }

  // 100,000 cached sessions, 200 of them held, in the cache and in the hand-written twin.
  const rows100k = Array.from({ length: 100_000 }, (_, i) => sessionRow(i, i % 500 === 0));
  const { db } = openCache(join(dir, 'big.sqlite'), logger);
  const cache = new SessionCache(db);
  cache.upsertMany(rows100k, Date.now());
  const raw = rawDb(join(dir, 'big-raw.sqlite'));
  raw.insertAll(rows100k, Date.now());

  const held = { cache: [] as number[], raw: [] as number[] };
  const search = { cache: [] as number[], raw: [] as number[] };
  // A sub-millisecond query: many samples, alternating, so that the median is steady.
  for (let i = 0; i < 400; i += 1) {
    let start = now();
    cache.held();
    held.cache.push(now() - start);
    start = now();
    raw.held();
    held.raw.push(now() - start);
    if (i % 8) continue;
    start = now();
    cache.history({ query: 'Caller 9999', page: 0, pageSize: 25 });
    search.cache.push(now() - start);
    start = now();
    raw.search('Caller 9999');
    search.raw.push(now() - start);
  }

  // 1,000 rows changed by the server (a newer dateLastModified each time), five times each way.
  const update = { cache: [] as number[], raw: [] as number[] };
  for (let run = 1; run <= 5; run += 1) {
    const changed = rows100k.slice(0, 1000).map((row, i) => sessionRow(i, row.callState === 'Hold', Date.UTC(2027, 0, run)));
    let start = now();
    cache.upsertMany(changed, Date.now());
    update.cache.push(now() - start);
    start = now();
    raw.updateAll(changed, Date.now());
    update.raw.push(now() - start);
  }
  db.close();
  raw.db.close();
  return [
    result(
      'cache upsert of 10,000 sessions',
      median(fill.cache),
      'ms',
      'hand-written inserts of the same rows and hold spans',
      median(fill.raw),
      {
        maxRatio: 1.5,
      },
    ),
    result('held-call query at 100,000 cached sessions', median(held.cache), 'ms', 'hand-written SELECT, same tables', median(held.raw), {
      maxRatio: 1.2,
    }),
    result(
      'history search at 100,000 cached sessions',
      median(search.cache),
      'ms',
      'hand-written LIKE query, same tables',
      median(search.raw),
      {
        maxRatio: 1.2,
      },
    ),
    result(
      'upsert of 1,000 changed rows into 100,000',
      median(update.cache),
      'ms',
      'hand-written UPDATEs of the same rows and hold spans',
      median(update.raw),
      {
        maxRatio: 1.5,
      },
    ),
  ];
}

export function memoryWith100k(): BenchResult[] {
  // Fill a cache with 100,000 sessions, then measure a fresh process on it and on an empty one.
  const fullDir = mkdtempSync(join(tmpdir(), 'evo-memory-'));
  const { db } = openCache(join(fullDir, 'session-cache.sqlite'), new MemoryLogger());
  new SessionCache(db).upsertMany(
    Array.from({ length: 100_000 }, (_, i) => sessionRow(i, i % 500 === 0)),
    Date.now(),
  );
  db.close();
  const emptyDir = mkdtempSync(join(tmpdir(), 'evo-memory-'));
  const probe = (dataDir: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', 'test/bench/memory-probe.ts', dataDir], { encoding: 'utf8' }),
    ) as { heap: number; rss: number };
  const runs = [0, 1, 2].map(() => ({ empty: probe(emptyDir), full: probe(fullDir) }));
  const of = (side: 'empty' | 'full', field: 'heap' | 'rss') => median(runs.map((run) => run[side][field]));
  const note = "sessions live in SQLite on disk; RSS includes SQLite's page cache, which the JS heap cannot see";
  return [
    result(
      'main heapUsed with 100,000 cached sessions',
      of('full', 'heap'),
      'MiB',
      'main heapUsed with an empty cache',
      of('empty', 'heap'),
      { maxRatio: 1.1 },
      note,
    ),
    result('main RSS with 100,000 cached sessions', of('full', 'rss'), 'MiB', 'main RSS with an empty cache', of('empty', 'rss'), {
      maxRatio: 1.25,
    }),
  ];
}
