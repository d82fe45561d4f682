import type { Database } from 'better-sqlite3';

/**
 * History search without scanning a year of calls: an FTS5 index of each session's name, number
 * (digits) and the agent's note, with the trigram tokenizer, so that any fragment of three or
 * more characters ("ller 99", "0100 1", a word of a note) is an index lookup. Contentless (the
 * text lives in `sessions` and `call_notes` already) with contentless_delete, so rows can be
 * replaced. Kept current by triggers: no code path can forget it. Rows cached before this
 * migration are indexed here, once.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE history_search USING fts5(
      name, number, note,
      tokenize = 'trigram', content = '', contentless_delete = 1
    );

    CREATE TRIGGER history_search_session_added AFTER INSERT ON sessions BEGIN
      INSERT INTO history_search (rowid, name, number, note) VALUES (new.rowid, new.display_name, new.number,
        (SELECT text || ' ' || outcome FROM call_notes WHERE session_id = new.id));
    END;
    CREATE TRIGGER history_search_session_changed AFTER UPDATE OF display_name, number ON sessions
      WHEN old.display_name IS NOT new.display_name OR old.number IS NOT new.number BEGIN
      DELETE FROM history_search WHERE rowid = old.rowid;
      INSERT INTO history_search (rowid, name, number, note) VALUES (new.rowid, new.display_name, new.number,
        (SELECT text || ' ' || outcome FROM call_notes WHERE session_id = new.id));
    END;
    CREATE TRIGGER history_search_session_removed AFTER DELETE ON sessions BEGIN
      DELETE FROM history_search WHERE rowid = old.rowid;
    END;

    CREATE TRIGGER history_search_note_saved AFTER INSERT ON call_notes BEGIN
      DELETE FROM history_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = new.session_id);
      INSERT INTO history_search (rowid, name, number, note)
        SELECT rowid, display_name, number, new.text || ' ' || new.outcome FROM sessions WHERE id = new.session_id;
    END;
    CREATE TRIGGER history_search_note_changed AFTER UPDATE ON call_notes BEGIN
      DELETE FROM history_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = new.session_id);
      INSERT INTO history_search (rowid, name, number, note)
        SELECT rowid, display_name, number, new.text || ' ' || new.outcome FROM sessions WHERE id = new.session_id;
    END;
    CREATE TRIGGER history_search_note_removed AFTER DELETE ON call_notes BEGIN
      DELETE FROM history_search WHERE rowid = (SELECT rowid FROM sessions WHERE id = old.session_id);
      INSERT INTO history_search (rowid, name, number, note)
        SELECT rowid, display_name, number, NULL FROM sessions WHERE id = old.session_id;
    END;

    INSERT INTO history_search (rowid, name, number, note)
      SELECT s.rowid, s.display_name, s.number, n.text || ' ' || n.outcome
      FROM sessions s LEFT JOIN call_notes n ON n.session_id = s.id;
  `);
}
