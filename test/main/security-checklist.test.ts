/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), item
 * by item where it applies, plus the electronegativity scanner over the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInNewContext } from 'node:vm';
import { invokeChannels, IPC_INVOKE } from '../../electron/shared/contract';
import { createMainWindow, installPermissionHandlers } from '../../electron/main/windows/main-window';
import { FULL_MINIMUM, FULL_SIZE } from '../../electron/main/desktop/window-layout';
import { createElectronFake } from '../support/electron';
import { blackwire3220 } from '../support/headsets';
import { installedElectronVersion } from '../support/electron-version';
import { contentSecurityPolicy } from '../../electron/main/policy/content-security';
import { isSafeExternalUrl } from '../../electron/main/policy/permissions';
import { secureWebPreferences } from '../../electron/main/policy/web-preferences';

const electron = await vi.hoisted(async () => (await import('../support/electron')).createElectronFake());
vi.mock('electron', () => electron);
const electronLog = await vi.hoisted(async () => (await import('../support/electron')).createElectronLogFake());
vi.mock('electron-log/main', () => electronLog);
const electronUpdater = await vi.hoisted(async () => (await import('../support/electron')).createElectronUpdaterFake());
vi.mock('electron-updater', () => electronUpdater);

/** The agent's window as main-window.ts builds it, on the electron stand-in. */
function openWindow() {
  createMainWindow({ preloadPath: '/app/out/preload/index.cjs', size: FULL_SIZE, minimum: FULL_MINIMUM });
  return electron.windows.at(-1)!;
}

