import { DesktopController, type DesktopDeps } from '../../electron/main/desktop/desktop-controller';
import type {
  DesktopNotification,
  NotifierPort,
  ShortcutPort,
  TrayModel,
  TrayPort,
  WindowPort,
  WindowSize,
} from '../../electron/main/ports';

export class FakeNotifier implements NotifierPort {
  supported = true;
  shown: { notification: DesktopNotification; click: () => void }[] = [];
  isSupported = () => this.supported;
  show = (notification: DesktopNotification, click: () => void) => void this.shown.push({ notification, click });
  titles = () => this.shown.map((entry) => entry.notification.title);
}

export class FakeWindow implements WindowPort {
  visible = true;
  focused = false;
  shows = 0;
  isVisible = () => this.visible;
  isFocused = () => this.focused;
  onTop = false;
  current: WindowSize = { width: 1120, height: 760 };
  minimum: WindowSize = { width: 320, height: 480 };
  show = () => {
    this.shows += 1;
    this.visible = true;
  };
  setAlwaysOnTop = (onTop: boolean) => void (this.onTop = onTop);
  size = () => ({ ...this.current });
  setSize = (size: WindowSize, minimum: WindowSize) => {
    this.current = { ...size };
    this.minimum = { ...minimum };
  };
}

export class FakeTray implements TrayPort {
  models: TrayModel[] = [];
  update = (model: TrayModel) => void this.models.push(model);
  get last() {
    return this.models.at(-1)!;
  }
}

export class FakeShortcuts implements ShortcutPort {
  taken = new Set<string>();
  registered = new Map<string, () => void>();
  register = (accelerator: string, callback: () => void) => {
    if (this.taken.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  };
  unregister = (accelerator: string) => void this.registered.delete(accelerator);
  press(accelerator: string) {
    this.registered.get(accelerator)!();
  }
}

/**
 * A desktop controller whose OS side (notifications, window, tray, shortcuts) is fakes and whose
 * hooks do nothing; the board, actions, clock and logger are the caller's, and any other part can
 * be given too.
 */
export function desktopOnFakes(
  deps: Pick<DesktopDeps, 'board' | 'actions' | 'clock' | 'logger'> & Partial<DesktopDeps>,
): DesktopController {
  return new DesktopController({
    emit: () => undefined,
    notifier: new FakeNotifier(),
    window: new FakeWindow(),
    tray: new FakeTray(),
    shortcuts: new FakeShortcuts(),
    reminderSchedule: () => [30, 60],
    toggleCompact: () => undefined,
    quit: () => undefined,
    ...deps,
  });
}
