/** The small interfaces that keep Electron and the OS out of the app's logic. */
import type { EventChannel, EventPayload } from '../shared/contract';

/** Where the agent's password is kept between runs (encrypted in Electron, memory in tests). */
export interface SecretStore {
  /** False when the OS cannot encrypt for real (e.g. Linux `basic_text`): never store then. */
  canStore(): boolean;
  save(key: string, secret: string): void;
  load(key: string): string | null;
  remove(key: string): void;
}

/**
 * Time, as two clocks, so that nothing that measures a duration is fooled by the wall clock moving
 * (an NTP correction, a restored VM, a laptop waking). Every duration (poll pace, backoff,
 * reminders, deadlines, Retry-After windows) is measured on `monotonic()` and waited with
 * `setTimeout`; `now()` is only for what is shown and for comparing with Evo's timestamps.
 */
export interface Clock {
  /** Wall time, ms since the epoch. It can jump either way: never subtract two readings of it for a wait. */
  now(): number;
  /** Milliseconds from an arbitrary start; only ever moves forward, at the pace of real time. */
  monotonic(): number;
  /** Calls fn once `ms` have passed on the monotonic clock. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // performance.now() and Node's timers both run on the OS's monotonic clock.
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The built-in demo backend (the Evo Voice simulator) once it runs: where it is, who signs in there. */
export interface DemoBackend {
  readonly url: string;
  readonly demoAccount: { email: string; password: string };
}

/**
 * Sends contract events to the renderer (webContents.send in Electron, a socket in the harness),
 * typed by the contract's event map.
 */
export type EventSink = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

/** Desktop notifications (Electron's Notification). */
export interface DesktopNotification {
  title: string;
  body: string;
  urgency: 'low' | 'normal' | 'critical';
  /** Clicking shows the window on this call. */
  sessionId?: string;
}

export interface NotifierPort {
  isSupported(): boolean;
  show(notification: DesktopNotification, onClick: () => void): void;
}

export interface WindowSize {
  width: number;
  height: number;
}

export interface WindowPort {
  isVisible(): boolean;
  isFocused(): boolean;
  show(): void;
  /** Above every other window (the compact window, docked beside the agent's CRM). */
  setAlwaysOnTop(onTop: boolean): void;
  size(): WindowSize;
  /** Sets the window's size and the smallest size the agent may drag it to. */
  setSize(size: WindowSize, minimum: WindowSize): void;
}

export type TrayIcon = 'idle' | 'call' | 'held';

/** What a tray menu item does when clicked; the desktop controller carries it out. */
export type TrayAction =
  | { type: 'resume'; sessionId: string }
  | { type: 'hangUp'; sessionId: string }
  | { type: 'showSession'; sessionId: string }
  | { type: 'show' }
  | { type: 'toggleCompact' }
  | { type: 'quit' };

export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox';
  enabled?: boolean;
  checked?: boolean;
  action?: TrayAction;
  submenu?: TrayMenuItem[];
}

/** What the tray shows, as plain data: the adapter turns it into an icon, a tooltip and a Menu. */
export interface TrayModel {
  icon: TrayIcon;
  heldCount: number;
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface TrayPort {
  update(model: TrayModel): void;
}

/** Global shortcuts (Electron's globalShortcut). */
export interface ShortcutPort {
  /** False when another application holds the key. May throw on a malformed accelerator. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** The auto-updater (electron-updater). */
export interface UpdaterPort {
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
  /** Registers the callback for "an update was downloaded and is ready". */
  onDownloaded(listener: (version: string) => void): void;
}

/** Keeps the computer from sleeping (Electron's powerSaveBlocker); one id per blocker started. */
export interface WakeLockPort {
  start(): number;
  stop(id: number): void;
}
