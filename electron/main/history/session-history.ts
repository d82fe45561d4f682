/**
 * The agent's history: pages of past sessions (from the server when asked fresh, else from the
 * cache), one session with its log, and the numbers dialled lately. Each row carries the agent's
 * note. A session fetched here goes through the board store, so a call on the board stays current.
 */
import type { HistoryFilter, HistoryPage, SessionDetail } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { NoteStore } from '../db/note-store';
import type { CachedSession, SessionCache } from '../db/session-cache';
import type { Clock } from '../ports';
import type { Logger } from '../logging/logger';
import type { AuthService } from '../services/auth-service';
import { cacheWriteFailed, type BoardStore } from '../calls/board-store';
import { toSessionView } from '../calls/session-view';

export interface SessionHistoryDeps {
  auth: AuthService;
  cache: SessionCache;
  /** The agent's notes, shown with each history row. */
  notes: NoteStore;
  store: BoardStore;
  clock: Clock;
  logger: Logger;
}

const HISTORY_PAGE = 25;

export class SessionHistory {
  constructor(private readonly deps: SessionHistoryDeps) {}

  async history(input: { query?: string; page?: number; fresh?: boolean; filter?: HistoryFilter } = {}): Promise<HistoryPage> {
    // Signed out, the cache (kept for the same agent's return) is not shown to anyone.
    const { client } = this.deps.auth.requireSession();
    const page = input.page ?? 0;
    let source: HistoryPage['source'] = 'cache';
    let serverHasMore = false;
    /** The server's page when the cache could not store it (a full disk): shown as Evo sent it. */
    let unstored: CachedSession[] | null = null;
    // The server's pages are unfiltered: a search or a filter answers from what is cached.
    if (input.fresh && !input.query && (input.filter ?? 'all') === 'all') {
      try {
        const list = await client.listSessions({ page, countPerPage: HISTORY_PAGE });
        this.deps.store.assertOpen();
        source = 'server';
        serverHasMore = list.hasMorePages;
        try {
          this.deps.cache.upsertMany(list.items, this.deps.clock.now());
        } catch (error) {
          cacheWriteFailed(this.deps.logger, 'history', error);
          unstored = list.items.map((info) => ({ info, heldSinceMs: null }));
        }
      } catch (error) {
        this.deps.logger.warn('sessions: history fetch failed, showing the cache', { code: codeOf(error) });
      }
    }
    const { items, hasMore } = unstored
      ? { items: unstored, hasMore: false }
      : this.deps.cache.history({ query: input.query, page, pageSize: HISTORY_PAGE, filter: input.filter });
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
    const row = this.deps.store.record(info, 'reported');
    // Evo keeps no hold total; the cache's hold spans are what this computer saw.
    let holdMs = 0;
    try {
      holdMs = this.deps.cache.totalHoldMs(sessionId, this.deps.clock.now());
    } catch (error) {
      cacheWriteFailed(this.deps.logger, 'get', error);
    }
    return { ...toSessionView(row, this.deps.auth.viewer(), this.deps.notes.get(sessionId)), holdMs };
  }

  recentNumbers(): string[] {
    this.deps.auth.requireSession();
    return this.deps.cache.recentNumbers();
  }

  /** The same numbers, each with the name its newest named call gave it. */
  recentContacts(): { number: string; name: string }[] {
    this.deps.auth.requireSession();
    return this.deps.cache.recentContacts();
  }
}

const codeOf = (error: unknown) => (error instanceof AppError ? error.code : 'unknown');
