/**
 * Keeps the call board current with Evo: polls /sessions/active at the pace `poll-policy.ts` sets
 * for the moment (and backs off while the server fails), and refreshes once on the events that
 * matter. What the server says goes through the board store (board-store.ts). The loop re-paces
 * itself by listening to the board: a first call on an idle board brings the quick pace forward,
 * whoever put it there.
 *
 * Every pace is on the monotonic clock, so a wall clock set back or forward changes nothing. A
 * failing poll is one request (the client retries agents' actions, not polls). When Evo asks us to
 * wait (429/503 with Retry-After), no poll goes until the wait is over: the board says so, counting
 * down ("Evo Voice asked us to wait: next try in 0:40"), its calls stay, and polling resumes alone.
 */
import { formatCountdown } from '../../shared/format-duration';
import { AppError, type ErrorInfo } from '../../shared/result';
import type { SessionInfo } from '../evo/dto';
import type { Clock } from '../ports';
import type { Logger } from '../logging/logger';
import type { AuthService } from '../services/auth-service';
import type { CallBoard } from './call-board';
import type { BoardStore } from './board-store';
import { pollDelay, REFRESH_COALESCE_MS, wantsRefresh, type RefreshReason } from './poll-policy';

export interface SyncLoopDeps {
  auth: AuthService;
  board: CallBoard;
  store: BoardStore;
  clock: Clock;
  logger: Logger;
  /** Subscribes to the board's published changes; returns the unsubscribe function. */
  onBoardChanged(listener: () => void): () => void;
}

export class SyncLoop {
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
  /** The last failure had no answer from Evo at all: the retry pace is quick (poll-policy.ts). */
  private unreachable = false;
  /** When the last request for the active list went out: every pace is counted from it. */
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private syncing: { generation: number; done: Promise<void> } | null = null;
  private readonly unsubscribe: () => void;
  /** While Evo has asked us to wait: the once-a-second countdown on the board. */
  private waitTicker: unknown = null;

  constructor(private readonly deps: SyncLoopDeps) {
    // Most changes (a hold, a resume) do not move the next poll: schedule() leaves its timer be.
    this.unsubscribe = deps.onBoardChanged(() => this.schedule());
  }

  /** Starts polling; the first sync happens at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.unreachable = false;
    this.generation += 1;
    this.lastRequestAt = Number.NEGATIVE_INFINITY;
    void this.syncNow();
  }

  stop(): void {
    this.running = false;
    this.generation += 1;
    this.clearTimers();
    this.deps.store.clear();
  }

  /** For good (the app is closing): nothing is written to the cache after this. */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.deps.store.close();
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
    if (!wantsRefresh(reason, this.deps.clock.monotonic() - this.lastRequestAt)) return false;
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

  /**
   * Arms the loop for the policy's next poll, counted from the last request. The board is read
   * again when the timer fires: if it went quiet meanwhile (the last call ended), the poll waits.
   */
  private schedule(): void {
    if (!this.running) return;
    const due = this.nextPollAt();
    if (this.timer !== null && due === this.timerDue) return;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = null;
        // One reading of the clock for both sides: a real monotonic clock moves between two reads,
        // and "now >= (a later now)" would never hold, re-arming a 0 ms timer instead of polling.
        const now = this.deps.clock.monotonic();
        if (now >= this.nextPollAt(now)) void this.syncNow();
        else this.schedule();
      },
      Math.max(0, due - this.deps.clock.monotonic()),
    );
  }

  /**
   * The policy's pace from the last request, and never inside a wait Evo asked for. `now` is the
   * caller's reading of the monotonic clock: an overdue poll is due at that very instant.
   */
  private nextPollAt(now = this.deps.clock.monotonic()): number {
    const paced = this.lastRequestAt + pollDelay({ calls: this.deps.board.size(), failures: this.failures, unreachable: this.unreachable });
    const waiting = this.waitingMs();
    return waiting > 0 ? Math.max(paced, now + waiting) : paced;
  }

  private waitingMs(): number {
    return this.deps.auth.session?.client.waitingMs() ?? 0;
  }

  private clearTimers(): void {
    for (const timer of [this.timer, this.refreshTimer, this.waitTicker]) if (timer !== null) this.deps.clock.clearTimeout(timer);
    this.timer = null;
    this.refreshTimer = null;
    this.waitTicker = null;
  }

  private async sync(): Promise<void> {
    const session = this.deps.auth.session;
    // Evo asked us to wait: nothing goes out, and the board says until when.
    if (session && this.waitingMs() > 0) return this.showWait();
    // Counted even when nothing goes out (signed out meanwhile), so the loop never spins.
    this.lastRequestAt = this.deps.clock.monotonic();
    if (!session || this.disposed) return;
    const ticket = this.deps.store.ask();
    let infos: SessionInfo[];
    try {
      infos = await session.client.activeSessions({ poll: true });
    } catch (error) {
      if (this.disposed || this.deps.auth.session !== session) return;
      const info: ErrorInfo = error instanceof AppError ? error.toInfo() : { code: 'INTERNAL', message: 'Sync failed.' };
      // Evo said when to come back: the next poll is at the end of that window, not a backoff
      // after it (a 5 s Retry-After counted as a failure held the next poll to 10 s, the
      // countdown showing "0:01" the 5 s between).
      if (this.waitingMs() > 0) {
        this.deps.logger.warn('sessions: Evo asked us to wait', { code: info.code, waitMs: this.waitingMs() });
        return this.showWait();
      }
      this.failures += 1;
      this.unreachable = info.code === 'EVO_UNREACHABLE';
      // Retried every few seconds while Evo is out of reach: the log hears of the first few and
      // then about once a minute, not of every attempt of a long outage.
      if (this.failures <= 3 || this.failures % 15 === 0) {
        this.deps.logger.warn('sessions: sync failed', { code: info.code, failures: this.failures });
      }
      this.deps.board.setConnection(this.failures >= 3 ? 'offline' : 'reconnecting', info);
      return;
    }
    if (this.disposed || this.deps.auth.session !== session) return;
    this.failures = 0;
    this.unreachable = false;
    this.deps.store.replaceActive(infos, ticket);
    this.deps.board.setConnection('online', null);
  }

  /** "Evo Voice asked us to wait: next try in 0:40", counting down each second until the next poll. */
  private showWait(): void {
    if (this.waitTicker !== null) this.deps.clock.clearTimeout(this.waitTicker);
    this.waitTicker = null;
    const left = this.waitingMs();
    if (!this.running || left <= 0) return;
    this.deps.board.setConnection('waiting', {
      code: 'EVO_ASKED_TO_WAIT',
      message: `Evo Voice asked us to wait: next try in ${formatCountdown(left)}.`,
    });
    this.waitTicker = this.deps.clock.setTimeout(() => this.showWait(), left % 1000 || 1000);
  }
}
