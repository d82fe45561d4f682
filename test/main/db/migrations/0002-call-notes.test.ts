import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../../electron/main/db/migrations/0001-initial';
import { migrations } from '../../../../electron/main/db/migrations';
import { NoteStore } from '../../../../electron/main/db/note-store';
import { openCache } from '../../../../electron/main/db/open';
import { SessionCache } from '../../../../electron/main/db/session-cache';
import { SessionInfo } from '../../../../electron/main/evo/dto';
import { MemoryLogger } from '../../../support/logger';

const session = (id: string, fromName: string) =>
  SessionInfo.parse({
    id,
    dateCreated: '2026-11-24T10:00:00.000Z',
    dateLastModified: '2026-11-24T10:05:00.000Z',
    callState: 'Disconnected',
    ended: true,
    direction: 'Incoming',
    fromAddress: '+15550100199',
    fromName,
  });

/** A cache as the previous release left it: schema 1, with a call in it. */
function cacheAtVersion1(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'evo-migrate-')), 'session-cache.sqlite');
  const db = new Database(file);
  m0001.up(db);
  db.pragma('user_version = 1');
  // The row as release 1 wrote it (today's SessionCache already expects the notes table).
  const info = session('SE-OLD', 'Jane Doe');
  db.prepare(
    `INSERT INTO sessions (id, call_state, held, ended, was_missed, direction, display_name, number, created_ms, modified_ms, json)
    VALUES (?, 'Disconnected', 0, 1, 0, 'Incoming', 'Jane Doe', '+15550100199', 1000, 1000, ?)`,
  ).run(info.id, JSON.stringify(info));
  db.close();
  return file;
}

function reopen(file: string) {
  const { db } = openCache(file, new MemoryLogger());
  return { db, cache: new SessionCache(db), notes: new NoteStore(db) };
}

describe('migration 0002: call notes', () => {
  it('upgrades a schema-1 cache in place: the calls stay, a STRICT notes table appears', () => {
    const { db, cache } = reopen(cacheAtVersion1());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(cache.get('SE-OLD')!.info.fromName).toBe('Jane Doe');
    const table = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'call_notes'").get() as { sql: string };
    expect(table.sql).toMatch(/STRICT$/);
  });

  it('keeps a note with its session across a restart; saving again corrects it', () => {
    const file = cacheAtVersion1();
    const first = reopen(file);
    first.notes.put('SE-OLD', { text: 'Wants a refund', outcome: 'Escalated' }, Date.parse('2026-11-24T10:06:00Z'));
    first.notes.put('SE-OLD', { text: 'Wants a refund by Friday', outcome: 'Escalated' }, Date.parse('2026-11-24T10:07:00Z'));
    first.db.close();
    const { notes } = reopen(file);
    expect(notes.get('SE-OLD')).toEqual({ text: 'Wants a refund by Friday', outcome: 'Escalated', savedAt: '2026-11-24T10:07:00.000Z' });
    expect([...notes.forSessions(['SE-OLD', 'SE-NONE']).keys()]).toEqual(['SE-OLD']);
  });

  it('history search finds a call by the words of its note or its outcome', () => {
    const { cache, notes } = reopen(cacheAtVersion1());
    cache.upsert(session('SE-OTHER', 'Acme Corp'), 2_000);
    notes.put('SE-OLD', { text: 'Invoice 4711 was paid twice', outcome: 'Follow-up needed' }, 3_000);
    const found = (query: string) => cache.history({ query, page: 0, pageSize: 25 }).items.map((row) => row.info.id);
    expect(found('paid twice')).toEqual(['SE-OLD']);
    expect(found('follow-up')).toEqual(['SE-OLD']);
    expect(found('Acme')).toEqual(['SE-OTHER']);
    expect(found('100%')).toEqual([]);
  });

  it("another agent's sign-in hides the first agent's notes, and the first agent finds them again", () => {
    const { cache, notes } = reopen(cacheAtVersion1());
    cache.useScope('https://evovoice.io|usr-1');
    notes.put('SE-OLD', { text: 'private', outcome: '' }, 1);
    cache.useScope('https://evovoice.io|usr-2');
    expect(notes.get('SE-OLD')).toBeNull();
    cache.useScope('https://evovoice.io|usr-1');
    expect(notes.get('SE-OLD')?.text).toBe('private');
  });
});
