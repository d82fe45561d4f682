/**
 * Promised holds in the cache (migration 0005): the promise each hold was given, every check-in,
 * and from them and hold_spans a call's hold hygiene. Prepared statements only. Another agent's
 * sign-in wipes them with the cache (session-cache.ts).
 */
import type { Database, Statement } from 'better-sqlite3';
import { holdHygiene, type HoldHygiene, type KeptPromise } from '../../shared/hold-promise';

export interface KeptPromiseRow extends KeptPromise {
  promiseMs: number;
}

export class PromiseStore {
  private readonly statements: Record<'keep' | 'keepFirst' | 'latest' | 'checkIn' | 'checkIns' | 'spans', Statement>;

  constructor(db: Database) {
    this.statements = {
      keep: db.prepare(`INSERT INTO hold_promises (session_id, held_since_ms, minutes, promise_ms) VALUES (?, ?, ?, ?)
        ON CONFLICT (session_id, held_since_ms) DO UPDATE SET minutes = excluded.minutes, promise_ms = excluded.promise_ms`),
      keepFirst: db.prepare(`INSERT INTO hold_promises (session_id, held_since_ms, minutes, promise_ms) VALUES (?, ?, ?, ?)
        ON CONFLICT DO NOTHING`),
      latest: db.prepare(`SELECT held_since_ms, minutes, promise_ms FROM hold_promises WHERE session_id = ?
        ORDER BY held_since_ms DESC LIMIT 1`),
      checkIn: db.prepare('INSERT INTO check_ins (session_id, at_ms) VALUES (?, ?)'),
      checkIns: db.prepare('SELECT COUNT(*) AS n FROM check_ins WHERE session_id = ?'),
      spans: db.prepare(`SELECT h.started_ms, h.ended_ms, p.promise_ms FROM hold_spans h
        LEFT JOIN hold_promises p ON p.session_id = h.session_id AND p.held_since_ms = h.started_ms
        WHERE h.session_id = ? ORDER BY h.started_ms`),
    };
  }

  /** The promise for one hold; `first` keeps what is there (the default given at the hold's start). */
  keep(sessionId: string, promise: KeptPromiseRow, first = false): void {
    (first ? this.statements.keepFirst : this.statements.keep).run(sessionId, promise.heldSinceMs, promise.minutes, promise.promiseMs);
  }

  /** The promise of the call's latest hold (a new hold has none until the board gives it one). */
  latest(sessionId: string): KeptPromiseRow | null {
    const row = this.statements.latest.get(sessionId) as { held_since_ms: number; minutes: number; promise_ms: number } | undefined;
    return row ? { heldSinceMs: row.held_since_ms, minutes: row.minutes, promiseMs: row.promise_ms } : null;
  }

  addCheckIn(sessionId: string, atMs: number): void {
    this.statements.checkIn.run(sessionId, atMs);
  }

  checkIns(sessionId: string): number {
    return (this.statements.checkIns.get(sessionId) as { n: number }).n;
  }

  /** Holds, time on hold, longest hold, check-ins and holds over promise; a hold with no promise kept had the default. */
  hygiene(sessionId: string, nowMs: number, defaultPromiseMs: number): HoldHygiene {
    const spans = (
      this.statements.spans.all(sessionId) as { started_ms: number; ended_ms: number | null; promise_ms: number | null }[]
    ).map((row) => ({ startedMs: row.started_ms, endedMs: row.ended_ms, promiseMs: row.promise_ms ?? defaultPromiseMs }));
    return holdHygiene(spans, this.checkIns(sessionId), nowMs);
  }
}
