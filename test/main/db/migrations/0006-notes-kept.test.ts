import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as m0001 from '../../../../electron/main/db/migrations/0001-initial';
import * as m0002 from '../../../../electron/main/db/migrations/0002-call-notes';
import * as m0003 from '../../../../electron/main/db/migrations/0003-history-search';
import * as m0005 from '../../../../electron/main/db/migrations/0005-hold-promises';
import * as m0006 from '../../../../electron/main/db/migrations/0006-notes-kept';
import { migrations } from '../../../../electron/main/db/migrations';
import { NoteDrafts } from '../../../../electron/main/db/note-drafts';
import { NoteStore } from '../../../../electron/main/db/note-store';
import { openCache } from '../../../../electron/main/db/open';
import { SessionCache } from '../../../../electron/main/db/session-cache';
import { SessionInfo } from '../../../../electron/main/evo/dto';
import { MemoryLogger } from '../../../support/logger';

const A = 'https://evovoice.io|usr-a';
const B = 'https://staging.evovoice.io|usr-b';

const session = (id: string) =>
  SessionInfo.parse({
    id,
    dateCreated: '2026-11-24T10:00:00.000Z',
    dateLastModified: '2026-11-24T10:05:00.000Z',
    callState: 'Disconnected',
    ended: true,
    direction: 'Incoming',
    fromAddress: '+15550100199',
    fromName: 'Jane Doe',
  });

/** A cache as the release before 0006 left it (schema 4: 0001, 0002, 0003, 0005), agent A's, with a note. */
function cacheBeforeKeptNotes(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'evo-migrate-')), 'session-cache.sqlite');
  const db = new Database(file);
  for (const up of [m0001.up, m0002.up, m0003.up, m0005.up]) up(db);
  db.pragma('user_version = 4');
  db.prepare("INSERT INTO meta (key, value) VALUES ('scope', ?)").run(A);
  db.prepare(
    "INSERT INTO call_notes (session_id, text, outcome, saved_ms) VALUES ('SE-OLD', 'Wants a refund by Friday', 'Escalated', 1000)",
  ).run();
  db.close();
  return file;
}

function reopen(file: string) {
  const { db } = openCache(file, new MemoryLogger());
  return { db, cache: new SessionCache(db), notes: new NoteStore(db), drafts: new NoteDrafts(db) };
}

