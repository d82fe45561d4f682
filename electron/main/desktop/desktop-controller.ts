/**
 * The installed-app behaviour, free of Electron. Everything here is a view of the call board:
 * the hotkey acts on the board's current call (through the same actions as the window), the tray
 * and hold reminders follow the board's calls, notifications say what happened, and tel: links
 * fill the dialer.
 */
import { isHeldPhase } from '../../shared/call-rules';
import type { Board, BoardChange, CallPhase, CallView } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Clock, DesktopNotification, EventSink, NotifierPort, ShortcutPort, TrayAction, TrayPort, WindowPort } from '../ports';
import type { Logger } from '../logging/logger';
import type { CallActions } from '../calls/call-actions';
import type { CallBoard } from '../calls/call-board';
import { HoldReminderScheduler, type HeldCall, type Reminder } from './hold-reminders';
import { HotkeyManager, type HotkeyConflicts, type HotkeyName, type Hotkeys } from './hotkey-manager';
import { parseCallLink } from './link-parser';
import { formatDuration } from '../../shared/format-duration';
import { mostOverdue, reminderWords } from '../../shared/hold-promise';
import { PressGuard } from '../../shared/press-guard';
import { buildTrayModel } from './tray-model';
import { WindowLayout } from './window-layout';

export interface DesktopDeps {
  board: Pick<CallBoard, 'snapshot'>;
  actions: Pick<CallActions, 'hotkey' | 'run'>;
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  notifier: NotifierPort;
  window: WindowPort;
  tray: TrayPort;
  shortcuts: ShortcutPort;
  reminderSchedule(): readonly number[];
  /** Flips the compact-window setting (the tray's checkbox); the new settings come back through onSettingsChanged. */
  toggleCompact(): void;
  quit(): void;
}

/** The settings the desktop follows. */
export interface DesktopSettings {
  hotkeys: Hotkeys;
  compactWindow: boolean;
}

export class DesktopController {
  readonly hotkeys: HotkeyManager;
  private readonly reminders: HoldReminderScheduler;
  private readonly layout: WindowLayout;
  /** Each call's phase when the board last changed: a change of phase is what notifications tell. */
  private phases = new Map<string, CallPhase>();
  private signedIn = false;
  private ticker: unknown = null;
  /** The hotkey path's own double-press guard (the window's is in its calls state). */
  private readonly presses: PressGuard;

  constructor(private readonly deps: DesktopDeps) {
    this.presses = new PressGuard(() => deps.clock.monotonic());
    this.hotkeys = new HotkeyManager(deps.shortcuts, (name) => void this.pressHotkey(name));
    this.reminders = new HoldReminderScheduler(deps.clock, deps.reminderSchedule, (due) => this.remind(due));
    this.layout = new WindowLayout(deps.window);
  }

  start(settings: DesktopSettings): HotkeyConflicts {
    this.layout.apply(settings.compactWindow);
    this.renderTray();
    return this.hotkeys.apply(settings.hotkeys);
  }

  stop(): void {
    this.hotkeys.releaseAll();
    this.reminders.stop();
    if (this.ticker !== null) this.deps.clock.clearTimeout(this.ticker);
    this.ticker = null;
  }

  /** New settings: hotkeys re-registered at once, reminders replanned, the layout applied. Returns the conflicts. */
  onSettingsChanged(settings: DesktopSettings): HotkeyConflicts {
    this.reminders.reschedule();
    this.layout.apply(settings.compactWindow);
    this.renderTray();
    return this.hotkeys.apply(settings.hotkeys);
  }

  setSignedIn(signedIn: boolean): void {
    this.signedIn = signedIn;
    if (!signedIn) {
      this.phases.clear();
      this.reminders.sync([]);
    }
    this.renderTray();
  }

  /** The computer woke from sleep: what the held callers waited meanwhile comes as one reminder. */
  woke(): void {
    this.reminders.woke();
    this.renderTray();
  }

