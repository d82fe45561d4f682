/**
 * The disk fills while the app runs (SQLite's own "database or disk is full", from a page limit
 * set on the core's connection): the agent gets the same notice as for a disk full at start, at
 * once; History shows what Evo sent; a note the disk refuses is kept, shown, told, and written as
 * soon as the disk has room. Real core, real simulator over HTTP.
 */
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { signedInWorlds } from '../../support/signed-in';
import type { TestCore } from '../../support/core';

const signedIn = signedInWorlds();

const dbOf = (t: TestCore) => (t.core.cache as unknown as { db: Database.Database }).db;
/** No page beyond what the file has now, and the room left in it taken: the next write fails with SQLITE_FULL. */
const fillDisk = (t: TestCore) => {
  const db = dbOf(t);
  db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 2}`);
  db.exec('CREATE TABLE IF NOT EXISTS filler (x BLOB)');
  const fill = db.prepare('INSERT INTO filler VALUES (zeroblob(?))');
  // The notes table's own pages too (notes of calls that are not cached: nothing else sees them).
  let n = 0;
  const note = db.prepare("INSERT INTO call_notes (session_id, text, outcome, saved_ms) VALUES (?, zeroblob(?), '', 0)");
  for (const size of [4000, 500, 50, 1]) {
    for (const insert of [() => fill.run(size), () => note.run(`filler-${(n += 1)}`, size)]) {
      try {
        for (;;) insert();
      } catch {
        // Full at this size; smaller rows take what is left.
      }
    }
  }
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
};

describe('a disk that fills while the app runs', () => {
  it('shows the not-saved notice at once, and History shows the 25 calls Evo sent, not the one cached row', async () => {
    const { t } = await signedIn({ seed: { history: 30 } });
    expect(await t.value('app.storageStatus')).toEqual({ historySaved: true, notice: null });
    fillDisk(t);
    const page = await t.value('sessions.history', { fresh: true });
    expect(page.items).toHaveLength(25);
    const storage = await t.value('app.storageStatus');
    expect(storage).toEqual({ historySaved: false, notice: expect.stringMatching(/^History is not being saved: the disk is full\./) });
    const told = t.events.filter((event) => event.event === 'app.storageChanged');
    expect(told).toEqual([{ event: 'app.storageChanged', payload: storage }]);
  });

  it('keeps a note that cannot be written, says so, shows it, and writes it once it can', async () => {
    const { t } = await signedIn({ seed: { history: 3 } });
    const items = (await t.value('sessions.history', { fresh: true })).items;
    const past = items.find((item) => item.ended)!;
    // Every write of a note refused, as a full disk refuses it (SQLite answers before the row is stored).
    dbOf(t).exec("CREATE TEMP TRIGGER refuse_notes BEFORE INSERT ON call_notes BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const text = 'Call back about the refund';
    const saved = await t.call('sessions.saveNote', { sessionId: past.id, text, outcome: '' });
    expect(saved).toMatchObject({ ok: false, error: { code: 'NOTE_KEPT', message: expect.stringMatching(/kept but not saved/) } });
    expect((await t.value('sessions.history')).items.find((item) => item.id === past.id)?.note?.text).toBe(text);
    expect(dbOf(t).prepare('SELECT count(*) AS n FROM call_notes WHERE session_id = ?').get(past.id)).toEqual({ n: 0 });

    dbOf(t).exec('DROP TRIGGER temp.refuse_notes');
    await t.value('sessions.history');
    expect(dbOf(t).prepare('SELECT text FROM call_notes WHERE session_id = ?').get(past.id)).toEqual({ text });
  });
});
