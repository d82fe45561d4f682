/**
 * The session cache: server rows with the fields the UI queries, and hold spans so that hold
 * timers survive restarts. Prepared statements only. A server row replaces a cached one only when
 * its dateLastModified is not older. History search also finds the agent's notes (note-store.ts).
 */
import type { Database, Statement } from 'better-sqlite3';
import { isHeldState } from '../../shared/call-rules';
import type { HistoryFilter } from '../../shared/contract';
import type { SessionInfo } from '../evo/dto';
import { holdStartMs, type HoldOrigin } from '../evo/session-times';

export interface CachedSession {
  info: SessionInfo;
  /** When the open hold span began (epoch ms), null when the session is not held. */
  heldSinceMs: number | null;
}

export interface HoldSpan {
  sessionId: string;
  startedMs: number;
  endedMs: number | null;
  reason: string;
  heldBy: string;
}

interface Row {
  json: string;
  held_since: number | null;
}

export const partyNumber = (info: SessionInfo): string =>
  info.direction === 'Outgoing' ? info.toAddress || info.destination : info.fromAddress || info.fromPhoneNumber;

/** Only a query made of digits and phone punctuation searches numbers. */
const looksLikeNumber = (query: string) => /\d/.test(query) && /^[\d\s()+\-.*#/]+$/.test(query);
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export class SessionCache {
  private readonly statements: Record<string, Statement>;

  constructor(private readonly db: Database) {
    const select = `SELECT s.json AS json, h.started_ms AS held_since FROM sessions s
      LEFT JOIN hold_spans h ON h.session_id = s.id AND h.ended_ms IS NULL`;
    this.statements = {
      upsert: db.prepare(`
        INSERT INTO sessions (id, call_state, held, ended, was_missed, direction, display_name, number,
                              created_ms, modified_ms, completed_ms, json)
        VALUES (@id, @callState, @held, @ended, @wasMissed, @direction, @displayName, @number,
                @createdMs, @modifiedMs, @completedMs, @json)
        ON CONFLICT (id) DO UPDATE SET
          call_state = excluded.call_state, held = excluded.held, ended = excluded.ended,
          was_missed = excluded.was_missed, direction = excluded.direction,
          display_name = excluded.display_name, number = excluded.number,
          created_ms = excluded.created_ms, modified_ms = excluded.modified_ms,
          completed_ms = excluded.completed_ms, json = excluded.json
        WHERE excluded.modified_ms > sessions.modified_ms
           OR (excluded.modified_ms = sessions.modified_ms AND excluded.json <> sessions.json)`),
      openSpan: db.prepare(`INSERT INTO hold_spans (session_id, started_ms, reason, held_by)
        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`),
      closeSpan: db.prepare('UPDATE hold_spans SET ended_ms = ? WHERE session_id = ? AND ended_ms IS NULL'),
      clearActive: db.prepare('UPDATE sessions SET active = 0 WHERE active = 1'),
      setActive: db.prepare('UPDATE sessions SET active = 1 WHERE id = ?'),
      closeInactiveSpans: db.prepare(`UPDATE hold_spans SET ended_ms = ? WHERE ended_ms IS NULL
        AND session_id NOT IN (SELECT id FROM sessions WHERE active = 1)`),
      active: db.prepare(`${select} WHERE s.active = 1 ORDER BY s.created_ms`),
      held: db.prepare(`${select} WHERE s.held = 1 AND s.ended = 0 ORDER BY h.started_ms`),
      get: db.prepare(`${select} WHERE s.id = ?`),
      page: db.prepare(`${select} ORDER BY s.created_ms DESC LIMIT ? OFFSET ?`),
      search: db.prepare(`${select}
        WHERE (s.display_name LIKE @text ESCAPE '\\' OR (@digits <> '' AND s.number LIKE @digits ESCAPE '\\')
            OR s.id IN (SELECT session_id FROM call_notes WHERE text LIKE @text ESCAPE '\\' OR outcome LIKE @text ESCAPE '\\'))
          AND (@filter = 'all'
            OR (@filter = 'missed' AND s.was_missed = 1)
            OR (@filter = 'incoming' AND s.direction = 'Incoming' AND s.was_missed = 0)
            OR (@filter = 'outgoing' AND s.direction = 'Outgoing'))
        ORDER BY s.created_ms DESC LIMIT @limit OFFSET @offset`),
      recent: db.prepare(`SELECT number FROM sessions WHERE number <> ''
        GROUP BY number ORDER BY MAX(created_ms) DESC LIMIT ?`),
      markEnded: db.prepare(`UPDATE sessions SET ended = 1, held = 0, active = 0, call_state = 'Disconnected',
        completed_ms = @now,
        json = json_set(json, '$.ended', json('true'), '$.callState', 'Disconnected', '$.dateCompleted', @iso)
        WHERE id = @id AND ended = 0`),
      spans: db.prepare('SELECT * FROM hold_spans WHERE session_id = ? ORDER BY started_ms'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  /** The server + user this cache belongs to; anything cached for someone else is wiped. */
  useScope(scope: string): void {
    const current = (this.statements.getMeta!.get('scope') as { value: string } | undefined)?.value;
    if (current === scope) return;
    this.db.transaction(() => {
      this.wipeRows();
      this.statements.setMeta!.run('scope', scope);
    })();
  }

  /** Stores rows that are not older than what is cached and differ from it; returns their ids. */
  upsertMany(rows: readonly SessionInfo[], nowMs: number, origin: HoldOrigin = 'reported'): string[] {
    return this.db.transaction(() => rows.filter((row) => this.upsertOne(row, nowMs, origin)).map((row) => row.id))();
  }

  upsert(row: SessionInfo, nowMs: number, origin: HoldOrigin = 'reported'): boolean {
    return this.upsertMany([row], nowMs, origin).length === 1;
  }

  /** Records which sessions the server calls active now; holds of the others are closed. */
  replaceActive(rows: readonly SessionInfo[], nowMs: number): string[] {
    return this.db.transaction(() => {
      const changed = rows.filter((row) => this.upsertOne(row, nowMs, 'reported')).map((row) => row.id);
      this.statements.clearActive!.run();
      for (const row of rows) this.statements.setActive!.run(row.id);
      this.statements.closeInactiveSpans!.run(nowMs);
      return changed;
    })();
  }

  /**
   * The server accepted an end or a transfer (it answers with no body): the row is marked over at
   * once instead of asking the server again. The server's own row replaces it at the next fetch.
   */
  markEnded(id: string, nowMs: number): void {
    this.db.transaction(() => {
      this.statements.markEnded!.run({ id, now: nowMs, iso: new Date(nowMs).toISOString() });
      this.statements.closeSpan!.run(nowMs, id);
    })();
  }

  active(): CachedSession[] {
    return this.read(this.statements.active!.all());
  }

  held(): CachedSession[] {
    return this.read(this.statements.held!.all());
  }

  get(id: string): CachedSession | null {
    return this.read(this.statements.get!.all(id))[0] ?? null;
  }

  /** A page of history, newest first; `filter` splits it into missed, incoming (answered) and outgoing. */
  history(options: { query?: string; page: number; pageSize: number; filter?: HistoryFilter }): {
    items: CachedSession[];
    hasMore: boolean;
  } {
    const limit = options.pageSize + 1;
    const offset = options.page * options.pageSize;
    const query = (options.query ?? '').trim();
    const filter = options.filter ?? 'all';
    const rows =
      query || filter !== 'all'
        ? this.statements.search!.all({
            text: `%${escapeLike(query)}%`,
            digits: looksLikeNumber(query) ? `%${query.replace(/\D/g, '')}%` : '',
            filter,
            limit,
            offset,
          })
        : this.statements.page!.all(limit, offset);
    const items = this.read(rows);
    return { items: items.slice(0, options.pageSize), hasMore: items.length > options.pageSize };
  }

  recentNumbers(limit = 8): string[] {
    return (this.statements.recent!.all(limit) as { number: string }[]).map((row) => row.number);
  }

  /** Everything this session spent on hold, as far as this computer saw it (an open hold counts to `nowMs`). */
  totalHoldMs(sessionId: string, nowMs: number): number {
    return this.holdSpans(sessionId).reduce((total, span) => total + Math.max(0, (span.endedMs ?? nowMs) - span.startedMs), 0);
  }

  holdSpans(sessionId: string): HoldSpan[] {
    return (
      this.statements.spans!.all(sessionId) as {
        session_id: string;
        started_ms: number;
        ended_ms: number | null;
        reason: string;
        held_by: string;
      }[]
    ).map((row) => ({
      sessionId: row.session_id,
      startedMs: row.started_ms,
      endedMs: row.ended_ms,
      reason: row.reason,
      heldBy: row.held_by,
    }));
  }

  private upsertOne(row: SessionInfo, nowMs: number, origin: HoldOrigin): boolean {
    const held = isHeldState(row);
    const result = this.statements.upsert!.run({
      id: row.id,
      callState: row.callState,
      held: held ? 1 : 0,
      ended: row.ended ? 1 : 0,
      wasMissed: row.wasMissed ? 1 : 0,
      direction: row.direction,
      displayName: row.fromName || row.displayName,
      number: partyNumber(row).replace(/[^\d+*#]/g, ''),
      createdMs: Date.parse(row.dateCreated) || 0,
      modifiedMs: Date.parse(row.dateLastModified) || 0,
      completedMs: Date.parse(row.dateCompleted) || null,
      json: JSON.stringify(row),
    });
    if (result.changes === 0) return false;
    // An open span is kept as it is (ON CONFLICT DO NOTHING): a hold's start never moves.
    if (held) this.statements.openSpan!.run(row.id, holdStartMs(row, origin, nowMs), row.holdReason, row.heldByUserId);
    else this.statements.closeSpan!.run(nowMs, row.id);
    return true;
  }

  private read(rows: unknown[]): CachedSession[] {
    return (rows as Row[]).map((row) => ({ info: JSON.parse(row.json) as SessionInfo, heldSinceMs: row.held_since }));
  }

  private wipeRows(): void {
    this.db.prepare('DELETE FROM sessions').run();
    this.db.prepare('DELETE FROM hold_spans').run();
    this.db.prepare('DELETE FROM call_notes').run();
  }
}
