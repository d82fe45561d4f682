import type { Database } from 'better-sqlite3';

/**
 * Promised holds: the promise each hold was given (one row per hold, keyed by the hold's start as
 * hold_spans has it) and every check-in. Kept apart from `sessions` and `hold_spans` because those
 * follow the server; promises and check-ins are the agent's own. `promise_ms` is the promise's
 * length when it was made, so a later change of the default never rewrites a past hold.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE hold_promises (
      session_id TEXT NOT NULL,
      held_since_ms INTEGER NOT NULL,
      minutes INTEGER NOT NULL,
      promise_ms INTEGER NOT NULL,
      PRIMARY KEY (session_id, held_since_ms)
    ) STRICT;

    CREATE TABLE check_ins (
      id INTEGER PRIMARY KEY,
      session_id TEXT NOT NULL,
      at_ms INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX check_ins_by_session ON check_ins (session_id);
    CREATE INDEX check_ins_by_time ON check_ins (at_ms);
  `);
}
