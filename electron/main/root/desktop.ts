/**
 * The desktop surfaces wired to the core: the controller (hotkeys, tray, notifications, reminders,
 * window layout, links), the update coordinator and the stay-awake blocker, all views of the call
 * board. Part of the one composition root: the Electron app passes its adapters as ports; the
 * harness has no desktop and passes none.
 */
import { isHeldPhase } from '../../shared/call-rules';
import type { Settings } from '../../shared/contract';
import type { CallActions } from '../calls/call-actions';
import type { CallBoard } from '../calls/call-board';
import { DesktopController } from '../desktop/desktop-controller';
import { StayAwake } from '../desktop/stay-awake';
import { UpdateCoordinator } from '../desktop/update-coordinator';
import type { Logger } from '../logging/logger';
import type { Clock, NotifierPort, ShortcutPort, TrayAction, TrayPort, UpdaterPort, WakeLockPort, WindowPort } from '../ports';
import type { SettingsStore } from '../services/settings-store';
import type { MainEvents } from './events';

/** What the desktop needs from the operating system (Electron's adapters implement them). */
export interface DesktopPorts {
  notifier: NotifierPort;
  window: WindowPort;
  /** Builds the tray; its menu's clicks come back through `onAction`. */
  tray(onAction: (action: TrayAction) => void): TrayPort;
  shortcuts: ShortcutPort;
  updater: UpdaterPort;
  wakeLock: WakeLockPort;
  /** Whether to look for updates (a packaged app). */
  checkForUpdates: boolean;
  setStartAtLogin(openAtLogin: boolean): void;
  /** The app is about to quit (true) or a quit was called off (false): close-to-tray stands aside. */
  quitting(quitting: boolean): void;
  quit(): void;
}

export interface Desktop {
  controller: DesktopController;
  updates: UpdateCoordinator;
  /** Live and held calls right now (diagnostics, the updater). */
  calls(): { active: number; held: number };
  /** Once the window exists (the layout applies to it): hotkeys, tray, login item, updates. */
  start(): void;
  restartToUpdate(): { restarting: true };
  stop(): void;
}

interface DesktopCore {
  board: CallBoard;
  actions: CallActions;
  events: MainEvents;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
}

export function wireDesktop(core: DesktopCore, ports: DesktopPorts): Desktop {
  const { board, events, settings, clock, logger } = core;
  const calls = () => {
    const all = board.calls();
    const held = all.filter((call) => isHeldPhase(call.phase)).length;
    return { active: all.length - held, held };
  };
  const updates = new UpdateCoordinator({
    updater: ports.updater,
    clock,
    logger,
    calls,
    announce: (version) => events.emit('app.updateReady', { version }),
  });
  // The tray's clicks reach the controller built just below (they cannot come before it exists).
  let controller: DesktopController | null = null;
  controller = new DesktopController({
    board,
    actions: core.actions,
    clock,
    logger,
    emit: events.emit,
    notifier: ports.notifier,
    window: ports.window,
    tray: ports.tray((action) => void controller?.trayAction(action)),
    shortcuts: ports.shortcuts,
    reminderSchedule: () => settings.get().holdReminders,
    toggleCompact: () => settings.update({ compactWindow: !settings.get().compactWindow }),
    quit: () => {
      ports.quitting(true);
      ports.quit();
    },
  });
  const desktop = controller;
  const applySettings = (next: Settings) => {
    events.emit('settings.hotkeyConflictsChanged', desktop.onSettingsChanged(next));
    ports.setStartAtLogin(next.startAtLogin);
  };
  const awake = new StayAwake(ports.wakeLock, clock);
  events.on('calls.changed', (change) => {
    desktop.onBoardChanged(change);
    awake.follow(board.calls());
  });
  events.on('auth.changed', (status) => desktop.setSignedIn(status.signedIn));
  events.on('settings.changed', applySettings);

  return {
    controller: desktop,
    updates,
    calls,
    start() {
      desktop.start(settings.get());
      ports.setStartAtLogin(settings.get().startAtLogin);
      if (ports.checkForUpdates) updates.start();
    },
    restartToUpdate() {
      ports.quitting(true);
      try {
        return updates.restartToUpdate();
      } catch (error) {
        ports.quitting(false);
        throw error;
      }
    },
    stop() {
      updates.stop();
      desktop.stop();
      awake.stop();
    },
  };
}
