/**
 * Promised holds on the board: every held call carries the promise of its current hold (the
 * default from Settings at the hold's start, or what the agent chose on the card) and its
 * check-ins, so the window, the compact view, the tray and the reminders all show the same. Kept
 * in SQLite (PromiseStore), so a reload or the same agent signing in again finds them. The rules
 * are electron/shared/hold-promise.ts; this class only remembers and stores.
 */
import { callActionTable, type CallActionName, type CallActionRow } from '../../shared/call-action-table';
import { isHeldPhase } from '../../shared/call-rules';
import type { CallView, HoldHygiene, Shift, ShiftDay } from '../../shared/contract';
import { MINUTE_MS, promiseEndsAt, promiseMinutesFor } from '../../shared/hold-promise';
import { AppError } from '../../shared/result';
import type { PromiseStore, KeptPromiseRow } from '../db/promise-store';
import type { DayStats, ShiftStats } from '../db/shift-stats';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports';

export interface HoldPromisesDeps {
  store: PromiseStore;
  shift: ShiftStats;
  clock: Clock;
  logger: Logger;
  /** Settings' "Default hold promise", in minutes. */
  defaultMinutes(): number;
  /** A promise minute: 60 s, shortened by the browser harness for its tests (EVO_PROMISE_MINUTE_MS). */
  minuteMs?: number;
  /** When stores run (default: shortly after, beside the cache's own late writes). */
  defer?(write: () => void): void;
}

interface Known {
  kept: KeptPromiseRow | null;
  checkIns: number;
}

export class HoldPromises {
  readonly minuteMs: number;
  /** What the store holds for each call seen since sign-in: read once, then kept here. */
  private readonly known = new Map<string, Known>();
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly deps: HoldPromisesDeps) {
    this.minuteMs = deps.minuteMs ?? MINUTE_MS;
  }

  /** The board's view of a call with its promise and check-ins. A new hold is given the default here. */
  decorate(view: CallView): CallView {
    const known = this.read(view.id);
    if (!isHeldPhase(view.phase) || !view.heldSince) return known.checkIns === view.checkIns ? view : { ...view, checkIns: known.checkIns };
    const heldSinceMs = Date.parse(view.heldSince);
    const minutes = promiseMinutesFor(heldSinceMs, known.kept, this.deps.defaultMinutes());
    if (known.kept?.heldSinceMs !== heldSinceMs) {
      // Fixed at the hold's start: a later change of the default does not move it.
      this.keep(view.id, { heldSinceMs, minutes, promiseMs: minutes * this.minuteMs }, true);
    }
    const endsAt = new Date(promiseEndsAt(heldSinceMs, minutes, this.minuteMs)).toISOString();
    return { ...view, promise: { minutes, endsAt }, checkIns: known.checkIns };
  }

  /** The agent changed what the caller on hold was promised (counted from the same hold start). */
  change(call: CallView | undefined, minutes: number): void {
    if (!call || !isHeldPhase(call.phase) || !call.heldSince) {
      throw new AppError('CALL_WRONG_PHASE', 'Only a call on hold has a promise to change.');
    }
    this.keep(call.id, { heldSinceMs: Date.parse(call.heldSince), minutes, promiseMs: minutes * this.minuteMs });
  }

  /** A call action was carried out: one the table counts as a check-in is counted. Says whether it counted. */
  actionDone(name: CallActionName, sessionId: string): boolean {
    const row: CallActionRow = callActionTable[name];
    if (!row.countsAsCheckIn) return false;
    this.checkedIn(sessionId);
    return true;
  }

  /** The agent checked in with a held caller (the call was resumed for it). */
  checkedIn(sessionId: string): void {
    const known = this.read(sessionId);
    known.checkIns += 1;
    const at = this.deps.clock.now();
    this.later(() => this.deps.store.addCheckIn(sessionId, at));
  }

  hygiene(sessionId: string): HoldHygiene {
    this.flush();
    return this.deps.store.hygiene(sessionId, this.deps.clock.now(), this.deps.defaultMinutes() * this.minuteMs);
  }

  /** Today and yesterday, from local midnight (wall time: this is for display). */
  shift(): Shift {
    this.flush();
    const now = this.deps.clock.now();
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    const yesterday = new Date(midnight);
    yesterday.setDate(yesterday.getDate() - 1);
    const day = (start: number): ShiftDay => toDay(this.deps.shift.day(start, now, this.deps.defaultMinutes() * this.minuteMs));
    return { today: day(midnight.getTime()), yesterday: day(yesterday.getTime()) };
  }

  /** Signed out or in as someone else: what was read for the last agent is read again. */
  forget(): void {
    this.flush();
    this.known.clear();
  }

  /** Writes what waits (closing the app, or before reading the store). */
  flush(): void {
    for (const write of this.waiting.splice(0)) {
      try {
        write();
      } catch (error) {
        // The board already shows it; a full disk loses only the record (the cache says so itself).
        this.deps.logger.warn('promises: could not be stored', { error: String(error) });
      }
    }
  }

  private read(sessionId: string): Known {
    let known = this.known.get(sessionId);
    if (!known) {
      try {
        known = { kept: this.deps.store.latest(sessionId), checkIns: this.deps.store.checkIns(sessionId) };
      } catch {
        known = { kept: null, checkIns: 0 };
      }
      this.known.set(sessionId, known);
    }
    return known;
  }

  private keep(sessionId: string, promise: KeptPromiseRow, first = false): void {
    this.read(sessionId).kept = promise;
    this.later(() => this.deps.store.keep(sessionId, promise, first));
  }

  /** A hold's round trip does not wait for a SQLite commit (see SessionCache.upsertSoon). */
  private later(write: () => void): void {
    if (this.waiting.push(write) === 1) (this.deps.defer ?? deferWrite)(() => this.flush());
  }
}

const deferWrite = (write: () => void) => {
  setTimeout(write, 20).unref();
};

const toDay = ({ startMs, ...rest }: DayStats): ShiftDay => ({ start: new Date(startMs).toISOString(), ...rest });
