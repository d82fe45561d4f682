/** Thin Electron adapters for the desktop ports: global shortcuts, tray, notifications, window, wake lock. */
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { globalShortcut, Menu, nativeImage, Notification, powerSaveBlocker, Tray, type MenuItemConstructorOptions } from 'electron';
import type {
  DesktopNotification,
  NotifierPort,
  ShortcutPort,
  TrayAction,
  TrayMenuItem,
  TrayModel,
  TrayPort,
  WakeLockPort,
  WindowPort,
  WindowSize,
} from '../ports';

export const electronShortcuts: ShortcutPort = {
  register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
  unregister: (accelerator) => globalShortcut.unregister(accelerator),
};

// The system must not suspend during a call; the display may still dim and sleep.
export const electronWakeLock: WakeLockPort = {
  start: () => powerSaveBlocker.start('prevent-app-suspension'),
  stop: (id) => {
    if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
  },
};

export class ElectronNotifier implements NotifierPort {
  // Electron drops a Notification that is garbage-collected before it is clicked.
  private readonly live = new Set<Notification>();

  constructor(private readonly iconPath: string) {}

  isSupported(): boolean {
    return Notification.isSupported();
  }

  show(notification: DesktopNotification, onClick: () => void): void {
    const shown = new Notification({
      title: notification.title,
      body: notification.body,
      urgency: notification.urgency,
      icon: this.iconPath,
      silent: notification.urgency === 'low',
    });
    this.live.add(shown);
    shown.on('click', onClick);
    shown.on('close', () => this.live.delete(shown));
    shown.show();
  }
}

export class ElectronWindow implements WindowPort {
  constructor(private readonly window: () => BrowserWindow | null) {}

  isVisible(): boolean {
    const window = this.window();
    return !!window && window.isVisible() && !window.isMinimized();
  }

  isFocused(): boolean {
    return this.window()?.isFocused() ?? false;
  }

  show(): void {
    const window = this.window();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  setAlwaysOnTop(onTop: boolean): void {
    // 'floating' keeps it above normal windows without covering the OS's own panels.
    this.window()?.setAlwaysOnTop(onTop, 'floating');
  }

  size(): WindowSize {
    const [width = 0, height = 0] = this.window()?.getSize() ?? [];
    return { width, height };
  }

  setSize(size: WindowSize, minimum: WindowSize): void {
    const window = this.window();
    if (!window) return;
    window.setMinimumSize(minimum.width, minimum.height);
    window.setSize(size.width, size.height);
  }
}

export class ElectronTray implements TrayPort {
  private readonly tray: Tray;
  private lastMenu = '';

  constructor(
    private readonly iconsDir: string,
    private readonly onAction: (action: TrayAction) => void,
  ) {
    this.tray = new Tray(this.icon('idle'));
    this.tray.setToolTip('Evo Softphone');
    // Windows and macOS honour clicks; Linux ignores them, hence every action is in the menu.
    this.tray.on('click', () => onAction({ type: 'show' }));
  }

  update(model: TrayModel): void {
    this.tray.setImage(this.icon(model.icon));
    this.tray.setToolTip(model.tooltip);
    if (process.platform === 'darwin') this.tray.setTitle(model.heldCount > 0 ? String(model.heldCount) : '');
    const key = JSON.stringify(model.menu);
    if (key === this.lastMenu) return;
    this.lastMenu = key;
    this.tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => this.item(item))));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private item(item: TrayMenuItem): MenuItemConstructorOptions {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      label: item.label,
      enabled: item.enabled ?? true,
      ...(item.type === 'checkbox' ? { type: 'checkbox' as const, checked: item.checked ?? false } : {}),
      ...(item.submenu ? { submenu: item.submenu.map((entry) => this.item(entry)) } : {}),
      ...(action ? { click: () => this.onAction(action) } : {}),
    };
  }

  private icon(state: TrayModel['icon']) {
    return nativeImage.createFromPath(join(this.iconsDir, `tray-${state}.png`));
  }
}
