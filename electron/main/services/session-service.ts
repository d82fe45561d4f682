/**
 * Keeps the call board current with Evo: polls /sessions/active at the pace `poll-policy.ts` sets
 * for the moment (and backs off while the server fails), refreshes once on the events that
 * matter, stores what the server says in the cache, and serves history and single sessions.
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
import { errorText, type Logger } from '../logging/logger';
import type { AuthService } from './auth-service';
import type { CallBoard } from './call-board';
import { pollDelay, REFRESH_COALESCE_MS, wantsRefresh, type RefreshReason } from './poll-policy';
import { toSessionView } from './session-view';

export interface SessionServiceDeps {
  auth: AuthService;
  cache: SessionCache;
  /** The agent's notes, shown with each history row. */
  notes: NoteStore;
  board: CallBoard;
  clock: Clock;
  logger: Logger;
}

const HISTORY_PAGE = 25;

export class SessionService {
  /** The loop's next poll, and when it is due. */
  private timer: unknown = null;
  private timerDue = Number.NaN;
  /** A refresh gathering the events of a burst. */
  private refreshTimer: unknown = null;
  private running = false;
  /** Bumped by every start/stop, so a sync from an earlier sign-in cannot carry on. */
  private generation = 0;
  private disposed = false;
  private failures = 0;
  /** When the last request for the active list went out: every pace is counted from it. */
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private syncedAt: string | null = null;
  private syncing: { generation: number; done: Promise<void> } | null = null;

  constructor(private readonly deps: SessionServiceDeps) {}

  /** Starts polling; the first sync happens at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.generation += 1;
    this.lastRequestAt = Number.NEGATIVE_INFINITY;
    void this.syncNow();
  }

  stop(): void {
    this.running = false;
    this.generation += 1;
    this.clearTimers();
    this.syncedAt = null;
    this.deps.board.clear();
  }

  /** For good (the app is closing): nothing is written to the cache after this. */
  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  /**
   * One sync now; concurrent callers share it. Never throws: failures show in the connection.
   * Whoever asked, the loop's next poll is counted from this one.
   */
  syncNow(): Promise<void> {
    const generation = this.generation;
    // A sync still out for an earlier sign-in answers for nobody: this sign-in gets its own.
    if (this.syncing?.generation === generation) return this.syncing.done;
    const done = this.sync().finally(() => {
      if (this.syncing?.done === done) this.syncing = null;
      if (generation === this.generation) this.schedule();
    });
    this.syncing = { generation, done };
    return done;
  }

  /**
   * Something happened that may have changed the agent's calls: one refresh soon, shared by the
   * whole burst of events. Answers whether one is on its way. The loop is not hurried by it: its
   * next poll is counted from this refresh.
   */
  refresh(reason: RefreshReason): boolean {
    if (!this.running || !this.deps.auth.session) return false;
    if (this.refreshTimer !== null) return true;
    if (!wantsRefresh(reason, this.deps.clock.now() - this.lastRequestAt)) return false;
    this.refreshTimer = this.deps.clock.setTimeout(() => {
      this.refreshTimer = null;
      void this.syncNow();
    }, REFRESH_COALESCE_MS);
    return true;
  }

  /** Resolves once no sync is in flight (tests and benchmarks drive a fake clock with it). */
  async settled(): Promise<void> {
    while (this.syncing) await this.syncing.done;
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
    const viewer = this.deps.auth.viewer();
    const notes = this.deps.notes.forSessions(items.map((row) => row.info.id));
    return {
      items: items.map((row) => toSessionView(row, viewer, notes.get(row.info.id) ?? null)),
      page,
      hasMore: hasMore || serverHasMore,
      source,
    };
  }

  /** One session with its log. GetSession answers with an empty log, so the list route is used. */
  async get(sessionId: string): Promise<Omit<SessionDetail, 'hygiene'>> {
    const { client } = this.deps.auth.requireSession();
    const list = await client.listSessions({ specificIds: [sessionId], countPerPage: 1 });
    const info = list.items[0] ?? (await client.getSession(sessionId));
    const row = this.record(info, 'reported');
    // Evo keeps no hold total; the cache's hold spans are what this computer saw.
    let holdMs = 0;
    try {
      holdMs = this.deps.cache.totalHoldMs(sessionId, this.deps.clock.now());
    } catch (error) {
      this.cacheWriteFailed('get', error);
    }
    return { ...toSessionView(row, this.deps.auth.viewer(), this.deps.notes.get(sessionId)), holdMs };
  }

  recentNumbers(): string[] {
    this.deps.auth.requireSession();
    return this.deps.cache.recentNumbers();
  }

  /**
   * Puts one server answer (an action's, or a fetched session) on the board at once, and into the
   * cache right after (SessionCache.upsertSoon): the hold start is worked out here by the cache's
   * own rule, so the round trip does not wait for SQLite. A failed write is logged, not thrown.
   */
  record(info: SessionInfo, origin: HoldOrigin): CachedSession {
    this.assertOpen();
    const now = this.deps.clock.now();
    const row = this.fallbackRow(info, origin, now);
    this.deps.cache.upsertSoon(info, now, origin);
    // An older answer than what the board shows (a poll overtook it) changes nothing; an ended
    // session the board does not show (a history detail) does not belong on it.
    const shown = this.deps.board.row(info.id);
    if (shown ? modified(shown) <= modified(row) : !info.ended) this.deps.board.update(row);
    // A first call on an idle board (a dial, an answer) brings the quick pace forward.
    this.schedule();
    return row;
  }

  private assertOpen(): void {
    if (this.disposed) throw new AppError('APP_CLOSING', 'Evo Softphone is closing.');
  }

  /**
   * Arms the loop for the policy's next poll, counted from the last request. The board is read
   * again when the timer fires: if it went quiet meanwhile (the last call ended), the poll waits.
   */
  private schedule(): void {
    if (!this.running) return;
    const due = this.nextPollAt();
    // Most answers (a hold, a resume) do not move the next poll: leave its timer be.
    if (this.timer !== null && due === this.timerDue) return;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      if (this.deps.clock.now() >= this.nextPollAt()) void this.syncNow();
      else this.schedule();
    }, Math.max(0, due - this.deps.clock.now()));
  }

  private nextPollAt(): number {
    return this.lastRequestAt + pollDelay({ calls: this.deps.board.calls().length, failures: this.failures });
  }

  private clearTimers(): void {
    for (const timer of [this.timer, this.refreshTimer]) if (timer !== null) this.deps.clock.clearTimeout(timer);
    this.timer = null;
    this.refreshTimer = null;
  }

  private async sync(): Promise<void> {
    // Counted even when nothing goes out (signed out meanwhile), so the loop never spins.
    this.lastRequestAt = this.deps.clock.now();
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
      this.cacheWriteFailed('sync', error);
      return infos.map((info) => this.fallbackRow(info, 'reported', now));
    }
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

  /** The cache could not store what the server said (a full disk): logged, the board goes on. */
  cacheWriteFailed(action: string, error: unknown): void {
    this.deps.logger.error('cache: could not store a server answer; the call is shown from memory', {
      action,
      error: errorText(error),
    });
  }
}

const modified = (row: CachedSession) => Date.parse(row.info.dateLastModified) || 0;
const codeOf = (error: unknown) => (error instanceof AppError ? error.code : 'unknown');
