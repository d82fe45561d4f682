/**
 * Keeps the call board current with Evo: polls /sessions/active (backing off while the server
 * fails), stores what the server says in the cache, and serves history and single sessions.
 * The cache is where history and hold starts live; when a write to it fails (a full disk), the
 * server's answer still reaches the board: a local failure never hides a remote success.
 */
import { isHeldState } from '../../shared/call-rules';
import type { ActiveSessions, HistoryFilter, HistoryPage, SessionDetail } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { NoteStore } from '../db/note-store';
import type { CachedSession, SessionCache } from '../db/session-cache';
import type { SessionInfo } from '../evo/dto';
import { holdStartMs, type HoldOrigin } from '../evo/session-times';
import type { Clock } from '../ports';
import type { Logger } from '../logging/logger';
import type { AuthService } from './auth-service';
import type { CallBoard } from './call-board';
import { toSessionView, type Viewer } from './session-view';

export interface SessionServiceDeps {
  auth: AuthService;
  cache: SessionCache;
  /** The agent's notes, shown with each history row. */
  notes: NoteStore;
  board: CallBoard;
  clock: Clock;
  logger: Logger;
  pollIntervalMs(): number;
}

const HISTORY_PAGE = 25;
const MAX_BACKOFF_MS = 60_000;

export class SessionService {
  private timer: unknown = null;
  private running = false;
  /** Bumped by every start/stop, so a poll loop from an earlier sign-in cannot carry on. */
  private generation = 0;
  private disposed = false;
  private failures = 0;
  private syncedAt: string | null = null;
  private syncing: Promise<void> | null = null;

  constructor(private readonly deps: SessionServiceDeps) {}

