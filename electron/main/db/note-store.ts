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

/** Thrown when a note could not be written: it is kept in memory and written at the next chance. */
export class NoteKeptError extends Error {
  constructor(cause: unknown) {
    super('note kept in memory', { cause });
  }
}

export class NoteStore {
  private readonly save: Statement;
  private readonly one: Statement;
  private readonly many: Statement;
  /** Notes the disk refused, by session: shown as saved notes are, written again at every access. */
  private readonly pending = new Map<string, { text: string; outcome: string; nowMs: number }>();

  constructor(
    db: Database,
    private readonly onWriteFailed: (error: unknown) => void = () => undefined,
  ) {
    this.save = db.prepare(`INSERT INTO call_notes (session_id, text, outcome, saved_ms) VALUES (?, ?, ?, ?)
      ON CONFLICT (session_id) DO UPDATE SET text = excluded.text, outcome = excluded.outcome, saved_ms = excluded.saved_ms`);
    this.one = db.prepare('SELECT * FROM call_notes WHERE session_id = ?');
    this.many = db.prepare('SELECT * FROM call_notes WHERE session_id IN (SELECT value FROM json_each(?))');
  }

  /** Saving again replaces the note: the agent corrects it. A note the disk refuses is kept (NoteKeptError). */
  put(sessionId: string, note: { text: string; outcome: string }, nowMs: number): CallNote {
    this.pending.set(sessionId, { ...note, nowMs });
    this.retry();
    if (this.pending.has(sessionId)) throw new NoteKeptError(this.lastError);
    return this.get(sessionId)!;
  }

  /** How many notes wait for the disk. */
  get waiting(): number {
    return this.pending.size;
  }

  get(sessionId: string): CallNote | null {
    this.retry();
    const kept = this.pending.get(sessionId);
    if (kept) return { text: kept.text, outcome: kept.outcome, savedAt: new Date(kept.nowMs).toISOString() };
    const row = this.one.get(sessionId) as Row | undefined;
    return row ? toNote(row) : null;
  }

  /** The notes of these sessions (a history page), by session id. */
  forSessions(ids: readonly string[]): Map<string, CallNote> {
    this.retry();
    const rows = ids.length === 0 ? [] : (this.many.all(JSON.stringify(ids)) as Row[]);
    const notes = new Map(rows.map((row) => [row.session_id, toNote(row)]));
    for (const id of ids) {
      const kept = this.pending.get(id);
      if (kept) notes.set(id, { text: kept.text, outcome: kept.outcome, savedAt: new Date(kept.nowMs).toISOString() });
    }
    return notes;
  }

  private lastError: unknown = null;

  /** Writes the notes that wait, oldest first; stops at the first the disk still refuses. */
  retry(): void {
    for (const [sessionId, note] of this.pending) {
      try {
        this.save.run(sessionId, note.text, note.outcome, note.nowMs);
        this.pending.delete(sessionId);
      } catch (error) {
        this.lastError = error;
        this.onWriteFailed(error);
        return;
      }
    }
  }
}