describe('migration 0006: notes kept per agent and server, and the calls waiting for a note', () => {
  it('is the last migration; upgrades a schema-4 cache in place, the notes already kept being the signed-in agent’s', () => {
    expect(migrations.at(-1)).toBe(m0006.up);
    const { db, notes } = reopen(cacheBeforeKeptNotes());
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare("SELECT scope FROM call_notes WHERE session_id = 'SE-OLD'").pluck().get()).toBe(A);
    expect(notes.get('SE-OLD')).toMatchObject({ text: 'Wants a refund by Friday', outcome: 'Escalated' });
    const table = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'note_drafts'").get() as { sql: string };
    expect(table.sql).toMatch(/STRICT$/);
  });

  it('another account or server signing in hides the notes, never deletes them, and says whose they are', () => {
    const { db, cache, notes } = reopen(cacheBeforeKeptNotes());
    cache.useScope(A, 'agent.a@example.com on evovoice.io');
    cache.upsert(session('SE-NEW'), 2000);
    notes.put('SE-NEW', { text: 'Call back at 3', outcome: '' }, 3000);
    cache.useScope(B, 'agent.b@example.com on staging.evovoice.io');
    // The calls are another account's cache and go; the notes stay on disk, hidden.
    expect(cache.get('SE-NEW')).toBeNull();
    expect(notes.get('SE-NEW')).toBeNull();
    expect(notes.forSessions(['SE-NEW', 'SE-OLD']).size).toBe(0);
    expect(db.prepare('SELECT count(*) FROM call_notes').pluck().get()).toBe(2);
    expect(notes.hidden()).toEqual({ count: 2, account: 'agent.a@example.com on evovoice.io' });
    // B's own note does not count as hidden for B; A's two are hidden for B.
    notes.put('SE-B', { text: 'B’s note', outcome: '' }, 4000);
    expect(notes.hidden().count).toBe(2);
    // Back as A: everything of A's is there again, B's is the hidden one.
    cache.useScope(A);
    expect(notes.get('SE-NEW')).toMatchObject({ text: 'Call back at 3' });
    expect(notes.get('SE-OLD')).toMatchObject({ text: 'Wants a refund by Friday' });
    expect(notes.hidden()).toEqual({ count: 1, account: 'agent.b@example.com on staging.evovoice.io' });
  });

  it('two agents noting the same call (a transfer between them) each keep their own, and search only their own', () => {
    const { cache, notes } = reopen(cacheBeforeKeptNotes());
    const found = (query: string) => cache.history({ query, page: 0, pageSize: 25 }).items.map((row) => row.info.id);
    cache.useScope(A);
    cache.upsert(session('SE-SHARED'), 2000);
    notes.put('SE-SHARED', { text: 'Alpha wants a refund', outcome: '' }, 3000);
    cache.useScope(B);
    cache.upsert(session('SE-SHARED'), 2000);
    expect(notes.get('SE-SHARED')).toBeNull();
    expect(found('refund')).toEqual([]);
    expect(found('re')).toEqual([]);
    notes.put('SE-SHARED', { text: 'Bravo sent the form', outcome: '' }, 4000);
    expect(found('sent the form')).toEqual(['SE-SHARED']);
    cache.useScope(A);
    cache.upsert(session('SE-SHARED'), 2000);
    expect(notes.get('SE-SHARED')).toMatchObject({ text: 'Alpha wants a refund' });
    expect(found('wants a refund')).toEqual(['SE-SHARED']);
    expect(found('sent the form')).toEqual([]);
  });

  it('keeps the calls waiting for a note and their drafts across a restart, per account; saving the note ends the wait', () => {
    const file = cacheBeforeKeptNotes();
    const first = reopen(file);
    first.cache.useScope(A);
    first.drafts.keep(A, { sessionId: 'SE1', name: 'Jane Doe', number: '+15550100199', text: '', outcome: '' }, 1000);
    first.drafts.keep(A, { sessionId: 'SE2', name: 'Sam Caller', number: '+15550100123', text: '', outcome: '' }, 2000);
    first.drafts.keep(
      A,
      { sessionId: 'SE1', name: 'Jane Doe', number: '+15550100199', text: 'Wants the invoice', outcome: 'Resolved' },
      3000,
    );
    first.drafts.keep(B, { sessionId: 'SE9', name: 'Other', number: '', text: 'B’s', outcome: '' }, 1500);
    first.db.close();

    const second = reopen(file);
    // Oldest ended first, whatever was typed later.
    expect(second.drafts.all(A)).toEqual([
      { sessionId: 'SE1', name: 'Jane Doe', number: '+15550100199', text: 'Wants the invoice', outcome: 'Resolved' },
      { sessionId: 'SE2', name: 'Sam Caller', number: '+15550100123', text: '', outcome: '' },
    ]);
    expect(second.drafts.all(B).map((draft) => draft.sessionId)).toEqual(['SE9']);
    second.notes.put('SE1', { text: 'Wants the invoice', outcome: 'Resolved' }, 4000);
    second.drafts.drop(A, 'SE2');
    expect(second.drafts.all(A)).toEqual([]);
    expect(second.drafts.all(B)).toHaveLength(1);
  });

  it('a draft is on disk at once: nothing waits in memory for a later write', () => {
    const file = cacheBeforeKeptNotes();
    const { drafts } = reopen(file);
    drafts.keep(A, { sessionId: 'SE1', name: 'Jane Doe', number: '', text: 'typed just before the crash', outcome: '' }, 1000);
    // Another connection (another process after a crash) reads it without this one closing.
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT text FROM note_drafts').pluck().get()).toBe('typed just before the crash');
    other.close();
  });
});
