/**
 * The agent's notes on calls (one per session, migration 0002), next to the session cache in the
 * same SQLite file. Prepared statements only. Each note belongs to the agent and server it was
 * written for (migration 0006, meta's 'scope'): another account's sign-in hides it, never deletes it.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CallNote, HiddenNotes } from '../../shared/contract';

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

/** meta's key for an account's name ("email on server"), followed by its scope. */
export const ACCOUNT_KEY = 'account:';

const keyOf = (scope: string, sessionId: string) => JSON.stringify([scope, sessionId]);

export class NoteStore {
  private readonly save: Statement;
  private readonly one: Statement;
  private readonly many: Statement;
  private readonly scope: Statement;
  private readonly hiddenRows: Statement;
  private readonly saveAndDropDraft: (sessionId: string, note: { scope: string; text: string; outcome: string; nowMs: number }) => void;
  /** Notes the disk refused, by scope and session: shown as saved notes are, written again at every access. */
  private readonly pending = new Map<string, { scope: string; sessionId: string; text: string; outcome: string; nowMs: number }>();

  constructor(
    db: Database,
    private readonly onWriteFailed: (error: unknown) => void = () => undefined,
  ) {
    this.save = db.prepare(`INSERT INTO call_notes (session_id, text, outcome, saved_ms, scope) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (scope, session_id) DO UPDATE SET text = excluded.text, outcome = excluded.outcome, saved_ms = excluded.saved_ms`);
    this.one = db.prepare('SELECT * FROM call_notes WHERE session_id = ? AND scope = ?');
    this.many = db.prepare('SELECT * FROM call_notes WHERE session_id IN (SELECT value FROM json_each(?)) AND scope = ?');
    this.scope = db.prepare("SELECT value FROM meta WHERE key = 'scope'").pluck();
    this.hiddenRows = db.prepare(`SELECT n.scope AS scope, count(*) AS count, m.value AS account FROM call_notes n
      LEFT JOIN meta m ON m.key = '${ACCOUNT_KEY}' || n.scope
      WHERE n.scope <> ? GROUP BY n.scope ORDER BY count DESC`);
    // Saving the note ends the wait for it: the prompt and its draft go in the same transaction.
    const dropDraft = db.prepare('DELETE FROM note_drafts WHERE scope = ? AND session_id = ?');
    this.saveAndDropDraft = db.transaction((sessionId: string, note: { scope: string; text: string; outcome: string; nowMs: number }) => {
      this.save.run(sessionId, note.text, note.outcome, note.nowMs, note.scope);
      dropDraft.run(note.scope, sessionId);
    });
  }

  /** The signed-in (or last signed-in) agent and server. */
  currentScope(): string {
    return (this.scope.get() as string | undefined) ?? '';
  }

  /** Saving again replaces the note: the agent corrects it. A note the disk refuses is kept (NoteKeptError). */
  put(sessionId: string, note: { text: string; outcome: string }, nowMs: number): CallNote {
    const scope = this.currentScope();
    this.pending.set(keyOf(scope, sessionId), { ...note, scope, sessionId, nowMs });
    this.retry();
    if (this.pending.has(keyOf(scope, sessionId))) throw new NoteKeptError(this.lastError);
    return this.get(sessionId)!;
  }

  /** How many notes wait for the disk. */
  get waiting(): number {
    return this.pending.size;
  }

  get(sessionId: string): CallNote | null {
    this.retry();
    const scope = this.currentScope();
    const kept = this.pending.get(keyOf(scope, sessionId));
    if (kept) return { text: kept.text, outcome: kept.outcome, savedAt: new Date(kept.nowMs).toISOString() };
    const row = this.one.get(sessionId, scope) as Row | undefined;
    return row ? toNote(row) : null;
  }

  /** The notes of these sessions (a history page), by session id. */
  forSessions(ids: readonly string[]): Map<string, CallNote> {
    this.retry();
    const scope = this.currentScope();
    const rows = ids.length === 0 ? [] : (this.many.all(JSON.stringify(ids), scope) as Row[]);
    const notes = new Map(rows.map((row) => [row.session_id, toNote(row)]));
    for (const id of ids) {
      const kept = this.pending.get(keyOf(scope, id));
      if (kept) notes.set(id, { text: kept.text, outcome: kept.outcome, savedAt: new Date(kept.nowMs).toISOString() });
    }
    return notes;
  }

  /** Notes of other accounts: kept, not shown while this one is signed in. */
  hidden(): HiddenNotes {
    const rows = this.hiddenRows.all(this.currentScope()) as { count: number; account: string | null }[];
    return { count: rows.reduce((total, row) => total + row.count, 0), account: rows[0]?.account ?? null };
  }

  private lastError: unknown = null;

  /** Writes the notes that wait, oldest first; stops at the first the disk still refuses. */
  retry(): void {
    for (const [key, note] of this.pending) {
      try {
        this.saveAndDropDraft(note.sessionId, note);
        this.pending.delete(key);
      } catch (error) {
        this.lastError = error;
        this.onWriteFailed(error);
        return;
      }
    }
  }
}
