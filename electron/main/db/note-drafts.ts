/**
 * Calls waiting for the agent's note (the wrap-up prompt) and what was typed so far (migration
 * 0006), per agent and server: a reload or a restart brings both back. Saving the note removes
 * the draft (note-store.ts); Skip removes it here. Prepared statements only.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { NoteDraft } from '../../shared/contract';

interface Row {
  session_id: string;
  name: string;
  number: string;
  text: string;
  outcome: string;
}

export class NoteDrafts {
  private readonly upsert: Statement;
  private readonly add: Statement;
  private readonly remove: Statement;
  private readonly list: Statement;

  constructor(db: Database) {
    this.upsert = db.prepare(`INSERT INTO note_drafts (scope, session_id, name, number, text, outcome, ended_ms)
      VALUES (@scope, @sessionId, @name, @number, @text, @outcome, @nowMs)
      ON CONFLICT (scope, session_id) DO UPDATE SET text = excluded.text, outcome = excluded.outcome`);
    this.add = db.prepare(`INSERT INTO note_drafts (scope, session_id, name, number, text, outcome, ended_ms)
      VALUES (@scope, @sessionId, @name, @number, '', '', @nowMs) ON CONFLICT DO NOTHING`);
    this.remove = db.prepare('DELETE FROM note_drafts WHERE scope = ? AND session_id = ?');
    this.list = db.prepare('SELECT * FROM note_drafts WHERE scope = ? ORDER BY ended_ms, rowid');
  }

  /** The first keep of a call opens its prompt (the call's end orders the queue); later ones keep the text. */
  keep(scope: string, draft: NoteDraft, nowMs: number): void {
    this.upsert.run({ scope, ...draft, nowMs });
  }

  /** Main saw the call end: its prompt opens, unless the call already waits (what was typed stays). */
  open(scope: string, call: Pick<NoteDraft, 'sessionId' | 'name' | 'number'>, nowMs: number): void {
    this.add.run({ scope, ...call, nowMs });
  }

  drop(scope: string, sessionId: string): void {
    this.remove.run(scope, sessionId);
  }

  /** The calls still waiting for a note, oldest first. */
  all(scope: string): NoteDraft[] {
    return (this.list.all(scope) as Row[]).map((row) => ({
      sessionId: row.session_id,
      name: row.name,
      number: row.number,
      text: row.text,
      outcome: row.outcome,
    }));
  }
}
