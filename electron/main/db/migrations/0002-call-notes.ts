import type { Database } from 'better-sqlite3';

/**
 * The agent's wrap-up of a call: a note and an outcome, one per session. Kept apart from
 * `sessions` because a session row is replaced by every newer server answer; the note is ours.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE call_notes (
      session_id TEXT PRIMARY KEY,
      text TEXT NOT NULL,
      outcome TEXT NOT NULL,
      saved_ms INTEGER NOT NULL
    ) STRICT;
  `);
}