  /** Called with every change of the call board. */
  onBoardChanged(change: BoardChange): void {
    for (const call of change.upserted) {
      const before = this.phases.get(call.id);
      // A call seen live before and held now (not every held call found at start-up).
      if (isHeldPhase(call.phase) && before === 'live') {
        this.notify({ title: `${call.displayName} is on hold`, body: holdBody(call), urgency: 'low', sessionId: call.id });
      }
      if (call.phase === 'ringingIn' && before === undefined && !this.deps.window.isVisible()) {
        this.notify({ title: 'Incoming call', body: call.displayName, urgency: 'critical', sessionId: call.id });
      }
      this.phases.set(call.id, call.phase);
    }
    for (const id of change.removed) this.phases.delete(id);
    const board = this.deps.board.snapshot();
    const held = heldCalls(board, this.deps.clock);
    this.reminders.sync(held);
    this.renderTray(board, held);
  }

  /**
   * The hold hotkey: hold the current call, or resume the latest held one; never twice at once.
   * A second press of any call hotkey within 500 ms of the first is a slip and is ignored.
   */
  async pressHotkey(name: HotkeyName): Promise<void> {
    if (!this.presses.accept()) return;
    if (name === 'checkIn') return this.checkInHotkey();
    if (name !== 'holdResume') {
      this.deps.emit('voice.command', { command: name });
      return;
    }
    const { intent, error } = await this.deps.actions.hotkey();
    if (error) {
      const title = intent?.type === 'resume' ? 'Resume failed' : 'Hold failed';
      this.notify({ title, body: error.message, urgency: 'critical', sessionId: failedOn(intent) }, true);
    } else if (!intent) {
      const board = this.deps.board.snapshot();
      const current = board.calls.find((call) => call.id === board.currentId);
      const body = current ? `The call to ${current.displayName} is still ringing.` : 'There is no call to hold or resume.';
      this.notify({ title: 'No active call', body, urgency: 'low' }, true);
    }
  }

  /** The check-in hotkey: the most overdue held caller comes off hold (the live call is held first). */
  private async checkInHotkey(): Promise<void> {
    const board = this.deps.board.snapshot();
    const held = board.calls.filter((call) => isHeldPhase(call.phase));
    const target = mostOverdue(
      held.map((call) => ({ id: call.id, promiseEndsAtMs: call.promise ? Date.parse(call.promise.endsAt) : null })),
    );
    if (!target) {
      this.notify({ title: 'No one on hold', body: 'There is no held caller to check in with.', urgency: 'low' }, true);
      return;
    }
    try {
      await this.deps.actions.run('checkIn', { sessionId: target.id });
    } catch (error) {
      this.actionFailed(target.id, 'Check-in failed', error);
    }
  }

  async trayAction(action: TrayAction): Promise<void> {
    switch (action.type) {
      case 'show':
        this.deps.window.show();
        return;
      case 'showSession':
        this.showSession(action.sessionId);
        return;
      case 'quit':
        this.deps.quit();
        return;
      case 'toggleCompact':
        this.deps.toggleCompact();
        return;
      case 'resume':
      case 'hangUp': {
        try {
          // The tray's two actions are rows of the call action table, by the same names.
          await this.deps.actions.run(action.type, { sessionId: action.sessionId });
        } catch (error) {
          this.actionFailed(action.sessionId, action.type === 'resume' ? 'Resume failed' : 'Hang up failed', error);
        }
      }
    }
  }

  /** A tel:/callto: link: fills the dialer and brings the window up. Never dials. */
  openLink(raw: string): boolean {
    const parsed = parseCallLink(raw);
    if (!parsed.ok) {
      this.deps.logger.warn('links: refused a link', { reason: parsed.reason });
      return false;
    }
    this.deps.window.show();
    this.deps.emit('app.dialRequest', { number: parsed.number });
    return true;
  }

  /** Failures of actions started outside the window (hotkey, tray): main's words say it all. */
  private actionFailed(sessionId: string, title: string, error: unknown): void {
    const message = error instanceof AppError ? error.message : 'Something went wrong.';
    this.notify({ title, body: message, urgency: 'critical', sessionId }, true);
  }

