import type { Database } from 'better-sqlite3';

/** Sessions with the fields the UI queries, hold spans, and the cache's scope. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      call_state TEXT NOT NULL,
      held INTEGER NOT NULL,
      ended INTEGER NOT NULL,
      was_missed INTEGER NOT NULL,
      direction TEXT NOT NULL,
      display_name TEXT NOT NULL,
      number TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      modified_ms INTEGER NOT NULL,
      completed_ms INTEGER,
      -- 1 while the session is in the server's latest /sessions/active answer.
      active INTEGER NOT NULL DEFAULT 0,
      json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sessions_by_created ON sessions (created_ms DESC);
    CREATE INDEX sessions_held ON sessions (held) WHERE held = 1;
    CREATE INDEX sessions_active ON sessions (active) WHERE active = 1;

    CREATE TABLE hold_spans (
      id INTEGER PRIMARY KEY,
      session_id TEXT NOT NULL,
      started_ms INTEGER NOT NULL,
      ended_ms INTEGER,
      reason TEXT NOT NULL,
      held_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX hold_spans_by_session ON hold_spans (session_id, started_ms);
    CREATE UNIQUE INDEX hold_spans_one_open ON hold_spans (session_id) WHERE ended_ms IS NULL;
  `);
}
