/**
 * The installed-app behaviour, free of Electron: global hotkeys go straight to the hold service
 * (then the renderer hears about it through sessions.changed), the tray and hold reminders follow
 * the sessions, notifications tell the agent what happened, and tel: links fill the dialer.
 */
import type { SessionView, SessionsChanged } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { Clock, DesktopNotification, EventSink, NotifierPort, ShortcutPort, TrayAction, TrayPort, WindowPort } from '../ports';
import type { Logger } from '../logging/logger';
import type { SessionService } from '../services/session-service';
import { HoldReminderScheduler, type Reminder } from './hold-reminders';
import { HotkeyManager, type HotkeyConflicts, type HotkeyName, type Hotkeys } from './hotkey-manager';
import { parseCallLink } from './link-parser';
import { formatDuration } from '../../shared/format-duration';
import { buildTrayModel } from './tray-model';

export interface DesktopDeps {
  sessions: Pick<SessionService, 'active' | 'hold' | 'resume' | 'end' | 'isBusy'>;
  clock: Clock;
  logger: Logger;
  emit: EventSink;
  notifier: NotifierPort;
  window: WindowPort;
  tray: TrayPort;
  shortcuts: ShortcutPort;
  reminderSchedule(): readonly number[];
  quit(): void;
}

/** The call a hotkey acts on: the newest live, un-held call. */
export function currentCall(sessions: readonly SessionView[]): SessionView | null {
  return (
    [...sessions]
      .reverse()
      .find((s) => !s.held && !s.ended && (s.callState === 'Connected' || (s.callState === 'Ringing' && s.direction === 'Outgoing'))) ??
    null
  );
}

export class DesktopController {
  readonly hotkeys: HotkeyManager;
  private readonly reminders: HoldReminderScheduler;
  private known = new Map<string, SessionView>();
  /** When this app first saw a hold without a recorded start, so that its timer stays put. */
  private readonly firstSeenHeld = new Map<string, number>();
  private signedIn = false;
  private ticker: unknown = null;

  constructor(private readonly deps: DesktopDeps) {
    this.hotkeys = new HotkeyManager(deps.shortcuts, (name) => void this.pressHotkey(name));
    this.reminders = new HoldReminderScheduler(deps.clock, deps.reminderSchedule, (reminder) => this.remind(reminder));
  }

  start(hotkeys: Hotkeys): HotkeyConflicts {
    this.renderTray();
    return this.hotkeys.apply(hotkeys);
  }

  stop(): void {
    this.hotkeys.releaseAll();
    this.reminders.stop();
    if (this.ticker !== null) this.deps.clock.clearTimeout(this.ticker);
    this.ticker = null;
  }

  /** New settings: hotkeys re-registered at once, reminders replanned. Returns the conflicts. */
  onSettingsChanged(hotkeys: Hotkeys): HotkeyConflicts {
    this.reminders.reschedule();
    return this.hotkeys.apply(hotkeys);
  }

  setSignedIn(signedIn: boolean): void {
    this.signedIn = signedIn;
    if (!signedIn) {
      this.known.clear();
      this.reminders.sync([]);
    }
    this.renderTray();
  }

  /** Called with every sessions.changed the core emits. */
  onSessionsChanged(change: SessionsChanged): void {
    const previous = this.known;
    this.known = new Map(change.sessions.map((session) => [session.id, session]));
    for (const id of this.firstSeenHeld.keys()) if (!this.known.get(id)?.held) this.firstSeenHeld.delete(id);
    for (const session of change.sessions) {
      const before = previous.get(session.id);
      // A call seen live before and held now (not every held call found at start-up).
      if (session.held && before && !before.held) {
        this.notify({ title: `${session.displayName} is on hold`, body: holdBody(session), urgency: 'low', sessionId: session.id });
      }
      const ringingIn = session.callState === 'Ringing' && session.direction === 'Incoming' && !session.ended;
      if (ringingIn && !before && !this.deps.window.isVisible()) {
        this.notify({ title: 'Incoming call', body: session.displayName, urgency: 'critical', sessionId: session.id });
      }
    }
    this.reminders.sync(
      change.sessions.filter((s) => s.held).map((s) => ({ sessionId: s.id, name: s.displayName, heldSinceMs: this.heldSinceMs(s) })),
    );
    this.renderTray(change.connection);
  }

