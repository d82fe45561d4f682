/**
 * A stand-in for the `electron` module (Electron cannot start on CI machines). Only what the glue
 * touches, recording every call so tests can assert on it.
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on = vi.fn((event: string, listener: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  });
  once = this.on;
  removeListener = vi.fn((event: string, listener: Listener) => {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((entry) => entry !== listener),
    );
    return this;
  });
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export function createElectronFake() {
  const windows: FakeBrowserWindow[] = [];
  let nextId = 1;
  class FakeWebContents extends FakeEmitter {
    readonly id = nextId++;
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
      this.windowOpenHandler = handler;
    });
    send = vi.fn();
    reload = vi.fn();
    mainFrame = {};
  }
  class FakeBrowserWindow extends FakeEmitter {
    readonly webContents = new FakeWebContents();
    loadURL = vi.fn(async () => undefined);
    show = vi.fn();
    hide = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = vi.fn(() => false);
    isDestroyed = vi.fn(() => false);
    isVisible = vi.fn(() => true);
    isFocused = vi.fn(() => false);
    setAlwaysOnTop = vi.fn();
    getSize = vi.fn(() => [1120, 760]);
    setSize = vi.fn();
    setMinimumSize = vi.fn();
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
  }
  class FakeTray extends FakeEmitter {
    static instances: FakeTray[] = [];
    tooltip = '';
    menu: unknown = null;
    destroyed = false;
    constructor(readonly image: unknown) {
      super();
      FakeTray.instances.push(this);
    }
    setImage = vi.fn();
    setToolTip = vi.fn((text: string) => {
      this.tooltip = text;
    });
    setTitle = vi.fn();
    setContextMenu = vi.fn((menu: unknown) => {
      this.menu = menu;
    });
    destroy = vi.fn(() => {
      this.destroyed = true;
    });
  }
  class FakeNotification extends FakeEmitter {
    static isSupported = vi.fn(() => true);
    static shown: FakeNotification[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
    }
    show = vi.fn(() => void FakeNotification.shown.push(this));
  }
  const registeredShortcuts = new Map<string, () => void>();
  // Like Electron's: each start() is a new blocker with a new id, alive until stop(id).
  const blockers = new Map<number, string>();
  let nextBlocker = 0;
  const powerSaveBlocker = {
    blockers,
    start: vi.fn((type: string) => {
      blockers.set(nextBlocker, type);
      return nextBlocker++;
    }),
    stop: vi.fn((id: number) => void blockers.delete(id)),
    isStarted: vi.fn((id: number) => blockers.has(id)),
  };
  const session = {
    // An emitter too: `select-hid-device` is a session event.
    defaultSession: Object.assign(new FakeEmitter(), {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    }),
  };
  const app = Object.assign(new FakeEmitter(), {
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => '/tmp/evo-softphone-test'),
    getName: vi.fn(() => 'Evo Softphone'),
    getVersion: vi.fn(() => '0.0.0-test'),
    getAppPath: vi.fn(() => process.cwd()),
    setLoginItemSettings: vi.fn(),
    isReady: vi.fn(() => true),
    isPackaged: false,
    setAsDefaultProtocolClient: vi.fn(() => true),
  });
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    windows,
    session,
    shell: { openExternal: vi.fn(async () => undefined) },
    Tray: FakeTray,
    Notification: FakeNotification,
    Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ template })), setApplicationMenu: vi.fn() },
    clipboard: { writeText: vi.fn() },
    nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
    dialog: { showErrorBox: vi.fn() },
    systemPreferences: { askForMediaAccess: vi.fn(async () => true) },
    powerMonitor: new FakeEmitter(),
    powerSaveBlocker,
    globalShortcut: {
      registered: registeredShortcuts,
      register: vi.fn((accelerator: string, callback: () => void) => {
        registeredShortcuts.set(accelerator, callback);
        return true;
      }),
      unregister: vi.fn((accelerator: string) => void registeredShortcuts.delete(accelerator)),
      unregisterAll: vi.fn(() => registeredShortcuts.clear()),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    // Only `handle` is meant to be used (through the router); the others are here to be asserted unused.
    ipcMain: { handle: vi.fn(), handleOnce: vi.fn(), on: vi.fn(), once: vi.fn(), addListener: vi.fn(), removeHandler: vi.fn() },
    ipcRenderer: Object.assign(new FakeEmitter(), { invoke: vi.fn(async () => ({ ok: true, value: null })) }),
    contextBridge: { exposeInMainWorld: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptString: vi.fn((text: string) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`)),
      decryptString: vi.fn((buffer: Buffer) => Buffer.from(buffer.toString().slice(4), 'base64').toString()),
    },
  };
}
export type ElectronFake = ReturnType<typeof createElectronFake>;

/** electron-log and electron-updater load the real electron with require(): stand-ins for the glue tests. */
export function createElectronLogFake() {
  const lines: unknown[][] = [];
  const hooks: ((message: { data: unknown[] }) => { data: unknown[] })[] = [];
  const write = (...data: unknown[]) => {
    let message = { data };
    for (const hook of hooks) message = hook(message);
    lines.push(message.data);
  };
  return {
    default: {
      lines,
      hooks,
      transports: { file: { resolvePathFn: null as unknown, maxSize: 0 } },
      errorHandler: { startCatching: vi.fn() },
      info: write,
      warn: write,
      error: write,
    },
  };
}

export function createElectronUpdaterFake() {
  const autoUpdater = Object.assign(new FakeEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    logger: null as unknown,
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
  });
  return { default: { autoUpdater } };
}
