import type { Database } from 'better-sqlite3';

/** The signed-in (or last) agent and server, as SessionCache.useScope records it. */
const CURRENT_SCOPE = `COALESCE((SELECT value FROM meta WHERE key = 'scope'), '')`;

/**
 * Notes that cannot be lost. Each note now belongs to the agent and server it was written for
 * (`scope`, as meta's 'scope': server URL | user id), keyed by scope and session: a sign-in
 * elsewhere hides it instead of wiping it, and two agents noting the same call (a transfer
 * between them) each keep their own. The notes already kept are the current scope's (until now
 * a change of scope wiped them). The search index (0003) holds the current scope's notes only, so
 * its triggers are made again with that condition (dropping call_notes drops those on it; those
 * on sessions name it, and a rename checks them, so they go first). `note_drafts` holds each call
 * still waiting for its note (the prompt) with what was typed so far: a reload or a restart
 * brings both back.
 */
export function up(db: Database): void {
  db.exec(`
    DROP TRIGGER history_search_session_added;
    DROP TRIGGER history_search_session_changed;

    CREATE TABLE call_notes_by_scope (
      scope TEXT NOT NULL DEFAULT '',
      session_id TEXT NOT NULL,
      text TEXT NOT NULL,
      outcome TEXT NOT NULL,
      saved_ms INTEGER NOT NULL,
      PRIMARY KEY (scope, session_id)
    ) STRICT;
    INSERT INTO call_notes_by_scope (scope, session_id, text, outcome, saved_ms)
      SELECT ${CURRENT_SCOPE}, session_id, text, outcome, saved_ms FROM call_notes;
    DROP TABLE call_notes;
    ALTER TABLE call_notes_by_scope RENAME TO call_notes;
    CREATE INDEX call_notes_by_session ON call_notes (session_id);

    CREATE TRIGGER history_search_session_added AFTER INSERT ON sessions BEGIN
      INSERT INTO history_search (rowid, name, number, note) VALUES (new.rowid, new.display_name, new.number,
        (SELECT text || ' ' || outcome FROM call_notes WHERE session_id = new.id AND scope = ${CURRENT_SCOPE}));
    END;
    CREATE TRIGGER history_search_session_changed AFTER UPDATE OF display_name, number ON sessions
      WHEN old.display_name IS NOT new.display_name OR old.number IS NOT new.number BEGIN
      DELETE FROM history_search WHERE rowid = old.rowid;
      INSERT INTO history_search (rowid, name, number, note) VALUES (new.rowid, new.display_name, new.number,
        (SELECT text || ' ' || outcome FROM call_notes WHERE session_id = new.id AND scope = ${CURRENT_SCOPE}));
    END;

    CREATE TRIGGER history_search_note_saved AFTER INSERT ON call_notes WHEN new.scope = ${CURRENT_SCOPE} BEGIN
      DELETE FROM history_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = new.session_id);
      INSERT INTO history_search (rowid, name, number, note)
        SELECT rowid, display_name, number, new.text || ' ' || new.outcome FROM sessions WHERE id = new.session_id;
    END;
    CREATE TRIGGER history_search_note_changed AFTER UPDATE ON call_notes WHEN new.scope = ${CURRENT_SCOPE} BEGIN
      DELETE FROM history_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = new.session_id);
      INSERT INTO history_search (rowid, name, number, note)
        SELECT rowid, display_name, number, new.text || ' ' || new.outcome FROM sessions WHERE id = new.session_id;
    END;
    CREATE TRIGGER history_search_note_removed AFTER DELETE ON call_notes WHEN old.scope = ${CURRENT_SCOPE} BEGIN
      DELETE FROM history_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = old.session_id);
      INSERT INTO history_search (rowid, name, number, note)
        SELECT rowid, display_name, number, NULL FROM sessions WHERE id = old.session_id;
    END;

    CREATE TABLE note_drafts (
      scope TEXT NOT NULL,
      session_id TEXT NOT NULL,
      name TEXT NOT NULL,
      number TEXT NOT NULL,
      text TEXT NOT NULL,
      outcome TEXT NOT NULL,
      ended_ms INTEGER NOT NULL,
      PRIMARY KEY (scope, session_id)
    ) STRICT;
  `);
}
