/**
 * The agent's notes on calls (one per session, migration 0002), next to the session cache in the
 * same SQLite file. Prepared statements only. Another agent's sign-in wipes them with the cache.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CallNote } from '../../shared/contract';

interface Row {
  session_id: string;
  text: string;
  outcome: string;
  saved_ms: number;
}

const toNote = (row: Row): CallNote => ({ text: row.text, outcome: row.outcome, savedAt: new Date(row.saved_ms).toISOString() });

export class NoteStore {
  private readonly save: Statement;
  private readonly one: Statement;
  private readonly many: Statement;

  constructor(db: Database) {
    this.save = db.prepare(`INSERT INTO call_notes (session_id, text, outcome, saved_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (session_id) DO UPDATE SET text = excluded.text, outcome = excluded.outcome, saved_ms = excluded.saved_ms`);
    this.one = db.prepare('SELECT * FROM call_notes WHERE session_id = ?');
    this.many = db.prepare('SELECT * FROM call_notes WHERE session_id IN (SELECT value FROM json_each(?))');
  }

  /** Saving again replaces the note: the agent corrects it. */
  put(sessionId: string, note: { text: string; outcome: string }, nowMs: number): CallNote {
    this.save.run(sessionId, note.text, note.outcome, nowMs);
    return this.get(sessionId)!;
  }

  get(sessionId: string): CallNote | null {
    const row = this.one.get(sessionId) as Row | undefined;
    return row ? toNote(row) : null;
  }

  /** The notes of these sessions (a history page), by session id. */
  forSessions(ids: readonly string[]): Map<string, CallNote> {
    const rows = ids.length === 0 ? [] : (this.many.all(JSON.stringify(ids)) as Row[]);
    return new Map(rows.map((row) => [row.session_id, toNote(row)]));
  }
}
