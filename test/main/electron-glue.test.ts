import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE } from '../../electron/shared/contract';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../electron/main/simulator/model';
import { startSimulator } from '../../electron/main/simulator/server';

interface MenuItem {
  role?: string;
  label?: string;
  click?: () => void;
  submenu?: MenuItem[];
}

/** Help > Copy diagnostics, as the agent clicks it; answers what went to the clipboard. */
function copyDiagnostics(): string {
  const menu = electron.Menu.setApplicationMenu.mock.calls.at(-1)![0] as { template: MenuItem[] };
  const help = menu.template.find((item) => item.role === 'help')!;
  help.submenu!.find((item) => item.label === 'Copy diagnostics')!.click!();
  return electron.clipboard.writeText.mock.calls.at(-1)![0] as string;
}

const invokeHandler = () =>
  electron.ipcMain.handle.mock.calls.filter(([channel]) => channel === IPC_INVOKE).at(-1)![1] as (...args: unknown[]) => Promise<unknown>;

const electron = await vi.hoisted(async () => (await import('../support/electron')).createElectronFake());
vi.mock('electron', () => electron);
const electronLog = await vi.hoisted(async () => (await import('../support/electron')).createElectronLogFake());
vi.mock('electron-log/main', () => electronLog);
const electronUpdater = await vi.hoisted(async () => (await import('../support/electron')).createElectronUpdaterFake());
vi.mock('electron-updater', () => electronUpdater);

