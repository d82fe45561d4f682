import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../electron/main/db/migrations';
import { openCache } from '../../../electron/main/db/open';
import { SessionCache } from '../../../electron/main/db/session-cache';
import { SessionInfo } from '../../../electron/main/evo/dto';
import { MemoryLogger } from '../../support/logger';

const dir = () => mkdtempSync(join(tmpdir(), 'evo-cache-'));

function session(overrides: Record<string, unknown> = {}) {
  return SessionInfo.parse({
    id: 'SE1',
    dateCreated: '2026-11-24T10:00:00.000Z',
    dateLastModified: '2026-11-24T10:00:00.000Z',
    callState: 'Connected',
    direction: 'Incoming',
    fromAddress: '+15550100199',
    fromName: 'Jane Doe',
    ended: false,
    members: [],
    ...overrides,
  });
}

function open(file: string) {
  const logger = new MemoryLogger();
  const opened = openCache(file, logger);
  return { ...opened, cache: new SessionCache(opened.db), logger };
}

describe('session cache (SQLite on disk)', () => {
  it('writes an answer stored "soon" after the current task, and before anything reads the cache', async () => {
    const { db } = open(join(dir(), 'c.sqlite'));
    const writes: (() => void)[] = [];
    const cache = new SessionCache(db, { defer: (write) => writes.push(write) });
    cache.upsertSoon(session({ callState: 'Hold', dateLastModified: '2026-11-24T10:01:00.000Z' }), 1_000_000, 'seen');
    cache.upsertSoon(session({ callState: 'Connected', dateLastModified: '2026-11-24T10:02:00.000Z' }), 1_060_000, 'seen');
    expect(writes).toHaveLength(1);
    expect(cache.holdSpans('SE1')).toMatchObject([{ startedMs: 1_000_000, endedMs: 1_060_000 }]);
    expect(cache.get('SE1')).toMatchObject({ info: { callState: 'Connected' }, heldSinceMs: null });
    writes[0]!();
    expect(cache.holdSpans('SE1')).toHaveLength(1);
  });

  it('writes what waits before wiping it for another account, and reports a late write that fails', () => {
    const { db } = open(join(dir(), 'c.sqlite'));
    const failures: unknown[] = [];
    const cache = new SessionCache(db, { defer: () => undefined, onLateWriteFailed: (error) => failures.push(error) });
    cache.useScope('server|agent-a');
    cache.upsertSoon(session(), 1_000_000, 'seen');
    cache.useScope('server|agent-b');
    expect(cache.get('SE1')).toBeNull();
    db.exec("CREATE TRIGGER no_writes BEFORE INSERT ON sessions BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;");
    cache.upsertSoon(session(), 1_000_000, 'seen');
    expect(() => cache.get('SE1')).not.toThrow();
    expect(String(failures[0])).toMatch(/disk is full/);
  });

  it('runs its migrations into STRICT tables and records user_version', () => {
    const { db } = open(join(dir(), 'c.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // The history search index (FTS5) and its shadow tables are SQLite's own kind of table.
    const all = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[];
    expect(all.find((table) => table.name === 'history_search')?.sql).toMatch(/USING fts5\([\s\S]*trigram/);
    const tables = all.filter((table) => !table.name.startsWith('history_search'));
    expect(tables.map((table) => table.name).sort()).toEqual([
      'call_notes',
      'check_ins',
      'hold_promises',
      'hold_spans',
      'meta',
      'note_drafts',
      'sessions',
    ]);
    for (const table of tables) expect(table.sql).toMatch(/STRICT$/);
  });

  it('keeps sessions and the hold start across a restart', () => {
    const file = join(dir(), 'c.sqlite');
    const first = open(file);
    first.cache.replaceActive([session({ callState: 'Hold', dateLastModified: '2026-11-24T10:01:00.000Z' })], 1_000_000);
    first.db.close();
    const second = open(file);
    const [held] = second.cache.held();
    expect(held).toMatchObject({ info: { id: 'SE1', callState: 'Hold' }, heldSinceMs: 1_000_000 });
    expect(second.cache.active().map((row) => row.info.id)).toEqual(['SE1']);
  });

  it('refuses a row older than the cached one, accepts the same version when it differs', () => {
    const { cache } = open(join(dir(), 'c.sqlite'));
    cache.upsert(session({ callState: 'Hold', dateLastModified: '2026-11-24T10:05:00.000Z' }), 1);
    expect(cache.upsert(session({ callState: 'Connected', dateLastModified: '2026-11-24T10:04:00.000Z' }), 2)).toBe(false);
    expect(cache.get('SE1')!.info.callState).toBe('Hold');
    expect(cache.upsert(session({ callState: 'Hold', dateLastModified: '2026-11-24T10:05:00.000Z' }), 3)).toBe(false);
    expect(cache.upsert(session({ callState: 'Connected', dateLastModified: '2026-11-24T10:06:00.000Z' }), 4)).toBe(true);
    expect(cache.get('SE1')!.info.callState).toBe('Connected');
  });

  it('records hold spans: opened once, closed on resume, reopened on a new hold', () => {
    const { cache } = open(join(dir(), 'c.sqlite'));
    cache.upsert(
      session({ callState: 'Hold', holdReason: 'Transferring', heldByUserId: 'usr-1', dateLastModified: '2026-11-24T10:01:00Z' }),
      100,
    );
    cache.upsert(
      session({
        callState: 'Hold',
        holdReason: 'Transferring',
        heldByUserId: 'usr-1',
        dateLastModified: '2026-11-24T10:01:30Z',
        log: [{ date: 'x', message: 'y' }],
      }),
      200,
    );
    cache.upsert(session({ callState: 'Connected', dateLastModified: '2026-11-24T10:02:00Z' }), 300);
    cache.upsert(session({ callState: 'Hold', dateLastModified: '2026-11-24T10:03:00Z' }), 400);
    expect(cache.holdSpans('SE1')).toEqual([
      { sessionId: 'SE1', startedMs: 100, endedMs: 300, reason: 'Transferring', heldBy: 'usr-1' },
      { sessionId: 'SE1', startedMs: 400, endedMs: null, reason: 'None', heldBy: '' },
    ]);
    expect(cache.get('SE1')!.heldSinceMs).toBe(400);
  });

  it('closes the hold of a session that left the active list', () => {
    const { cache } = open(join(dir(), 'c.sqlite'));
    cache.replaceActive([session({ callState: 'Hold' })], 100);
    cache.replaceActive([], 500);
    expect(cache.holdSpans('SE1')[0]!.endedMs).toBe(500);
    expect(cache.active()).toEqual([]);
  });

  it('searches history by name or by the digits of a number, newest first, with paging', () => {
    const { cache } = open(join(dir(), 'c.sqlite'));
    const rows = Array.from({ length: 30 }, (_, index) =>
      session({
        id: `SE${index}`,
        fromName: index % 2 ? 'Jane Doe' : 'Acme 100%',
        fromAddress: `+1555010${String(index).padStart(4, '0')}`,
        dateCreated: new Date(Date.UTC(2026, 10, 1, 0, index)).toISOString(),
        ended: true,
      }),
    );
    cache.upsertMany(rows, 1);
    const page0 = cache.history({ page: 0, pageSize: 25 });
    expect(page0.items).toHaveLength(25);
    expect(page0.hasMore).toBe(true);
    expect(page0.items[0]!.info.id).toBe('SE29');
    expect(cache.history({ page: 1, pageSize: 25 }).items).toHaveLength(5);
    expect(cache.history({ query: 'jane', page: 0, pageSize: 50 }).items).toHaveLength(15);
    expect(cache.history({ query: '(555) 010-0007', page: 0, pageSize: 50 }).items.map((r) => r.info.id)).toEqual(['SE7']);
    expect(cache.history({ query: '100%', page: 0, pageSize: 50 }).items).toHaveLength(15);
    expect(cache.history({ query: '%', page: 0, pageSize: 50 }).items).toHaveLength(15);
  });

  it('filters history into missed, answered incoming and outgoing calls, with a search on top', () => {
    const { cache } = open(join(dir(), 'c.sqlite'));
    const kinds = [
      { direction: 'Incoming', wasMissed: true },
      { direction: 'Incoming', wasMissed: false },
      { direction: 'Outgoing', wasMissed: false },
    ];
    const rows = Array.from({ length: 9 }, (_, index) =>
      session({
        id: `SE${index}`,
        ...kinds[index % 3],
        fromName: index < 3 ? 'Jane Doe' : 'Acme',
        toAddress: '+15550100123',
        dateCreated: new Date(Date.UTC(2026, 10, 1, 0, index)).toISOString(),
        ended: true,
      }),
    );
    cache.upsertMany(rows, 1);
    const ids = (filter: 'all' | 'missed' | 'incoming' | 'outgoing', query?: string) =>
      cache.history({ page: 0, pageSize: 25, filter, query }).items.map((row) => row.info.id);
    expect(ids('missed')).toEqual(['SE6', 'SE3', 'SE0']);
    expect(ids('incoming')).toEqual(['SE7', 'SE4', 'SE1']);
    expect(ids('outgoing')).toEqual(['SE8', 'SE5', 'SE2']);
    expect(ids('all')).toHaveLength(9);
    expect(ids('missed', 'jane')).toEqual(['SE0']);
  });

  it('adds up every hold of a session, an open one up to now', () => {
    const { cache } = open(join(dir(), 'c.sqlite'));
    cache.upsert(session({ callState: 'Hold', dateLastModified: '2026-11-24T10:01:00Z' }), 1_000);
    cache.upsert(session({ callState: 'Connected', dateLastModified: '2026-11-24T10:02:00Z' }), 31_000);
    cache.upsert(session({ callState: 'Hold', dateLastModified: '2026-11-24T10:03:00Z' }), 40_000);
    expect(cache.totalHoldMs('SE1', 45_000)).toBe(35_000);
    expect(cache.totalHoldMs('unknown', 45_000)).toBe(0);
  });

  it('wipes everything when the scope (server + user) changes', () => {
    const { cache } = open(join(dir(), 'c.sqlite'));
    cache.useScope('https://a|u1');
    cache.upsert(session(), 1);
    cache.useScope('https://a|u1');
    expect(cache.get('SE1')).not.toBeNull();
    cache.useScope('https://b|u1');
    expect(cache.get('SE1')).toBeNull();
  });

  it('moves a corrupt file aside and rebuilds instead of stopping', () => {
    const folder = dir();
    const file = join(folder, 'c.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const { cache, recoveredFrom, logger } = open(file);
    expect(recoveredFrom).toMatch(/c\.sqlite\.corrupt-\d+$/);
    expect(existsSync(recoveredFrom!)).toBe(true);
    cache.upsert(session(), 1);
    expect(cache.get('SE1')).not.toBeNull();
    expect(logger.lines.join()).toContain('moved aside');
    expect(readdirSync(folder).some((name) => name.includes('corrupt'))).toBe(true);
  });

  it('rebuilds a cache whose pages were damaged after the header', () => {
    const file = join(dir(), 'c.sqlite');
    const first = open(file);
    first.cache.upsertMany(
      Array.from({ length: 200 }, (_, i) => session({ id: `SE${i}`, fromName: 'x'.repeat(500) })),
      1,
    );
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xff, 4096, bytes.length - 4096);
    writeFileSync(file, bytes);
    const second = open(file);
    expect(second.recoveredFrom).not.toBeNull();
    expect(second.cache.history({ page: 0, pageSize: 5 }).items).toEqual([]);
  });
});
