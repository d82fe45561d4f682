/**
 * The board's store: what Evo says about a session goes onto the call board at once and into the
 * cache right after (write-through), with the hold start worked out by the cache's own rule. The
 * cache is where history and hold starts live; when a write to it fails (a full disk), the
 * server's answer still reaches the board: a local failure never hides a remote success.
 *
 * What the app believes about a call is ordered by when it asked: each request takes a ticket
 * (`ask()`) before it goes out, and an answer only replaces what the board shows when its ticket
 * is later than the one shown. Evo's `dateLastModified` is not used for this: its nodes' clocks
 * disagree, and a hold stamped 2 s ahead would pin the call as held after the resume.
 */
import { isHeldState } from '../../shared/call-rules';
import type { ActiveSessions } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { CachedSession, SessionCache } from '../db/session-cache';
import type { SessionInfo } from '../evo/dto';
import { holdStartMs, type HoldOrigin } from '../evo/session-times';
import type { Clock } from '../ports';
import { errorText, type Logger } from '../logging/logger';
import type { AuthService } from '../services/auth-service';
import type { CallBoard } from './call-board';
import { toSessionView } from './session-view';

export interface BoardStoreDeps {
  auth: AuthService;
  cache: SessionCache;
  board: CallBoard;
  clock: Clock;
  logger: Logger;
}

/** When a request was sent, relative to the others: a later one's answer wins. */
export type Ticket = number;

export class BoardStore {
  private syncedAt: string | null = null;
  private closed = false;
  private lastTicket: Ticket = 0;
  /**
   * The ticket of what the board shows for each session, kept until an answer asked later covers
   * it; for a session known over (an accepted end), the ticket of that end, so an older poll
   * cannot bring the call back.
   */
  private readonly shownTicket = new Map<string, Ticket>();

  constructor(private readonly deps: BoardStoreDeps) {}

  /**
   * Puts one server answer (an action's, or a fetched session) on the board at once, and into the
   * cache right after (SessionCache.upsertSoon): the hold start is worked out here by the cache's
   * own rule, so the round trip does not wait for SQLite. A failed write is logged, not thrown.
   */
  /** A ticket for a request about to go out. */
  ask(): Ticket {
    this.lastTicket += 1;
    return this.lastTicket;
  }

  record(info: SessionInfo, origin: HoldOrigin, ticket: Ticket = this.ask()): CachedSession {
    this.assertOpen();
    const now = this.deps.clock.now();
    const row = this.fallbackRow(info, origin, now);
    // An answer to a request sent before the one the board shows (a poll overtook it) changes
    // nothing; an ended session the board does not show (a history detail) does not belong on it.
    if ((this.shownTicket.get(info.id) ?? 0) > ticket) return this.deps.board.row(info.id) ?? row;
    this.deps.cache.upsertSoon(info, now, origin);
    const shown = this.deps.board.row(info.id);
    if (shown || !info.ended) {
      this.shownTicket.set(info.id, ticket);
      this.deps.board.update(row);
    }
    return row;
  }

  /** Evo accepted an end or a transfer: the call is over as of this request. */
  over(sessionId: string, ticket: Ticket): void {
    this.shownTicket.set(sessionId, Math.max(ticket, this.shownTicket.get(sessionId) ?? 0));
    this.deps.board.remove(sessionId);
  }

  /**
   * The server's whole active list (a sync) into the cache, read back with hold starts; the board
   * gets it either way. Calls answered for by a request sent after this poll keep that answer
   * (and a call ended since stays ended).
   */
  replaceActive(infos: SessionInfo[], ticket: Ticket = this.ask()): void {
    const now = this.deps.clock.now();
    this.syncedAt = new Date(now).toISOString();
    // A call with an action still out keeps what the board shows: this poll may have reached Evo
    // before the action did, and the action's answer (asked earlier) is then the newer news.
    const busy = this.deps.board
      .calls()
      .filter((call) => call.pending !== null)
      .map((call) => call.id);
    const newer = new Set([...[...this.shownTicket].filter(([, shown]) => shown > ticket).map(([id]) => id), ...busy]);
    const kept = infos.filter((info) => !newer.has(info.id));
    for (const id of newer) {
      const row = this.deps.board.row(id);
      if (row) kept.push(row.info);
    }
    for (const id of [...this.shownTicket.keys()]) if (!newer.has(id)) this.shownTicket.delete(id);
    for (const id of busy) this.shownTicket.set(id, Math.min(ticket - 1, this.shownTicket.get(id) ?? 0));
    for (const info of kept) if (!newer.has(info.id)) this.shownTicket.set(info.id, ticket);
    infos = kept;
    let rows: CachedSession[];
    try {
      this.deps.cache.replaceActive(infos, now);
      rows = this.deps.cache.active();
    } catch (error) {
      // The server answered: this is not a connection problem, and the calls must still show.
      cacheWriteFailed(this.deps.logger, 'sync', error);
      rows = infos.map((info) => this.fallbackRow(info, 'reported', now));
    }
    this.deps.board.replace(rows);
  }

  /** The active sessions as the board holds them, without their logs (the detail view fetches those). */
  active(): ActiveSessions {
    const board = this.deps.board.snapshot();
    const viewer = this.deps.auth.viewer();
    const sessions = board.calls
      .map((call) => this.deps.board.row(call.id))
      .filter((row): row is CachedSession => row !== undefined)
      .map((row) => ({ ...toSessionView(row, viewer), log: [] }));
    return { sessions, connection: board.connection, syncedAt: this.syncedAt, error: board.error };
  }

  /** Signed out: the board is empty and has never been synced. */
  clear(): void {
    this.syncedAt = null;
    this.shownTicket.clear();
    this.deps.board.clear();
  }

  /** For good (the app is closing): nothing is written to the cache after this. */
  close(): void {
    this.closed = true;
  }

  assertOpen(): void {
    if (this.closed) throw new AppError('APP_CLOSING', 'Evo Softphone is closing.');
  }

  /**
   * A row as the cache stores it: an open hold keeps its start (the board's, or the cache's for a
   * session not on the board), a new one starts by the same rule the cache applies.
   */
  private fallbackRow(info: SessionInfo, origin: HoldOrigin, now: number): CachedSession {
    if (!isHeldState(info)) return { info, heldSinceMs: null };
    const shown = this.deps.board.row(info.id);
    const open = shown ? shown.heldSinceMs : this.cachedHoldStart(info.id);
    return { info, heldSinceMs: open ?? holdStartMs(info, origin, now) };
  }

  private cachedHoldStart(sessionId: string): number | null {
    try {
      return this.deps.cache.get(sessionId)?.heldSinceMs ?? null;
    } catch {
      return null;
    }
  }
}

/** The cache could not store what the server said (a full disk): logged, the board goes on. */
export function cacheWriteFailed(logger: Logger, action: string, error: unknown): void {
  logger.error('cache: could not store a server answer; the call is shown from memory', { action, error: errorText(error) });
}
