/**
 * Keeps the agent's sessions current (polling /sessions/active, backing off while the server
 * fails) and carries out hold, resume, end and transfer. A hold or resume already in flight for a
 * session is not sent again: a double press shares the first request's answer.
 */
import type {
  ActiveSessions,
  Connection,
  HistoryFilter,
  HistoryPage,
  HoldReason,
  SessionDetail,
  SessionView,
  SessionsChanged,
} from '../../shared/contract';
import { AppError, type ErrorInfo } from '../../shared/result';
import type { SessionCache } from '../db/session-cache';
import type { SessionInfo } from '../evo/dto';
import type { Clock, Logger } from '../ports';
import type { AuthService } from './auth-service';
import { agentCallSid, toSessionView } from './session-view';

export interface SessionServiceDeps {
  auth: AuthService;
  cache: SessionCache;
  clock: Clock;
  logger: Logger;
  pollIntervalMs(): number;
  emit(payload: SessionsChanged): void;
}

type Action = 'hold' | 'resume';
const HISTORY_PAGE = 25;
const MAX_BACKOFF_MS = 60_000;

export class SessionService {
  private timer: unknown = null;
  private running = false;
  /** Bumped by every start/stop, so a poll loop from an earlier sign-in cannot carry on. */
  private generation = 0;
  private disposed = false;
  private failures = 0;
  private connection: Connection = 'online';
  private lastError: ErrorInfo | null = null;
  private syncedAt: string | null = null;
  private syncing: Promise<void> | null = null;
  private previous = new Map<string, string>();
  private readonly inFlight = new Map<string, { action: Action; promise: Promise<SessionView> }>();

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
    this.previous.clear();
    this.syncedAt = null;
    this.lastError = null;
    this.connection = 'online';
  }

  /** For good (the app is closing): nothing is written to the cache after this. */
  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  /** One sync now; concurrent callers share it. Never throws: failures show in `connection`. */
  syncNow(): Promise<void> {
    this.syncing ??= this.sync().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  active(): ActiveSessions {
    return {
      sessions: this.views(this.deps.cache.active()),
      connection: this.connection,
      syncedAt: this.syncedAt,
      error: this.lastError,
    };
  }

  async history(input: { query?: string; page?: number; fresh?: boolean; filter?: HistoryFilter } = {}): Promise<HistoryPage> {
    const page = input.page ?? 0;
    let source: HistoryPage['source'] = 'cache';
    let serverHasMore = false;
    // The server's pages are unfiltered: a search or a filter answers from what is cached.
    if (input.fresh && !input.query && (input.filter ?? 'all') === 'all') {
      const { client } = this.deps.auth.requireSession();
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
    return { items: this.views(items), page, hasMore: hasMore || serverHasMore, source };
  }

  /** One session with its log. GetSession answers with an empty log, so the list route is used. */
  async get(sessionId: string): Promise<SessionDetail> {
    const { client } = this.deps.auth.requireSession();
    const list = await client.listSessions({ specificIds: [sessionId], countPerPage: 1 });
    const info = list.items[0] ?? (await client.getSession(sessionId));
    this.assertOpen();
    const now = this.deps.clock.now();
    this.deps.cache.upsert(info, now);
    const cached = this.deps.cache.get(sessionId);
    // Evo keeps no hold total; the cache's hold spans are what this computer saw.
    const holdMs = this.deps.cache.totalHoldMs(sessionId, now);
    return { ...toSessionView(cached ?? { info, heldSinceMs: null }, this.viewer()), holdMs };
  }

  hold(input: { sessionId: string; callSid?: string; reason?: HoldReason }): Promise<SessionView> {
    return this.once(input.sessionId, 'hold', async () => {
      const { client } = this.deps.auth.requireSession();
      const callSid = input.callSid ?? (await this.localCallSid(input.sessionId));
      return client.hold(input.sessionId, callSid, input.reason ?? 'None');
    });
  }

  resume(input: { sessionId: string }): Promise<SessionView> {
    return this.once(input.sessionId, 'resume', () => this.deps.auth.requireSession().client.resume(input.sessionId));
  }

  async end(input: { sessionId: string; callSid?: string }): Promise<{ ended: true }> {
    const { client } = this.deps.auth.requireSession();
    const callSid = input.callSid ?? (await this.localCallSid(input.sessionId));
    try {
      await client.end(input.sessionId, callSid);
    } finally {
      void this.syncNow();
    }
    return { ended: true };
  }

  async transfer(input: { sessionId: string; destination: string }): Promise<{ transferred: true }> {
    const { client } = this.deps.auth.requireSession();
    try {
      await client.transfer(input.sessionId, input.destination);
    } finally {
      void this.syncNow();
    }
    return { transferred: true };
  }

  async create(input: { to: string; displayName?: string }): Promise<SessionView> {
    const { client } = this.deps.auth.requireSession();
    const info = await client.createSession(input.to, input.displayName ?? '');
    this.assertOpen();
    this.deps.cache.upsert(info, this.deps.clock.now());
    void this.syncNow();
    return toSessionView(this.deps.cache.get(info.id) ?? { info, heldSinceMs: null }, this.viewer());
  }

  async answer(input: { sessionId: string }): Promise<SessionView> {
    const { client } = this.deps.auth.requireSession();
    const info = await client.patch(input.sessionId, { callState: 'Connected' });
    this.assertOpen();
    this.deps.cache.upsert(info, this.deps.clock.now());
    this.publish([info.id]);
    return toSessionView(this.deps.cache.get(info.id) ?? { info, heldSinceMs: null }, this.viewer());
  }

  recentNumbers(): string[] {
    return this.deps.cache.recentNumbers();
  }

  /** True while a hold or resume is being sent for this session. */
  isBusy(sessionId: string): boolean {
    return this.inFlight.has(sessionId);
  }

  private once(sessionId: string, action: Action, send: () => Promise<SessionInfo>): Promise<SessionView> {
    const pending = this.inFlight.get(sessionId);
    if (pending?.action === action) return pending.promise;
    if (pending) {
      return Promise.reject(
        new AppError('SESSION_BUSY', `A ${pending.action} is still being sent for this call. Try again in a moment.`),
      );
    }
    // Registered before the work starts: a send() that fails at once must still find it to remove.
    const entry = { action, promise: Promise.resolve(null as unknown as SessionView) };
    this.inFlight.set(sessionId, entry);
    entry.promise = (async () => {
      try {
        const info = await send();
        this.assertOpen();
        this.deps.cache.upsert(info, this.deps.clock.now());
        const cached = this.deps.cache.get(info.id) ?? { info, heldSinceMs: null };
        this.publish([info.id]);
        return toSessionView(cached, this.viewer());
      } finally {
        if (this.inFlight.get(sessionId) === entry) this.inFlight.delete(sessionId);
        // Whatever happened, show what the server now holds.
        void this.syncNow();
      }
    })();
    return entry.promise;
  }

  /** The agent's leg; when the session is not cached yet, one sync is awaited before asking again. */
  private async localCallSid(sessionId: string): Promise<string> {
    let cached = this.deps.cache.get(sessionId);
    if (!cached) {
      await this.syncNow();
      cached = this.deps.cache.get(sessionId);
    }
    return cached ? agentCallSid(cached.info) : '';
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
    try {
      const sessions = await session.client.activeSessions();
      if (this.disposed || this.deps.auth.session !== session) return;
      const changed = this.deps.cache.replaceActive(sessions, this.deps.clock.now());
      this.failures = 0;
      this.connection = 'online';
      this.lastError = null;
      this.syncedAt = new Date(this.deps.clock.now()).toISOString();
      this.publish(changed);
    } catch (error) {
      if (this.disposed || this.deps.auth.session !== session) return;
      this.failures += 1;
      this.connection = this.failures >= 3 ? 'offline' : 'reconnecting';
      this.lastError = error instanceof AppError ? error.toInfo() : { code: 'INTERNAL', message: 'Sync failed.' };
      this.deps.logger.warn('sessions: sync failed', { code: this.lastError.code, failures: this.failures });
      this.publish([]);
    }
  }

  private publish(changedIds: string[]): void {
    const snapshot = this.active();
    const now = new Map(snapshot.sessions.map((view) => [view.id, `${view.dateLastModified}|${view.heldSince}`]));
    const changed = new Set(changedIds.filter((id) => now.has(id)));
    for (const [id, version] of now) if (this.previous.get(id) !== version) changed.add(id);
    const removed = [...this.previous.keys()].filter((id) => !now.has(id));
    this.previous = now;
    this.deps.emit({ ...snapshot, changed: [...changed], removed });
  }

  private views(rows: ReturnType<SessionCache['active']>): SessionView[] {
    const viewer = this.viewer();
    return rows.map((row) => toSessionView(row, viewer));
  }

  private viewer() {
    const user = this.deps.auth.session?.user;
    return user ? { userId: user.id, name: user.name } : null;
  }
}

const codeOf = (error: unknown) => (error instanceof AppError ? error.code : 'unknown');
