/**
 * The agent's shift at a glance (the Today tab), read from the cache: calls, talk time, hold time,
 * longest hold, holds over promise and check-ins of one day, with calls and hold time by hour.
 * A day is [start, start + 24 h) from the local midnight the caller names; hours count from it.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SessionInfo } from '../evo/dto';
import { answeredAt } from '../evo/session-times';

export interface HourStats {
  calls: number;
  holdMs: number;
}

export interface DayStats {
  /** Local midnight the day starts at (epoch ms). */
  startMs: number;
  calls: number;
  talkMs: number;
  holdMs: number;
  longestHoldMs: number;
  overPromise: number;
  checkIns: number;
  /** 24 entries, hour 0 first. */
  hours: HourStats[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export class ShiftStats {
  private readonly statements: Record<'calls' | 'spans' | 'checkIns', Statement>;

  constructor(db: Database) {
    this.statements = {
      calls: db.prepare('SELECT json, completed_ms, ended FROM sessions WHERE created_ms >= ? AND created_ms < ?'),
      // Holds that began within the day, with the promise each was given.
      spans: db.prepare(`SELECT h.session_id, h.started_ms, h.ended_ms, p.promise_ms FROM hold_spans h
        LEFT JOIN hold_promises p ON p.session_id = h.session_id AND p.held_since_ms = h.started_ms
        WHERE h.started_ms >= ? AND h.started_ms < ?`),
      checkIns: db.prepare('SELECT COUNT(*) AS n FROM check_ins WHERE at_ms >= ? AND at_ms < ?'),
    };
  }

  day(startMs: number, nowMs: number, defaultPromiseMs: number): DayStats {
    const end = startMs + DAY_MS;
    const hours: HourStats[] = Array.from({ length: 24 }, () => ({ calls: 0, holdMs: 0 }));
    const hourOf = (ms: number) => Math.min(23, Math.max(0, Math.floor((ms - startMs) / HOUR_MS)));
    const holdBySession = new Map<string, number>();
    let holdMs = 0;
    let longestHoldMs = 0;
    let overPromise = 0;
    for (const span of this.statements.spans.all(startMs, end) as {
      session_id: string;
      started_ms: number;
      ended_ms: number | null;
      promise_ms: number | null;
    }[]) {
      const length = Math.max(0, (span.ended_ms ?? nowMs) - span.started_ms);
      holdMs += length;
      longestHoldMs = Math.max(longestHoldMs, length);
      if (length > (span.promise_ms ?? defaultPromiseMs)) overPromise += 1;
      hours[hourOf(span.started_ms)]!.holdMs += length;
      holdBySession.set(span.session_id, (holdBySession.get(span.session_id) ?? 0) + length);
    }
    let calls = 0;
    let talkMs = 0;
    for (const row of this.statements.calls.all(startMs, end) as { json: string; completed_ms: number | null; ended: number }[]) {
      const info = JSON.parse(row.json) as SessionInfo;
      calls += 1;
      hours[hourOf(Date.parse(info.dateCreated))]!.calls += 1;
      const answered = answeredAt(info);
      if (answered === null) continue;
      const over = row.ended ? (row.completed_ms ?? answered) : nowMs;
      // Talk time is time connected, less the time the caller spent on hold.
      talkMs += Math.max(0, over - answered - (holdBySession.get(info.id) ?? 0));
    }
    const checkIns = (this.statements.checkIns.get(startMs, end) as { n: number }).n;
    return { startMs, calls, talkMs, holdMs, longestHoldMs, overPromise, checkIns, hours };
  }
}
