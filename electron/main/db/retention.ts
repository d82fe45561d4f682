/**
 * Keeps the session cache a bounded size: ended calls older than the agent's "Keep call history"
 * leave it, with everything that hangs off them (hold spans, the note, promises, check-ins; the
 * search index follows by migration 0003's triggers). Runs at start-up and then once a day on the
 * monotonic clock, a small batch per turn of the event loop so that a first prune of a big cache
 * never stalls IPC. Space goes back to the disk with `incremental_vacuum` on files created with
 * `auto_vacuum = INCREMENTAL` (open.ts); an older file keeps its size, its freed pages reused.
 */
import type { Database, Statement } from 'better-sqlite3';
import { retentionCutoffMs, type RetentionMonths } from '../../shared/history-retention';
import type { Clock } from '../ports';
import { errorText, type Logger } from '../logging/logger';

/** Sessions per batch: a few ms each at 100,000 cached sessions. */
export const PRUNE_BATCH = 200;
/** Pages given back per turn (4 KiB pages: 4 MiB). */
const VACUUM_PAGES = 1000;
export const PRUNE_INTERVAL_MS = 24 * 3600_000;

export interface RetentionDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  months(): RetentionMonths;
  /** Sessions on the board right now (whatever the cache says of them): never pruned. */
  onBoard(): readonly string[];
  /** Told once a whole prune is done (tests, diagnostics). */
  onPruned?(result: PruneResult): void;
}

export interface PruneResult {
  sessions: number;
  pagesFreed: number;
}

/**
 * Never a call that is ringing, live or held (not ended, held, or an open hold span), nor one in
 * Evo's latest active list or on the board. `+created_ms` would defeat the index: it walks the
 * oldest first and stops at the batch.
 */
const PRUNABLE = `SELECT id FROM sessions
  WHERE created_ms < @cutoff AND COALESCE(completed_ms, modified_ms) < @cutoff
    AND ended = 1 AND held = 0 AND active = 0
    AND id NOT IN (SELECT value FROM json_each(@keep))
    AND id NOT IN (SELECT session_id FROM hold_spans WHERE ended_ms IS NULL)
  ORDER BY created_ms LIMIT @limit`;

export class CacheRetention {
  private readonly select: Statement;
  private readonly remove: Statement[];
  private timer: unknown = null;
  private running: PruneResult | null = null;

  constructor(private readonly deps: RetentionDeps) {
    const { db } = deps;
    this.select = db.prepare(PRUNABLE).pluck();
    // Sessions first: the note's delete trigger then finds no session to re-index. Only the signed-in
    // agent's notes go with their calls: another account's note on the same call is theirs.
    this.remove = [
      'sessions WHERE id',
      'hold_spans WHERE session_id',
      "call_notes WHERE scope = COALESCE((SELECT value FROM meta WHERE key = 'scope'), '') AND session_id",
      'hold_promises WHERE session_id',
      'check_ins WHERE session_id',
    ].map((target) => db.prepare(`DELETE FROM ${target} IN (SELECT value FROM json_each(?))`));
  }

  /** Prunes on the next turn (in batches, after start-up's own work), then every day. */
  start(): void {
    this.stop();
    this.next(() => this.run(), 0);
  }

  stop(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    this.running = null;
  }

  /** One batch: the ids removed. Exported for the bench and tests. */
  pruneBatch(cutoffMs: number, limit = PRUNE_BATCH): number {
    const keep = JSON.stringify(this.deps.onBoard());
    return this.deps.db.transaction(() => {
      const ids = this.select.all({ cutoff: cutoffMs, keep, limit }) as string[];
      if (ids.length === 0) return 0;
      const list = JSON.stringify(ids);
      for (const statement of this.remove) statement.run(list);
      return ids.length;
    })();
  }

  /** Frees up to `pages` of the file's free pages; 0 on a file without incremental auto_vacuum. */
  giveBack(pages = VACUUM_PAGES): number {
    const { db } = this.deps;
    if (db.pragma('auto_vacuum', { simple: true }) !== 2) return 0;
    const before = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`incremental_vacuum(${pages})`);
    return before - (db.pragma('page_count', { simple: true }) as number);
  }

  private run(): void {
    const result: PruneResult = { sessions: 0, pagesFreed: 0 };
    this.running = result;
    const cutoff = retentionCutoffMs(this.deps.months(), this.deps.clock.now());
    const step = (vacuuming: boolean) => {
      if (this.running !== result) return;
      try {
        if (!vacuuming) {
          const removed = this.pruneBatch(cutoff);
          result.sessions += removed;
          if (removed > 0) {
            this.next(() => step(false), 0);
            return;
          }
        }
        const freed = result.sessions > 0 ? this.giveBack() : 0;
        result.pagesFreed += freed;
        if (freed > 0) {
          this.next(() => step(true), 0);
          return;
        }
      } catch (error) {
        // A full or failing disk: the next day tries again; history itself is not at stake.
        this.deps.logger.warn('cache: pruning old history failed', { reason: errorText(error, 100) });
      }
      if (result.sessions > 0) this.deps.logger.info('cache: old history pruned', { ...result });
      this.running = null;
      this.deps.onPruned?.(result);
      this.next(() => this.run(), PRUNE_INTERVAL_MS);
    };
    step(false);
  }

  private next(fn: () => void, ms: number): void {
    this.timer = this.deps.clock.setTimeout(fn, ms);
  }
}
