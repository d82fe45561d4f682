import type { Database } from 'better-sqlite3';

/**
 * Notes that cannot be lost. Each note now belongs to the agent and server it was written for
 * (`scope`, as meta's 'scope': server URL | user id), so that a sign-in elsewhere hides it
 * instead of wiping it; the notes already kept are the current scope's (until now a change of
 * scope wiped them). `note_drafts` holds each call still waiting for its note (the prompt) with
 * what was typed so far, so that a reload or a restart brings both back.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE call_notes ADD COLUMN scope TEXT NOT NULL DEFAULT '';
    UPDATE call_notes SET scope = COALESCE((SELECT value FROM meta WHERE key = 'scope'), '');
    CREATE INDEX call_notes_by_scope ON call_notes (scope);

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