/** The whole app started as Electron would (index.ts), on the electron stand-in. */
async function startApp() {
  vi.resetModules();
  electron.ipcMain.handle.mockClear();
  process.env.EVO_API_URL = 'https://evovoice.io';
  electron.app.getPath.mockReturnValue(mkdtempSync(join(tmpdir(), 'evo-checklist-')));
  const before = electron.windows.length;
  await import('../../electron/main/index');
  await new Promise((resolve) => setImmediate(resolve));
  return electron.windows[before]!;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      endField();
    } else if (char === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (char !== '\r') {
      field += char;
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe('Electron security checklist', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');
  afterEach(() => {
    delete process.env.EVO_API_URL;
    electron.app.emit('will-quit');
  });

  it('2-4, 6, 8-10: the window has no Node, context isolation, sandbox, web security, no insecure content or experiments', () => {
    const created = openWindow().options.webPreferences as Record<string, unknown>;
    expect(created).toEqual(prefs);
    expect(created).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    expect(created).not.toHaveProperty('enableBlinkFeatures');
    expect(created.disableBlinkFeatures).toBe('Auxclick');
  });

  it('5: permission requests and checks: the microphone for the app, nothing else for anyone', () => {
    installPermissionHandlers();
    const { setPermissionRequestHandler, setPermissionCheckHandler } = electron.session.defaultSession;
    const request = setPermissionRequestHandler.mock.calls.at(-1)![0] as (...args: unknown[]) => void;
    const check = setPermissionCheckHandler.mock.calls.at(-1)![0] as (...args: unknown[]) => boolean;
    const asked = (permission: string, requestingUrl: string, mediaTypes?: string[]) => {
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl, ...(mediaTypes ? { mediaTypes } : {}) });
      return callback.mock.calls[0]![0] as boolean;
    };
    expect(asked('media', 'app://softphone/index.html', ['audio'])).toBe(true);
    expect(check({}, 'media', 'app://softphone')).toBe(true);
    for (const [permission, origin, media] of [
      ['media', 'app://softphone/', ['video']],
      ['media', 'app://softphone/', ['audio', 'video']],
      ['media', 'http://127.0.0.1:5199/', ['audio']],
      ['media', 'app://softphone.evil/', ['audio']],
      ['notifications', 'app://softphone/', undefined],
      ['geolocation', 'app://softphone/', undefined],
      ['midiSysex', 'app://softphone/', undefined],
      ['openExternal', 'app://softphone/', undefined],
      ['clipboard-read', 'app://softphone/', undefined],
      ['hid', 'app://softphone/', undefined],
    ] as const) {
      expect(asked(permission, origin, media as string[] | undefined), `${permission} ${origin}`).toBe(false);
    }
    for (const permission of ['geolocation', 'notifications', 'clipboard-read'])
      expect(check({}, permission, 'app://softphone')).toBe(false);
    expect(check({}, 'media', 'https://evil.example')).toBe(false);
    // WebHID checks 'hid' before it lists devices: our page only; which devices is the next test.
    expect(check({}, 'hid', 'app://softphone')).toBe(true);
    for (const origin of ['https://evil.example', 'app://softphone.evil', 'http://127.0.0.1:5199'])
      expect(check({}, 'hid', origin)).toBe(false);
  });

  it('5: HID: only telephony headsets the agent chose, only for the app, and the choice is kept across runs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'evo-hid-')), 'hid-devices.json');
    const headset = {
      deviceId: 'dev-1',
      name: 'Plantronics Blackwire 3220 Series',
      vendorId: 0x047f,
      productId: 0xc056,
      serialNumber: 'D1CE',
      collections: blackwire3220().collections,
    };
    const keyboard = {
      deviceId: 'dev-2',
      name: 'Keyboard',
      vendorId: 0x046d,
      productId: 0xc31c,
      collections: [{ usagePage: 0x01, usage: 0x06 }],
    };
    const vendorOnly = {
      deviceId: 'dev-3',
      name: 'Jabra vendor interface',
      vendorId: 0x0b0e,
      productId: 0x0422,
      collections: [{ usagePage: 0xff00, usage: 1 }],
    };
    const handlers = () => {
      const ses = electron.session.defaultSession;
      const allowed = ses.setDevicePermissionHandler.mock.calls.at(-1)![0] as (details: unknown) => boolean;
      const select = (origin: string, deviceList: unknown[]) => {
        const callback = vi.fn();
        const event = { preventDefault: vi.fn() };
        ses.emit('select-hid-device', event, { deviceList, frame: { origin } }, callback);
        expect(event.preventDefault).toHaveBeenCalled();
        return callback.mock.calls.at(-1)![0] as string;
      };
      return { allowed, select };
    };

    electron.session.defaultSession.listeners.delete('select-hid-device');
    installPermissionHandlers(file);
    let { allowed, select } = handlers();
    const asks = (deviceType: string, origin: string, device: unknown) => allowed({ deviceType, origin, device });
    // Nothing is granted before the agent chooses.
    expect(asks('hid', 'app://softphone', headset)).toBe(false);
    // The chooser: a keyboard or a vendor interface is never picked, nor anything for another page.
    expect(select('app://softphone', [keyboard, vendorOnly])).toBe('');
    expect(select('https://evil.example', [headset])).toBe('');
    expect(select('app://softphone', [keyboard, headset, vendorOnly])).toBe('dev-1');
    expect(asks('hid', 'app://softphone', headset)).toBe(true);
    for (const [type, origin, device] of [
      ['hid', 'app://softphone', keyboard],
      ['hid', 'app://softphone', vendorOnly],
      ['hid', 'https://evil.example', headset],
      ['usb', 'app://softphone', headset],
      ['serial', 'app://softphone', headset],
      ['hid', 'app://softphone', { ...headset, serialNumber: 'another' }],
    ] as const) {
      expect(asks(type, origin, device), `${type} ${origin} ${(device as { name: string }).name}`).toBe(false);
    }

    // The next run: the same headset (a new deviceId) is allowed without asking again.
    electron.session.defaultSession.listeners.delete('select-hid-device');
    installPermissionHandlers(file);
    ({ allowed, select } = handlers());
    expect(allowed({ deviceType: 'hid', origin: 'app://softphone', device: { ...headset, deviceId: 'dev-9' } })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('["047f:c056:D1CE"]');
  });

  it('7: a CSP on every app:// answer, that refuses app:// traversal, and the same CSP in index.html', async () => {
    const { serveRenderer } = await import('../../electron/main/windows/app-protocol');
    serveRenderer(join(process.cwd(), 'out/renderer'));
    const handler = electron.protocol.handle.mock.calls.at(-1)![1] as (request: Request) => Promise<Response>;
    const index = await handler(new Request('app://softphone/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await index.text()).toContain('http-equiv="Content-Security-Policy"');
    for (const url of [
      'app://softphone/../main/index.js',
      'app://softphone/%2e%2e/main/index.js',
      'app://softphone/..%2fpreload%2findex.cjs',
    ]) {
      expect((await handler(new Request(url))).status).toBe(404);
    }
  });

  it('11: no <webview>: the window refuses to attach one', () => {
    expect(prefs.webviewTag).toBe(false);
    const window = openWindow();
    const prevented = vi.fn();
    window.webContents.emit('will-attach-webview', { preventDefault: prevented }, {}, {});
    expect(prevented).toHaveBeenCalled();
  });

  it('12-14: navigation, redirects and new windows refused; openExternal only for https', () => {
    const window = openWindow();
    const navigate = (event: string, url: string) => {
      const prevented = vi.fn();
      window.webContents.emit(event, { preventDefault: prevented }, url);
      return prevented.mock.calls.length > 0;
    };
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://softphone.evil/', 'http://127.0.0.1:5199/']) {
        expect(navigate(event, url), `${event} ${url}`).toBe(true);
      }
      expect(navigate(event, 'app://softphone/index.html')).toBe(false);
    }
    electron.shell.openExternal.mockClear();
    for (const url of [
      'file:///etc/passwd',
      'smb://attacker/share',
      'javascript:alert(1)',
      'http://evovoice.io',
      'ms-msdt:/id',
      'https://u:p@evovoice.io',
      'app://softphone/index.html',
    ]) {
      expect(window.webContents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
      expect(isSafeExternalUrl(url)).toBe(false);
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(window.webContents.windowOpenHandler!({ url: 'https://evovoice.io/help' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://evovoice.io/help');
  });

  it('15: a current Electron', () => {
    const version = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(39);
  });

  it('16-17: the running app uses one IPC channel whose router checks the sender, and loads app:// only', async () => {
    const window = await startApp();
    expect(electron.ipcMain.handle.mock.calls.map(([channel]) => channel)).toEqual([IPC_INVOKE]);
    for (const unused of ['handleOnce', 'on', 'once', 'addListener'] as const) expect(electron.ipcMain[unused]).not.toHaveBeenCalled();
    const invoke = electron.ipcMain.handle.mock.calls[0]![1] as (...args: unknown[]) => Promise<unknown>;
    const frame = (origin: string) => ({ origin });
    const ours = frame('app://softphone');
    const ask = (sender: object, senderFrame: object | null) => invoke({ sender, senderFrame }, 'app.info', undefined);
    expect(await ask({ id: window.webContents.id, mainFrame: ours }, ours)).toMatchObject({ ok: true });
    const refused = { ok: false, error: { code: 'IPC_FORBIDDEN_SENDER' } };
    expect(await ask({ id: 9999, mainFrame: ours }, ours)).toMatchObject(refused);
    expect(await ask({ id: window.webContents.id, mainFrame: ours }, frame('app://softphone'))).toMatchObject(refused);
    const evil = frame('https://evil.example');
    expect(await ask({ id: window.webContents.id, mainFrame: evil }, evil)).toMatchObject(refused);
    expect(await ask({ id: window.webContents.id, mainFrame: ours }, null)).toMatchObject(refused);
    // Never file://: the fake window has no loadFile, and the one URL it loaded is the app's.
    expect(window.loadURL.mock.calls).toEqual([['app://softphone/index.html']]);
  });

  it('18: fuses are set for packaging', () => {
    const config = load(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('20: the built preload exposes only window.softphone, built from the contract, and requires only electron', () => {
    const preload = readFileSync('out/preload/index.cjs', 'utf8');
    const fake = createElectronFake();
    const required: string[] = [];
    const module = { exports: {} };
    const require = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return fake;
    };
    runInNewContext(preload, { require, module, exports: module.exports, console });
    expect([...new Set(required)]).toEqual(['electron']);
    expect(fake.contextBridge.exposeInMainWorld.mock.calls.map(([name]) => name)).toEqual(['softphone']);
    const api = fake.contextBridge.exposeInMainWorld.mock.calls[0]![1] as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(api).flatMap(([area, methods]) => Object.keys(methods).map((method) => `${area}.${method}`));
    expect(exposed.filter((name) => !/\.on[A-Z]/.test(name)).sort()).toEqual([...invokeChannels].sort());
    for (const methods of Object.values(api)) for (const fn of Object.values(methods)) expect(typeof fn).toBe('function');
    void (api.sessions!.hold as (input: unknown) => unknown)({ sessionId: 'S1' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'sessions.hold', { sessionId: 'S1' });
  });

  it('the electronegativity scan of the build has no HIGH or MEDIUM finding without a written justification', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evo-eneg-'));
    const report = join(dir, 'report.csv');
    execFileSync(
      process.execPath,
      [
        'node_modules/@doyensec/electronegativity/dist/index.js',
        '-i',
        'out',
        '-o',
        report,
        '-r',
        '-e',
        installedElectronVersion,
        '-v',
        'false',
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const [header, ...rows] = parseCsv(readFileSync(report, 'utf8')).filter((row) => row.length > 3);
    expect(header![0]).toBe('issue');
    // Keyed by the built file, the rule and the line of code: a new finding, even of a known rule, fails.
    const justifications = JSON.parse(readFileSync('test/fixtures/electronegativity-justifications.json', 'utf8')) as Record<
      string,
      Record<string, { sample: string; why: string }>
    >;
    const used = new Set<string>();
    const unjustified = rows
      .filter(([, severity]) => severity === 'HIGH' || severity === 'MEDIUM')
      .filter(([issue, , , file, , sample]) => {
        const entry = justifications[file!]?.[issue!];
        const justified = entry !== undefined && entry.sample === sample && entry.why.length > 40;
        if (justified) used.add(`${file} ${issue}`);
        return !justified;
      })
      .map((row) => `${row[0]} ${row[1]} ${row[3]}:${row[4]} ${row[5]}`);
    expect(unjustified).toEqual([]);
    // And no justification outlives its finding.
    const listed = Object.entries(justifications).flatMap(([file, rules]) => Object.keys(rules).map((rule) => `${file} ${rule}`));
    expect(listed.filter((key) => !used.has(key))).toEqual([]);
  }, 150_000);
});
