import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../../electron/main/db/migrations/0001-initial';
import * as m0002 from '../../../../electron/main/db/migrations/0002-call-notes';
import { NoteStore } from '../../../../electron/main/db/note-store';
import { openCache } from '../../../../electron/main/db/open';
import type { SessionCache } from '../../../../electron/main/db/session-cache';
import { SessionInfo } from '../../../../electron/main/evo/dto';
import { MemoryLogger } from '../../../support/logger';

const session = (i: number, name: string, number: string) =>
  SessionInfo.parse({
    id: `SE${i}`,
    dateCreated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    dateLastModified: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    callState: 'Disconnected',
    ended: true,
    direction: 'Incoming',
    fromAddress: number,
    fromName: name,
  });

/** A cache as the release before the search index left it (schema 2), with calls and a note. */
function cacheBeforeIndex(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'evo-migrate-')), 'session-cache.sqlite');
  const db = new Database(file);
  m0001.up(db);
  m0002.up(db);
  db.pragma('user_version = 2');
  const insert =
    db.prepare(`INSERT INTO sessions (id, call_state, held, ended, was_missed, direction, display_name, number, created_ms, modified_ms, json)
    VALUES (?, 'Disconnected', 0, 1, 0, 'Incoming', ?, ?, ?, ?, ?)`);
  for (const row of [
    session(1, 'Amira Haddad', '+15550100199'),
    session(2, 'Bo Chen', '+442079460958'),
    session(3, 'Caro Diaz', '+15550177001'),
  ]) {
    insert.run(row.id, row.fromName, row.fromAddress, Date.parse(row.dateCreated), Date.parse(row.dateLastModified), JSON.stringify(row));
  }
  db.prepare('INSERT INTO call_notes (session_id, text, outcome, saved_ms) VALUES (?, ?, ?, ?)').run(
    'SE2',
    'Asked about invoice 4471',
    'Follow-up',
    1,
  );
  db.close();
  return file;
}

const ids = (cache: SessionCache, query: string) => cache.history({ query, page: 0, pageSize: 25 }).items.map((row) => row.info.id);

describe('migration 0003: the history search index', () => {
  it('indexes the calls and notes already cached, and stays current as they change', () => {
    const { db, cache } = openCache(cacheBeforeIndex(), new MemoryLogger());
    expect(db.prepare('SELECT count(*) AS n FROM history_search').get()).toEqual({ n: 3 });
    // Name fragment, number fragment (punctuated as typed), note text, outcome: from the index.
    expect(ids(cache, 'mira Had')).toEqual(['SE1']);
    expect(ids(cache, '0100 19')).toEqual(['SE1']);
    expect(ids(cache, '7946')).toEqual(['SE2']);
    expect(ids(cache, 'invoice 4471')).toEqual(['SE2']);
    expect(ids(cache, 'follow-UP')).toEqual(['SE2']);
    expect(ids(cache, 'nobody')).toEqual([]);

    // A renamed caller, a new note, a removed note, a wiped cache: the index follows.
    cache.upsert(session(3, 'Carolina Diaz-Ruiz', '+15550177001'), 2);
    expect(ids(cache, 'Ruiz')).toEqual(['SE3']);
    const notes = new NoteStore(db);
    notes.put('SE1', { text: 'Wants a callback on Tuesday', outcome: 'Resolved' }, 3);
    expect(ids(cache, 'callback on tue')).toEqual(['SE1']);
    notes.put('SE1', { text: 'Sorted', outcome: 'Resolved' }, 4);
    expect(ids(cache, 'callback on tue')).toEqual([]);
    db.prepare('DELETE FROM call_notes WHERE session_id = ?').run('SE2');
    expect(ids(cache, 'invoice 4471')).toEqual([]);
    expect(ids(cache, 'Bo Chen')).toEqual(['SE2']);
    cache.useScope('https://other|u9');
    expect(db.prepare('SELECT count(*) AS n FROM history_search').get()).toEqual({ n: 0 });
  });

  it('answers one- and two-character searches (too short for the index) by scanning, as before', () => {
    const { cache } = openCache(cacheBeforeIndex(), new MemoryLogger());
    expect(ids(cache, 'Bo')).toEqual(['SE2']);
    expect(ids(cache, '58')).toEqual(['SE2']);
  });
});
