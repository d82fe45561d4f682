/**
 * The session cache: server rows with the fields the UI queries, and hold spans so that hold
 * timers survive restarts. Prepared statements only. The board's writes (an action's answer, the
 * active list) replace the cached row as they come: the board store orders them by when they were
 * asked (calls/board-store.ts). Other rows (history pages) replace a cached one only when their
 * dateLastModified is not older. History search also finds the agent's notes (note-store.ts).
 */
import type { Database, Statement } from 'better-sqlite3';
import { isHeldState } from '../../shared/call-rules';
import type { HistoryFilter } from '../../shared/contract';
import type { SessionInfo } from '../evo/dto';
import { holdStartMs, type HoldOrigin } from '../evo/session-times';
import { ACCOUNT_KEY } from './note-store';

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

const deferWrite = (write: () => void) => {
  // Nothing else keeps the app alive for it: closing writes what waits (Core.dispose -> flush).
  setTimeout(write, LATE_WRITE_MS).unref();
};

export const partyNumber = (info: SessionInfo): string =>
  info.direction === 'Outgoing' ? info.toAddress || info.destination : info.fromAddress || info.fromPhoneNumber;

/** Only a query made of digits and phone punctuation searches numbers. */
const looksLikeNumber = (query: string) => /\d/.test(query) && /^[\d\s()+\-.*#/]+$/.test(query);
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const FILTER = `(@filter = 'all'
  OR (@filter = 'missed' AND s.was_missed = 1)
  OR (@filter = 'incoming' AND s.direction = 'Incoming' AND s.was_missed = 0)
  OR (@filter = 'outgoing' AND s.direction = 'Outgoing'))`;

/**
 * A match this broad (a common word, "555") is answered by scanning newest first instead: matches
 * are dense, so the first page is found within a few hundred rows, where sorting every match costs
 * hundreds of ms at 100,000 sessions.
 */
const DENSE = 2000;

/** The trigram index answers fragments of three characters or more (code points, as it counts them). */
const TRIGRAM = 3;
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The FTS5 query for a search: the text in names and notes, and (for a number-like query) its
 * digits in numbers. Null when a part is too short for the trigram index: the caller scans.
 */
function matchOf(query: string): string | null {
  const digits = looksLikeNumber(query) ? query.replace(/\D/g, '') : '';
  if ([...query].length < TRIGRAM || (digits && digits.length < TRIGRAM)) return null;
  const text = `{name note} : ${phrase(query)}`;
  return digits ? `(${text}) OR (number : ${phrase(digits)})` : text;
}

export interface SessionCacheOptions {
  /** A deferred write (upsertSoon) failed: nobody is waiting for it, so it is reported here. */
  onLateWriteFailed?(error: unknown): void;
  /** Any write failed (a disk that filled while running): told before the error goes on. */
  onWriteFailed?(error: unknown): void;
  /** When deferred writes run (default: LATE_WRITE_MS from the first one waiting). */
  defer?(write: () => void): void;
}

/**
 * How long an answer may wait for its write. Long enough that a burst of answers (a swap is two
 * requests, a busy moment several) shares one commit, short enough that a crash loses at most
 * this much (a hold start lost that way comes back from Evo's log: evo/session-times.ts).
 */
export const LATE_WRITE_MS = 20;

export class SessionCache {
  private readonly statements: Record<string, Statement>;
  /** Answers waiting for upsertSoon's write, in arrival order. */
  private readonly soon: { row: SessionInfo; nowMs: number; origin: HoldOrigin }[] = [];

  constructor(
    private readonly db: Database,
    private readonly options: SessionCacheOptions = {},
  ) {
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
        WHERE (@ordered = 1 AND excluded.json <> sessions.json)
           OR excluded.modified_ms > sessions.modified_ms
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
      // A query too short for the index (one or two characters), or a filter alone: a scan.
      search: db.prepare(`${select}
        WHERE (s.display_name LIKE @text ESCAPE '\\' OR (@digits <> '' AND s.number LIKE @digits ESCAPE '\\')
            OR s.id IN (SELECT session_id FROM call_notes WHERE (text LIKE @text ESCAPE '\\' OR outcome LIKE @text ESCAPE '\\')
              AND scope = COALESCE((SELECT value FROM meta WHERE key = 'scope'), '')))
          AND ${FILTER}
        ORDER BY s.created_ms DESC LIMIT @limit OFFSET @offset`),
      // Three characters or more: the trigram index (migration 0003) finds the rows. The page is
      // chosen on narrow columns first: sorting whole rows (their JSON) of a broad match is what costs.
      // `+created_ms`: the few matches are looked up and sorted, not the whole index walked for them.
      matches: db.prepare(`SELECT count(*) AS n FROM (SELECT rowid FROM history_search WHERE history_search MATCH ? LIMIT ${DENSE})`),
      indexed: db.prepare(`SELECT s.rowid AS rowid FROM sessions s
        WHERE s.rowid IN (SELECT rowid FROM history_search WHERE history_search MATCH @match) AND ${FILTER}
        ORDER BY +s.created_ms DESC LIMIT @limit OFFSET @offset`),
      byRowids: db.prepare(`${select} WHERE s.rowid IN (SELECT value FROM json_each(?)) ORDER BY s.created_ms DESC`),
      recent: db.prepare(`SELECT number FROM sessions WHERE number <> ''
        GROUP BY number ORDER BY MAX(created_ms) DESC LIMIT ?`),
      // The name of each number's newest call that had one (SQLite's bare column takes it from the max row).
      recentNamed: db.prepare(`SELECT r.number AS number, COALESCE((SELECT n.display_name FROM sessions n
          WHERE n.number = r.number AND n.display_name <> '' ORDER BY n.created_ms DESC LIMIT 1), '') AS name
        FROM (SELECT number, MAX(created_ms) AS newest FROM sessions WHERE number <> '' GROUP BY number ORDER BY newest DESC LIMIT ?) r
        ORDER BY r.newest DESC`),
      markEnded: db.prepare(`UPDATE sessions SET ended = 1, held = 0, active = 0, call_state = 'Disconnected',
        completed_ms = @now,
        json = json_set(json, '$.ended', json('true'), '$.callState', 'Disconnected', '$.dateCompleted', @iso)
        WHERE id = @id AND ended = 0`),
      spans: db.prepare('SELECT * FROM hold_spans WHERE session_id = ? ORDER BY started_ms'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  /**
   * Stores an action's answer shortly after instead of now: the board already shows it, and a
   * SQLite commit (about 0.2 ms, most of a hold's local cost; `npm run bench`) has no business on
   * the round trip. Every other method writes what waits first, so nothing ever reads or writes
   * around it, and a wipe for another account cannot come before it.
   */
  upsertSoon(row: SessionInfo, nowMs: number, origin: HoldOrigin): void {
    if (this.soon.push({ row, nowMs, origin }) === 1) (this.options.defer ?? deferWrite)(() => this.flush());
  }

  /** Writes what upsertSoon left waiting. A failure is reported, never thrown: the answer already counted. */
  flush(): void {
    if (this.soon.length === 0) return;
    const waiting = this.soon.splice(0);
    try {
      this.db.transaction(() => {
        for (const { row, nowMs, origin } of waiting) this.upsertOne(row, nowMs, origin, true);
      })();
    } catch (error) {
      this.options.onWriteFailed?.(error);
      this.options.onLateWriteFailed?.(error);
    }
  }

  /** Runs a write transaction; a failure is told to onWriteFailed, then thrown as before. */
  private write<T>(transaction: () => T): T {
    try {
      return this.db.transaction(transaction)();
    } catch (error) {
      this.options.onWriteFailed?.(error);
      throw error;
    }
  }

  /**
   * The server + user this cache belongs to; the calls cached for someone else are wiped. The
   * agent's notes stay, each with its own scope (note-store.ts): hidden, never deleted.
   * `account` names the scope for the agent ("email on server") when its notes are hidden.
   */
  useScope(scope: string, account?: string): void {
    this.flush();
    const current = (this.statements.getMeta!.get('scope') as { value: string } | undefined)?.value;
    if (current === scope && account === undefined) return;
    this.write(() => {
      if (current !== scope) this.wipeRows();
      this.statements.setMeta!.run('scope', scope);
      if (account !== undefined) this.statements.setMeta!.run(`${ACCOUNT_KEY}${scope}`, account);
    });
  }

  /** Stores rows that are not older than what is cached and differ from it; returns their ids. */
  upsertMany(rows: readonly SessionInfo[], nowMs: number, origin: HoldOrigin = 'reported'): string[] {
    this.flush();
    return this.write(() => rows.filter((row) => this.upsertOne(row, nowMs, origin)).map((row) => row.id));
  }

  upsert(row: SessionInfo, nowMs: number, origin: HoldOrigin = 'reported'): boolean {
    return this.upsertMany([row], nowMs, origin).length === 1;
  }

  /** Records which sessions the server calls active now; holds of the others are closed. */
  replaceActive(rows: readonly SessionInfo[], nowMs: number): string[] {
    this.flush();
    return this.write(() => {
      const changed = rows.filter((row) => this.upsertOne(row, nowMs, 'reported', true)).map((row) => row.id);
      this.statements.clearActive!.run();
      for (const row of rows) this.statements.setActive!.run(row.id);
      this.statements.closeInactiveSpans!.run(nowMs);
      return changed;
    });
  }

  /**
   * The server accepted an end or a transfer (it answers with no body): the row is marked over at
   * once instead of asking the server again. The server's own row replaces it at the next fetch.
   */
  markEnded(id: string, nowMs: number): void {
    this.flush();
    this.write(() => {
      this.statements.markEnded!.run({ id, now: nowMs, iso: new Date(nowMs).toISOString() });
      this.statements.closeSpan!.run(nowMs, id);
    });
  }

  active(): CachedSession[] {
    this.flush();
    return this.read(this.statements.active!.all());
  }

  held(): CachedSession[] {
    this.flush();
    return this.read(this.statements.held!.all());
  }

  get(id: string): CachedSession | null {
    this.flush();
    return this.read(this.statements.get!.all(id))[0] ?? null;
  }

  /** A page of history, newest first; `filter` splits it into missed, incoming (answered) and outgoing. */
  history(options: { query?: string; page: number; pageSize: number; filter?: HistoryFilter }): {
    items: CachedSession[];
    hasMore: boolean;
  } {
    this.flush();
    const limit = options.pageSize + 1;
    const offset = options.page * options.pageSize;
    const query = (options.query ?? '').trim();
    const filter = options.filter ?? 'all';
    const match = query ? matchOf(query) : null;
    const narrow = match !== null && (this.statements.matches!.get(match) as { n: number }).n < DENSE;
    const rows = narrow
      ? this.statements.byRowids!.all(
          JSON.stringify((this.statements.indexed!.all({ match, filter, limit, offset }) as { rowid: number }[]).map((row) => row.rowid)),
        )
      : query || filter !== 'all'
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
    this.flush();
    return (this.statements.recent!.all(limit) as { number: string }[]).map((row) => row.number);
  }

  /** The recent numbers (as recentNumbers) with the name their newest named call gave them. */
  recentContacts(limit = 8): { number: string; name: string }[] {
    this.flush();
    return this.statements.recentNamed!.all(limit) as { number: string; name: string }[];
  }

  /** Everything this session spent on hold, as far as this computer saw it (an open hold counts to `nowMs`). */
  totalHoldMs(sessionId: string, nowMs: number): number {
    return this.holdSpans(sessionId).reduce((total, span) => total + Math.max(0, (span.endedMs ?? nowMs) - span.startedMs), 0);
  }

  holdSpans(sessionId: string): HoldSpan[] {
    this.flush();
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

  /** `ordered`: the board's write, in request order, so Evo's dateLastModified does not decide. */
  private upsertOne(row: SessionInfo, nowMs: number, origin: HoldOrigin, ordered = false): boolean {
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
      ordered: ordered ? 1 : 0,
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
    this.db.prepare('DELETE FROM hold_promises').run();
    this.db.prepare('DELETE FROM check_ins').run();
  }
}