/** One turn of the event loop: app.whenReady() is already resolved in the fake, so createApp has run after it. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

// index.ts installs process-wide error handlers, once per run of the app. Each test runs the app
// anew in this one process, so each test takes its own handlers (and the fake app's listeners)
// off again; left on, they piled up past Node's limit (MaxListenersExceededWarning).
const processHandlers = () => ({
  uncaughtException: process.listeners('uncaughtException'),
  unhandledRejection: process.listeners('unhandledRejection'),
});
let handlersBefore = processHandlers();
function dropAppListeners() {
  for (const listener of process.listeners('uncaughtException')) {
    if (!handlersBefore.uncaughtException.includes(listener)) process.off('uncaughtException', listener);
  }
  for (const listener of process.listeners('unhandledRejection')) {
    if (!handlersBefore.unhandledRejection.includes(listener)) process.off('unhandledRejection', listener);
  }
  electron.app.listeners.clear();
}

async function startApp(options: { server?: string; dataDir?: string; settings?: Record<string, unknown> } = {}) {
  const { server = 'https://evovoice.io', dataDir = mkdtempSync(join(tmpdir(), 'evo-glue-')), settings } = options;
  vi.resetModules();
  // A configured server: no first-run demo sign-in racing the assertions.
  process.env.EVO_API_URL = server;
  if (settings) writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings));
  electron.app.getPath.mockReturnValue(dataDir);
  const before = electron.windows.length;
  await import('../../electron/main/index');
  await flush();
  return electron.windows[before]!;
}

describe('Electron glue (mocked electron module)', () => {
  beforeEach(() => {
    handlersBefore = processHandlers();
  });
  afterEach(() => {
    delete process.env.EVO_API_URL;
    electron.app.emit('will-quit');
    dropAppListeners();
    electron.app.requestSingleInstanceLock.mockReturnValue(true);
  });

  it('takes the single-instance lock and quits when another instance has it', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    const quits = electron.app.quit.mock.calls.length;
    const windows = electron.windows.length;
    vi.resetModules();
    await import('../../electron/main/index');
    await flush();
    expect(electron.app.quit.mock.calls.length).toBe(quits + 1);
    expect(electron.windows.length).toBe(windows);
  });

  it('starts in the compact window when the agent left it so: slim and always on top', async () => {
    const window = await startApp({ settings: { compactWindow: true } });
    expect(window.setAlwaysOnTop).toHaveBeenCalledWith(true, 'floating');
    expect(window.setMinimumSize).toHaveBeenCalledWith(300, 190);
    expect(window.setSize).toHaveBeenCalledWith(380, 250);
  });

  it('opens one window with the secure preferences from app://', async () => {
    const window = await startApp();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      backgroundThrottling: false,
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://softphone/index.html');
  });

  it('blocks navigation away from the app and denies new windows', async () => {
    const window = await startApp();
    const prevented = vi.fn();
    window.webContents.emit('will-navigate', { preventDefault: prevented }, 'https://evil.example/');
    expect(prevented).toHaveBeenCalled();
    const allowed = vi.fn();
    window.webContents.emit('will-navigate', { preventDefault: allowed }, 'app://softphone/index.html');
    expect(allowed).not.toHaveBeenCalled();
    expect(window.webContents.windowOpenHandler!({ url: 'https://evovoice.io' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://evovoice.io');
    expect(window.webContents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalledWith('file:///etc/passwd');
  });

  it('grants the microphone to the app and nothing else', async () => {
    await startApp();
    const handler = electron.session.defaultSession.setPermissionRequestHandler.mock.calls.at(-1)![0] as (...args: unknown[]) => void;
    const answer = (permission: string, details: object) => {
      const callback = vi.fn();
      handler({}, permission, callback, details);
      return callback.mock.calls[0]![0];
    };
    expect(answer('media', { requestingUrl: 'app://softphone/index.html', mediaTypes: ['audio'] })).toBe(true);
    expect(answer('media', { requestingUrl: 'app://softphone/index.html', mediaTypes: ['video'] })).toBe(false);
    expect(answer('geolocation', { requestingUrl: 'app://softphone/index.html' })).toBe(false);
    expect(answer('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false);
  });

  it('routes IPC through the one handler, which checks the sender', async () => {
    const window = await startApp();
    const invoke = invokeHandler();
    const mainFrame = { origin: 'app://softphone' };
    const ours = { sender: { id: window.webContents.id, mainFrame }, senderFrame: mainFrame };
    await expect(invoke(ours, 'app.info', undefined)).resolves.toMatchObject({
      ok: true,
      value: { name: 'Evo Softphone', version: '0.0.0-test' },
    });
    const foreign = { sender: { id: 9999, mainFrame }, senderFrame: mainFrame };
    await expect(invoke(foreign, 'app.info', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'IPC_FORBIDDEN_SENDER' },
    });
  });

  it('on a first run with nothing configured, loads the simulator, signs in to it as the demo and keeps awake for its call', async () => {
    vi.resetModules();
    electron.app.getPath.mockReturnValue(mkdtempSync(join(tmpdir(), 'evo-glue-')));
    const before = electron.windows.length;
    await import('../../electron/main/index');
    const window = electron.windows[before]!;
    const invoke = electron.ipcMain.handle.mock.calls.filter(([channel]) => channel === IPC_INVOKE).at(-1)![1] as (
      ...args: unknown[]
    ) => Promise<{ ok: boolean; value: { signedIn: boolean; demo: boolean; server: string } }>;
    const mainFrame = { origin: 'app://softphone' };
    const status = () => invoke({ sender: { id: window.webContents.id, mainFrame }, senderFrame: mainFrame }, 'auth.status', undefined);
    await vi.waitFor(async () => expect((await status()).value.signedIn).toBe(true), { timeout: 10_000 });
    expect((await status()).value).toMatchObject({ demo: true, server: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    // The demo's live call (Jane Doe) reaches the board: the machine is kept awake, and quitting lets it sleep.
    await vi.waitFor(() => expect([...electron.powerSaveBlocker.blockers.values()]).toEqual(['prevent-app-suspension']), {
      timeout: 10_000,
    });
    electron.app.emit('will-quit');
    expect(electron.powerSaveBlocker.blockers.size).toBe(0);
  });

  it('at startup registers the hold hotkey, creates the tray and claims tel: and callto:', async () => {
    await startApp();
    expect(electron.globalShortcut.register).toHaveBeenCalledWith('CommandOrControl+Alt+H', expect.any(Function));
    const tray = electron.Tray.instances.at(-1)!;
    expect(tray.tooltip).toBe('Evo Softphone');
    expect(tray.menu).toMatchObject({ template: expect.arrayContaining([expect.objectContaining({ label: 'Quit' })]) });
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('tel');
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('callto');
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('quitting releases the hotkeys and the tray', async () => {
    await startApp();
    const tray = electron.Tray.instances.at(-1)!;
    electron.app.emit('will-quit');
    expect(electron.globalShortcut.registered.size).toBe(0);
    expect(tray.destroyed).toBe(true);
  });

  it("a tel: link reaching a second instance fills the first one's dialer", async () => {
    const window = await startApp();
    electron.app.emit('second-instance', {}, ['/opt/evo-softphone', 'tel:+1 (555) 010-0199']);
    expect(window.webContents.send).toHaveBeenCalledWith('softphone:event', 'app.dialRequest', { number: '+15550100199' });
    expect(window.show).toHaveBeenCalled();
  });

  it('closes to the tray instead of quitting, and reloads a crashed renderer', async () => {
    const window = await startApp();
    const prevented = vi.fn();
    window.emit('close', { preventDefault: prevented });
    expect(prevented).toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalled();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.webContents.reload).toHaveBeenCalled();
  });

  it('writes logs through the redaction filter', async () => {
    await startApp();
    electronLog.default.warn('sign-in for +15550100199 password=hunter2');
    expect(JSON.stringify(electronLog.default.lines.at(-1))).not.toMatch(/hunter2|5550100199/);
  });

  it('Help > Copy diagnostics counts the session rows Evo sent that could not be read', async () => {
    const simulator = await startSimulator({ seed: { history: 1 } });
    try {
      const window = await startApp({ server: simulator.url });
      const invoke = invokeHandler();
      const mainFrame = { origin: 'app://softphone' };
      const ours = { sender: { id: window.webContents.id, mainFrame }, senderFrame: mainFrame };
      const copy = copyDiagnostics;
      expect(copy()).toContain('Unreadable session rows skipped: 0');
      expect(copy()).toContain('History: saved on disk');
      await invoke(ours, 'auth.signIn', { server: simulator.url, email: DEMO_EMAIL, password: DEMO_PASSWORD, remember: false });
      const bad = simulator.ring(DEMO_EMAIL, { number: '+15550100555', name: 'Sam Caller' });
      delete (simulator.state.sessions.get(bad)!.info as unknown as Record<string, unknown>).dateCreated;
      const refreshed = (await invoke(ours, 'sessions.refresh', undefined)) as {
        ok: true;
        value: { connection: string; sessions: unknown[] };
      };
      expect(refreshed.value).toMatchObject({ connection: 'online', sessions: [expect.objectContaining({ displayName: 'Jane Doe' })] });
      expect(copy()).toContain('Unreadable session rows skipped: 1');
    } finally {
      await simulator.close();
    }
  });

  it('starts on a data folder it cannot write: the window opens and diagnostics say history is in memory only', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'evo-glue-')), 'a-file');
    writeFileSync(blocker, '');
    const window = await startApp({ dataDir: join(blocker, 'userData') });
    expect(window.loadURL).toHaveBeenCalledWith('app://softphone/index.html');
    const mainFrame = { origin: 'app://softphone' };
    const ours = { sender: { id: window.webContents.id, mainFrame }, senderFrame: mainFrame };
    expect(await invokeHandler()(ours, 'app.storageStatus', undefined)).toMatchObject({
      ok: true,
      value: {
        historySaved: false,
        notice: expect.stringMatching(/^History is not being saved: the data folder is read-only or cannot be created/),
      },
    });
    expect(copyDiagnostics()).toContain('History: in memory only (History is not being saved');
  });

  it('never installs an update on quit behind the agent', async () => {
    await startApp();
    expect(electronUpdater.default.autoUpdater.autoInstallOnAppQuit).toBe(false);
  });
});
