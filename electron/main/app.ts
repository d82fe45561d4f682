/** Composition root of the Electron app: ports -> core -> router -> window. Nothing else wires. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow} from 'electron';
import { app, ipcMain } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/contract';
import { createCore } from './core';
import { createRouter } from './ipc/router';
import { createConsoleLogger } from './logger';
import { SafeStorageSecrets } from './platform/safe-storage-secrets';
import { lazySimulator } from './simulator/demo-server';
import { serveRenderer } from './windows/app-protocol';
import { createMainWindow, installPermissionHandlers } from './windows/main-window';
import { isTrustedSender } from './windows/security-policy';

const here = dirname(fileURLToPath(import.meta.url));

export async function createApp(): Promise<void> {
  const logger = createConsoleLogger();
  const windows = new Set<number>();
  let window: BrowserWindow | null = null;
  const demo = lazySimulator();

  const core = createCore({
    dataDir: app.getPath('userData'),
    appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    secrets: new SafeStorageSecrets(join(app.getPath('userData'), 'secrets')),
    logger,
    emit: (event, payload) => {
      if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, event, payload);
    },
    demoServer: () => demo.url(),
    runningDemoServer: () => demo.instance()?.url ?? null,
    configuredServer: process.env.EVO_API_URL || undefined,
  });

  const router = createRouter(core.handlers, {
    logger,
    isTrustedSender: (sender) => isTrustedSender(sender, windows),
  });
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) =>
    router.dispatch(channel, payload, {
      id: event.sender.id,
      isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      origin: event.senderFrame?.origin ?? '',
    }),
  );

  serveRenderer(join(here, '../renderer'));
  installPermissionHandlers();
  window = createMainWindow({ preloadPath: join(here, '../preload/index.cjs') });
  windows.add(window.webContents.id);

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core.dispose();
    void demo.close();
  });
  void core.start();
}