  /** The hold hotkey: hold the current call, or resume the latest held one; never twice at once. */
  async pressHotkey(name: HotkeyName): Promise<void> {
    if (name !== 'holdResume') {
      this.deps.emit('voice.command', { command: name });
      return;
    }
    const sessions = [...this.known.values()];
    const current = currentCall(sessions);
    const lastHeld = sessions.filter((s) => s.held).sort((a, b) => this.heldSinceMs(b) - this.heldSinceMs(a))[0];
    const target = current ?? lastHeld;
    if (!target) {
      this.notify({ title: 'No active call', body: 'There is no call to hold or resume.', urgency: 'low' }, true);
      return;
    }
    if (this.deps.sessions.isBusy(target.id)) return;
    const action = current ? 'hold' : 'resume';
    try {
      if (action === 'hold') await this.deps.sessions.hold({ sessionId: target.id });
      else await this.deps.sessions.resume({ sessionId: target.id });
    } catch (error) {
      this.actionFailed(target, action, error);
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
      case 'resume':
      case 'hangUp': {
        const session = this.known.get(action.sessionId);
        try {
          if (action.type === 'resume') await this.deps.sessions.resume({ sessionId: action.sessionId });
          else await this.deps.sessions.end({ sessionId: action.sessionId });
        } catch (error) {
          if (session) this.actionFailed(session, action.type === 'resume' ? 'resume' : 'hang up', error);
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

  /** Failures of holds and resumes started outside the window (hotkey, tray) or while it is away. */
  actionFailed(session: SessionView, action: string, error: unknown): void {
    const message = error instanceof AppError ? error.message : 'Something went wrong.';
    this.notify(
      { title: `Could not ${action} ${session.displayName}`, body: message, urgency: 'critical', sessionId: session.id },
      true,
    );
  }

  private heldSinceMs(session: SessionView): number {
    if (session.heldSince) return Date.parse(session.heldSince);
    const seen = this.firstSeenHeld.get(session.id) ?? this.deps.clock.now();
    this.firstSeenHeld.set(session.id, seen);
    return seen;
  }

  private remind(reminder: Reminder): void {
    this.notify({
      title: reminder.level >= 3 ? `${reminder.name} is still waiting on hold` : `${reminder.name} is on hold`,
      body: `On hold for ${formatDuration(reminder.heldForMs)}. Click to return to the call.`,
      urgency: reminder.level >= 3 ? 'critical' : reminder.level === 2 ? 'normal' : 'low',
      sessionId: reminder.sessionId,
    });
  }

  private showSession(sessionId: string): void {
    this.deps.window.show();
    this.deps.emit('app.showSession', { sessionId });
  }

  private notify(notification: DesktopNotification, force = false): void {
    if (!this.deps.notifier.isSupported()) return;
    // The agent is looking at the window: only held calls and forced notices are worth a popup.
    const session = notification.sessionId ? this.known.get(notification.sessionId) : undefined;
    if (!force && this.deps.window.isFocused() && session && !session.held) return;
    this.deps.notifier.show(notification, () =>
      notification.sessionId ? this.showSession(notification.sessionId) : this.deps.window.show(),
    );
  }

  private renderTray(connection?: SessionsChanged['connection']): void {
    const sessions = [...this.known.values()];
    const held = sessions.filter((s) => s.held);
    const inCall = currentCall(sessions);
    this.deps.tray.update(
      buildTrayModel({
        held: held.map((s) => ({ sessionId: s.id, name: s.displayName, heldSinceMs: this.heldSinceMs(s) })),
        inCall: inCall ? { sessionId: inCall.id, name: inCall.displayName } : null,
        nowMs: this.deps.clock.now(),
        connection: this.signedIn ? (connection ?? this.deps.sessions.active().connection) : 'signedOut',
      }),
    );
    // Hold times in the menu tick while anything is held.
    if (this.ticker !== null) this.deps.clock.clearTimeout(this.ticker);
    this.ticker = held.length > 0 ? this.deps.clock.setTimeout(() => this.renderTray(connection), 1000) : null;
  }
}

function holdBody(session: SessionView): string {
  const reason = session.holdReason === 'Transferring' ? ' for transfer' : '';
  return `On hold${reason}${session.heldBy ? ` by ${session.heldBy}` : ''}. Resume from the tray or the window.`;
}
