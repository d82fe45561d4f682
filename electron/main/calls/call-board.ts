/**
 * The call board: main's one model of the agent's calls. It holds every active session as Evo
 * last reported it (or as an action's answer said), what is being sent for each call and what
 * failed, and publishes what changed, and only that, whenever anything did. The window, the
 * hotkey, the tray, reminders and notifications all read this board; the rules it applies are
 * `electron/shared/call-rules.ts`. No I/O here: the sync and the actions feed it.
 */
import { currentCallId, lastHeldId, type BoardFacts } from '../../shared/call-rules';
import type { Board, BoardChange, CallAction, CallFailure, CallView, Connection } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/result';
import type { CachedSession } from '../db/session-cache';
import { unreachableNoMore } from '../evo/errors';
import { ConsultLinks } from './consult-links';
import { toCallView, type Viewer } from './session-view';

export interface CallBoardDeps {
  viewer(): Viewer | null;
  /** Receives every change; never called when nothing changed. */
  emit(change: BoardChange): void;
  /** Adds what the board does not keep itself (a held call's promise and check-ins: hold-promises.ts). */
  decorate?(view: CallView): CallView;
}

export class CallBoard {
  private rows = new Map<string, CachedSession>();
  private readonly pending = new Map<string, CallAction>();
  /**
   * What last failed on each call, with where the call stood then: once the call moves on (held,
   * resumed, answered elsewhere), the failure is old news and goes, here and so after a reload.
   */
  private readonly failures = new Map<string, { failure: CallFailure; standing: string }>();
  private readonly consults = new ConsultLinks();
  private connection: Connection = 'online';
  private error: ErrorInfo | null = null;
  private views = new Map<string, CallView>();
  private meta: BoardMeta = { currentId: null, lastHeldId: null, connection: 'online', error: null };
  /** What the window was last told: changes are published against it. */
  private shown = new Map<string, CallView>();
  private shownMeta: BoardMeta = this.meta;
  private version = 0;
  /** While > 0, changes are gathered and published once when the outermost batch ends. */
  private batching = 0;
  private dirty = false;

  constructor(private readonly deps: CallBoardDeps) {}

  /** The server's whole active list (a sync): sessions not in it leave the board. */
  replace(rows: readonly CachedSession[]): void {
    this.rows = new Map(rows.map((row) => [row.info.id, row]));
    this.publish();
  }

  /** One session's new state, from an action's answer. An ended session leaves the board. */
  update(row: CachedSession): void {
    this.rows.set(row.info.id, row);
    this.publish();
  }

  /** A session known to be over (an end or a transfer the server accepted with no body). */
  remove(sessionId: string): void {
    if (this.rows.delete(sessionId)) this.publish();
  }

  /**
   * Marks what is being sent for a call. `quiet`: the board knows at once (a second action is
   * refused), the window only when `reveal()` says so: most answers come back within a blink, and
   * telling the window "Holding…" just before "Held" was a whole change (and IPC message) for nothing.
   */
  setPending(sessionId: string, action: CallAction | null, quiet = false): void {
    if (action) {
      this.pending.set(sessionId, action);
      this.failures.delete(sessionId);
    } else {
      this.pending.delete(sessionId);
    }
    this.publish(quiet);
  }

  /** Tells the window what the board holds now (a quiet pending that is taking a while). */
  reveal(): void {
    this.publish();
  }

  setFailure(sessionId: string, failure: CallFailure | null): void {
    const view = this.views.get(sessionId);
    if (failure) this.failures.set(sessionId, { failure, standing: view ? standing(view) : '' });
    else this.failures.delete(sessionId);
    this.publish();
  }

  setConnection(connection: Connection, error: ErrorInfo | null): void {
    this.connection = connection;
    this.error = error ? { code: error.code, message: error.message } : null;
    if (connection === 'online') this.outageOver();
    this.publish();
  }

  /**
   * Evo answered again: a card that says "Can't reach the Evo Voice server… Check your connection"
   * would contradict the header's "Connected" while the call has not moved. It now says Evo could
   * not be reached then; the action is still not done, so the failure (and its Retry) stays.
   */
  private outageOver(): void {
    for (const [id, entry] of this.failures) {
      if (entry.failure.code !== 'EVO_UNREACHABLE') continue;
      const message = unreachableNoMore(entry.failure.message);
      if (message !== entry.failure.message) this.failures.set(id, { ...entry, failure: { ...entry.failure, message } });
    }
  }