  /** Starts polling; the first sync happens at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    void this.tick(++this.generation);
  }

  stop(): void {
    this.running = false;
    this.generation += 1;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.syncedAt = null;
    this.deps.board.clear();
  }

  /** For good (the app is closing): nothing is written to the cache after this. */
  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  /** One sync now; concurrent callers share it. Never throws: failures show in the connection. */
  syncNow(): Promise<void> {
    this.syncing ??= this.sync().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** The active sessions as the board holds them, without their logs (the detail view fetches those). */
  active(): ActiveSessions {
    const board = this.deps.board.snapshot();
    const viewer = this.viewer();
    const sessions = board.calls
      .map((call) => this.deps.board.row(call.id))
      .filter((row): row is CachedSession => row !== undefined)
      .map((row) => ({ ...toSessionView(row, viewer), log: [] }));
    return { sessions, connection: board.connection, syncedAt: this.syncedAt, error: board.error };
  }

  async history(input: { query?: string; page?: number; fresh?: boolean; filter?: HistoryFilter } = {}): Promise<HistoryPage> {
    // Signed out, the cache (kept for the same agent's return) is not shown to anyone.
    const { client } = this.deps.auth.requireSession();
    const page = input.page ?? 0;
    let source: HistoryPage['source'] = 'cache';
    let serverHasMore = false;
    // The server's pages are unfiltered: a search or a filter answers from what is cached.
    if (input.fresh && !input.query && (input.filter ?? 'all') === 'all') {
      try {
        const list = await client.listSessions({ page, countPerPage: HISTORY_PAGE });
        this.assertOpen();
        this.deps.cache.upsertMany(list.items, this.deps.clock.now());
        source = 'server';
        serverHasMore = list.hasMorePages;
      } catch (error) {
        this.deps.logger.warn('sessions: history fetch failed, showing the cache', { code: codeOf(error) });
      }
    }
    const { items, hasMore } = this.deps.cache.history({ query: input.query, page, pageSize: HISTORY_PAGE, filter: input.filter });
    // The cache only knows the pages fetched so far; the server knows whether there are older ones.
    const viewer = this.viewer();
    const notes = this.deps.notes.forSessions(items.map((row) => row.info.id));
    return {
      items: items.map((row) => toSessionView(row, viewer, notes.get(row.info.id) ?? null)),
      page,
      hasMore: hasMore || serverHasMore,
      source,
    };
  }

  /** One session with its log. GetSession answers with an empty log, so the list route is used. */
  async get(sessionId: string): Promise<SessionDetail> {
    const { client } = this.deps.auth.requireSession();
    const list = await client.listSessions({ specificIds: [sessionId], countPerPage: 1 });
    const info = list.items[0] ?? (await client.getSession(sessionId));
    const row = this.record(info, 'reported', 'get');
    // Evo keeps no hold total; the cache's hold spans are what this computer saw.
    let holdMs = 0;
    try {
      holdMs = this.deps.cache.totalHoldMs(sessionId, this.deps.clock.now());
    } catch (error) {
      this.cacheFailed('get', error);
    }
    return { ...toSessionView(row, this.viewer(), this.deps.notes.get(sessionId)), holdMs };
  }

  recentNumbers(): string[] {
    this.deps.auth.requireSession();
    return this.deps.cache.recentNumbers();
  }

  /**
   * Stores one server answer (an action's, or a fetched session) and puts it on the board. When
   * the cache cannot be written the answer still counts: the failure is logged, not thrown.
   */
  record(info: SessionInfo, origin: HoldOrigin, action: string): CachedSession {
    this.assertOpen();
    const now = this.deps.clock.now();
    let row: CachedSession | null = null;
    try {
      this.deps.cache.upsert(info, now, origin);
      row = this.deps.cache.get(info.id);
    } catch (error) {
      this.cacheFailed(action, error);
    }
    row ??= this.fallbackRow(info, origin, now);
    // An older answer than what the board shows (a poll overtook it) changes nothing.
    // An older answer than what the board shows (a poll overtook it) changes nothing; an ended
    // session the board does not show (a history detail) does not belong on it.
    const shown = this.deps.board.row(info.id);
    if (shown ? modified(shown) <= modified(row) : !info.ended) this.deps.board.update(row);
    return row;
  }

  private assertOpen(): void {
    if (this.disposed) throw new AppError('APP_CLOSING', 'Evo Softphone is closing.');
  }

  private async tick(generation: number): Promise<void> {
    if (generation !== this.generation) return;
    await this.syncNow();
    if (generation !== this.generation) return;
    const interval = this.deps.pollIntervalMs();
    const delay = this.failures === 0 ? interval : Math.min(MAX_BACKOFF_MS, interval * 2 ** this.failures);
    this.timer = this.deps.clock.setTimeout(() => void this.tick(generation), delay);
  }

  private async sync(): Promise<void> {
    const session = this.deps.auth.session;
    if (!session || this.disposed) return;
    let infos: SessionInfo[];
    try {
      infos = await session.client.activeSessions();
    } catch (error) {
      if (this.disposed || this.deps.auth.session !== session) return;
      this.failures += 1;
      const info = error instanceof AppError ? error.toInfo() : { code: 'INTERNAL', message: 'Sync failed.' };
      this.deps.logger.warn('sessions: sync failed', { code: info.code, failures: this.failures });
      this.deps.board.setConnection(this.failures >= 3 ? 'offline' : 'reconnecting', info);
      return;
    }
    if (this.disposed || this.deps.auth.session !== session) return;
    this.failures = 0;
    this.syncedAt = new Date(this.deps.clock.now()).toISOString();
    this.deps.board.replace(this.storeActive(infos));
    this.deps.board.setConnection('online', null);
  }

  /** The server's active list into the cache, read back with hold starts; the board gets it either way. */
  private storeActive(infos: SessionInfo[]): CachedSession[] {
    const now = this.deps.clock.now();
    try {
      this.deps.cache.replaceActive(infos, now);
      return this.deps.cache.active();
    } catch (error) {
      // The server answered: this is not a connection problem, and the calls must still show.
      this.cacheFailed('sync', error);
      return infos.map((info) => this.fallbackRow(info, 'reported', now));
    }
  }

  /** A row as the cache would have stored it: the board's hold start kept, else the same rule. */
  private fallbackRow(info: SessionInfo, origin: HoldOrigin, now: number): CachedSession {
    if (!isHeldState(info)) return { info, heldSinceMs: null };
    const shown = this.deps.board.row(info.id)?.heldSinceMs ?? null;
    return { info, heldSinceMs: shown ?? holdStartMs(info, origin, now) };
  }

  private cacheFailed(action: string, error: unknown): void {
    this.deps.logger.error('cache: could not store a server answer; the call is shown from memory', {
      action,
      error: error instanceof Error ? error.message.slice(0, 120) : 'unknown',
    });
  }

  private viewer(): Viewer | null {
    const user = this.deps.auth.session?.user;
    return user ? { userId: user.id, name: user.name } : null;
  }
}

const modified = (row: CachedSession) => Date.parse(row.info.dateLastModified) || 0;
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : 'unknown');