  /** One notification however many reminders fell due at once: one caller by name, several as a summary. */
  private remind(due: readonly Reminder[]): void {
    const [longest] = due;
    if (!longest) return;
    const level = Math.max(...due.map((reminder) => reminder.level));
    const urgency = level >= 3 ? 'critical' : level === 2 ? 'normal' : 'low';
    if (due.length > 1) {
      this.notify({
        title: `${due.length} callers still on hold, longest ${formatDuration(longest.heldForMs)}`,
        body: due.map((reminder) => `${reminder.name}: ${formatDuration(reminder.heldForMs)}`).join(', '),
        urgency,
        sessionId: longest.sessionId,
      });
      return;
    }
    if (longest.promise) {
      const words = reminderWords(
        longest.name,
        longest.heldForMs - longest.promise.ms,
        longest.heldForMs,
        longest.promise.ms / longest.promise.minutes,
      );
      // A promise broken is worth the agent's attention at once; broken twice, more so.
      this.notify({ ...words, urgency: level >= 2 ? 'critical' : 'normal', sessionId: longest.sessionId });
      return;
    }
    this.notify({
      title: level >= 3 ? `${longest.name} is still waiting on hold` : `${longest.name} is on hold`,
      body: `On hold for ${formatDuration(longest.heldForMs)}. Click to return to the call.`,
      urgency,
      sessionId: longest.sessionId,
    });
  }

  private showSession(sessionId: string): void {
    this.deps.window.show();
    this.deps.emit('app.showSession', { sessionId });
  }

  private notify(notification: DesktopNotification, force = false): void {
    if (!this.deps.notifier.isSupported()) return;
    // The agent is looking at the window: only held calls and forced notices are worth a popup.
    const phase = notification.sessionId ? this.phases.get(notification.sessionId) : undefined;
    if (!force && this.deps.window.isFocused() && phase !== undefined && !isHeldPhase(phase)) return;
    this.deps.notifier.show(notification, () =>
      notification.sessionId ? this.showSession(notification.sessionId) : this.deps.window.show(),
    );
  }

  private renderTray(board = this.deps.board.snapshot(), held = heldCalls(board, this.deps.clock)): void {
    const current = board.calls.find((call) => call.id === board.currentId);
    const now = this.deps.clock.monotonic();
    this.deps.tray.update(
      buildTrayModel({
        // Hold times on the monotonic clock (the reminders' own), so a wall clock set back does not show 00:00.
        held: held.map((call) => ({
          ...call,
          heldSinceMs: now - (this.reminders.heldForMs(call.sessionId) ?? Math.max(0, this.deps.clock.now() - call.heldSinceMs)),
        })),
        inCall: current ? { sessionId: current.id, name: current.displayName } : null,
        nowMs: now,
        connection: this.signedIn ? board.connection : 'signedOut',
        compact: this.layout.isCompact,
      }),
    );
    // Hold times in the menu tick while anything is held.
    if (this.ticker !== null) this.deps.clock.clearTimeout(this.ticker);
    this.ticker = held.length > 0 ? this.deps.clock.setTimeout(() => this.renderTray(), 1000) : null;
  }
}

/**
 * The held calls as the tray and the reminders both take them. The board always knows a hold's
 * start (seen here or from the server); now is a last resort.
 */
const heldCalls = (board: Board, clock: Clock): HeldCall[] =>
  board.calls
    .filter((call) => isHeldPhase(call.phase))
    .map((call) => {
      const heldSinceMs = call.heldSince ? Date.parse(call.heldSince) : clock.now();
      const promise = call.promise ? { minutes: call.promise.minutes, ms: Date.parse(call.promise.endsAt) - heldSinceMs } : null;
      return { sessionId: call.id, name: call.displayName, heldSinceMs, promise };
    });

const failedOn = (intent: { type: string; sessionId?: string } | null) => intent?.sessionId;

function holdBody(call: CallView): string {
  const reason = call.holdReason === 'Transferring' ? ' for transfer' : '';
  return `On hold${reason}${call.heldBy ? ` by ${call.heldBy}` : ''}. Resume from the tray or the window.`;
}
