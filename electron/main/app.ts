/**
 * The Electron shell: Electron's adapters as ports -> the one composition root (root/core.ts, the
 * harness's too) -> ipcMain -> the window. What is wired beyond Electron's own objects is wired there.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arch, release } from 'node:os';
import { app, ipcMain, powerMonitor, systemPreferences, type BrowserWindow } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/contract';
import type { EventSink } from './ports';
import { createCore } from './root/core';
import { FULL_MINIMUM, FULL_SIZE } from './desktop/window-layout';
import { linkFromArgv } from './desktop/link-parser';
import { createRouter } from './ipc/router';
import { buildDiagnostics } from './logging/diagnostics';
import { installAppMenu } from './platform/app-menu';
import { createElectronLogger } from './platform/electron-logger';
import { createElectronUpdater } from './platform/updater';
import { ElectronNotifier, ElectronTray, ElectronWindow, electronShortcuts, electronWakeLock } from './platform/desktop-adapters';
import { SafeStorageSecrets } from './platform/safe-storage-secrets';
import { lazyDemo } from './services/demo-backend';
import { serveRenderer } from './windows/app-protocol';
import { createMainWindow, installPermissionHandlers } from './windows/main-window';
import { isTrustedSender } from './policy/trusted-sender';

const here = dirname(fileURLToPath(import.meta.url));
export const LINK_SCHEMES = ['tel', 'callto'] as const;

export async function createApp(): Promise<void> {
  const logsDir = app.getPath('logs');
  const logger = createElectronLogger(logsDir);
  const windows = new Set<number>();
  let window: BrowserWindow | null = null;
  let quitting = false;
  // Demo mode's backend is the simulator, a chunk of its own: loaded only when demo mode starts. It
  // has no Voice SDK: its ring is the "incoming" that refreshes the board.
  const demo = lazyDemo(async (ring) => (await import('./simulator/server')).startSimulator({ onRing: ring }));
  const resources = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');
  const send: EventSink = (event, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, event, payload);
  };

  let tray: ElectronTray | null = null;
  const core = createCore({
    dataDir: app.getPath('userData'),
    appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    secrets: new SafeStorageSecrets(join(app.getPath('userData'), 'secrets')),
    logger,
    emit: send,
    demoServer: () => demo.start(),
    runningDemoServer: () => demo.running()?.url ?? null,
    onDemoRing: demo.onRing,
    configuredServer: process.env.EVO_API_URL || undefined,
    twilioChunderw: process.env.EVO_TWILIO_CHUNDERW || undefined,
    autoDemo: true,
    desktop: {
      notifier: new ElectronNotifier(join(resources, 'icons/app.png')),
      window: new ElectronWindow(() => window),
      tray: (onAction) => (tray = new ElectronTray(join(resources, 'icons'), onAction)),
      shortcuts: electronShortcuts,
      updater: createElectronUpdater(logger),
      wakeLock: electronWakeLock,
      checkForUpdates: app.isPackaged,
      setStartAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
      quitting: (value) => (quitting = value),
      quit: () => app.quit(),
    },
  });
  const desktop = core.desktop!;
  const calls = desktop.calls;
  installAppMenu({
    logsDir,
    diagnostics: () =>
      buildDiagnostics({
        app: { name: app.getName(), version: app.getVersion() },
        versions: process.versions,
        os: { platform: process.platform, release: release(), arch: arch() },
        auth: core.auth.status(),
        connection: core.board.snapshot().connection,
        phone: core.phoneStatus(),
        activeCalls: calls().active,
        heldCalls: calls().held,
        skippedSessionRows: core.skippedRows.count,
        storage: core.storage,
        logsDir,
      }),
  });

  const router = createRouter(core.handlers, { logger, isTrustedSender: (sender) => isTrustedSender(sender, windows) });
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) =>
    router.dispatch(channel, payload, {
      id: event.sender.id,
      isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      origin: event.senderFrame?.origin ?? '',
    }),
  );

  serveRenderer(join(here, '../renderer'));
  installPermissionHandlers(join(app.getPath('userData'), 'hid-devices.json'));
  window = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    iconPath: join(resources, 'icons/app.png'),
    size: FULL_SIZE,
    minimum: FULL_MINIMUM,
  });
  windows.add(window.webContents.id);
  window.on('close', (event) => {
    // Close to tray: a call must keep ringing with the window closed.
    if (!quitting && core.settings.get().closeToTray) {
      event.preventDefault();
      window?.hide();
    }
  });
  // A crashed renderer comes back with its state: everything it shows lives in main.
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('renderer: process gone, reloading', { reason: details.reason });
    if (details.reason !== 'clean-exit') window?.webContents.reload();
  });

  for (const scheme of LINK_SCHEMES) app.setAsDefaultProtocolClient(scheme);
  const openLink = (link: string | null) => link && desktop.controller.openLink(link);
  window.webContents.once('did-finish-load', () => openLink(linkFromArgv(process.argv)));
  app.on('second-instance', (_event, argv) => {
    new ElectronWindow(() => window).show();
    openLink(linkFromArgv(argv));
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });

  const wake = () => {
    desktop.controller.woke();
    core.sync.refresh('wake');
    core.events.emit('app.systemResumed', {});
  };
  powerMonitor.on('resume', wake);
  powerMonitor.on('unlock-screen', wake);

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    core.dispose();
    tray?.destroy();
    void demo.close();
  });
  // macOS asks the agent once for the microphone; the usage string is in the app's Info.plist.
  if (process.platform === 'darwin') void systemPreferences.askForMediaAccess('microphone');
  void core.start();
}