  /**
   * The agent is about to dial `number` to consult about this caller (held for transfer): the call
   * that turns up for it is linked to the caller as its consult.
   */
  expectConsult(callerId: string, number: string): void {
    this.consults.expect(callerId, number, this.rows.keys());
  }

  /** Signed out: the board is empty and nothing is in flight. */
  clear(): void {
    this.consults.clear();
    this.rows.clear();
    this.pending.clear();
    this.failures.clear();
    this.connection = 'online';
    this.error = null;
    this.publish();
  }

  /** Several changes that belong together reach listeners as one. */
  batch(change: () => void): void {
    this.batching += 1;
    try {
      change();
    } finally {
      this.batching -= 1;
      if (this.batching === 0 && this.dirty) this.publish();
    }
  }

  get(sessionId: string): CallView | undefined {
    return this.views.get(sessionId);
  }

  /** The server's row for a call on the board (the actions need its legs). */
  row(sessionId: string): CachedSession | undefined {
    return this.rows.get(sessionId);
  }

  calls(): CallView[] {
    return [...this.views.values()];
  }

  /** How many calls are on the board (the sync loop's pace), without copying them. */
  size(): number {
    return this.views.size;
  }

  facts(): BoardFacts[] {
    return this.calls();
  }

  snapshot(): Board {
    return {
      version: this.version,
      calls: this.calls(),
      currentId: this.meta.currentId,
      lastHeldId: this.meta.lastHeldId,
      connection: this.connection,
      error: this.error,
    };
  }

  private publish(quiet = false): void {
    if (this.batching > 0) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    const viewer = this.deps.viewer();
    const next = new Map<string, CallView>();
    for (const row of [...this.rows.values()].sort((a, b) => a.info.dateCreated.localeCompare(b.info.dateCreated))) {
      const id = row.info.id;
      const failed = this.failures.get(id);
      const view = toCallView(row, viewer, { pending: this.pending.get(id) ?? null, failure: failed?.failure ?? null });
      if (view && failed && standing(view) !== failed.standing) {
        this.failures.delete(id);
        view.failure = null;
      }
      if (view) next.set(view.id, this.deps.decorate ? this.deps.decorate(view) : view);
    }
    for (const [consult, caller] of this.consults.resolve([...next.values()])) next.get(consult)!.consultOf = caller;
    // Ended sessions are gone for good: what was in flight or failed for them is moot.
    for (const id of [...this.pending.keys(), ...this.failures.keys()]) {
      if (!this.rows.has(id)) {
        this.pending.delete(id);
        this.failures.delete(id);
      }
    }
    const calls = [...next.values()];
    const meta: BoardMeta = {
      currentId: currentCallId(calls),
      lastHeldId: lastHeldId(calls),
      connection: this.connection,
      error: this.error,
    };
    this.views = next;
    this.meta = meta;
    if (quiet) return;
    // Against what the window was last told (a quiet change in between is folded in).
    const upserted = calls.filter((view) => !sameData(this.shown.get(view.id), view));
    const removed = [...this.shown.keys()].filter((id) => !next.has(id));
    const metaChanged = !sameData(meta, this.shownMeta);
    this.shown = next;
    this.shownMeta = meta;
    if (upserted.length === 0 && removed.length === 0 && !metaChanged) return;
    this.version += 1;
    this.deps.emit({ version: this.version, upserted, removed, ...meta });
  }
}

/** Where a call stands, as far as a failure on it goes: its phase, and which hold it is in. */
const standing = (view: CallView): string => `${view.phase} ${view.heldSince ?? ''}`;

type BoardMeta = Omit<BoardChange, 'version' | 'upserted' | 'removed'>;

/**
 * Equality of plain data (what travels over IPC). A hold runs two publishes on the way back to
 * the window; comparing by JSON.stringify cost more than the rest of the board's work together.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  const keys = Object.keys(a);
  if (Array.isArray(b) || keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
