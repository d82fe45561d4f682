/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), item
 * by item where it applies, plus the electronegativity scanner over the build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it, vi } from 'vitest';
import { invokeChannels } from '../../electron/shared/contract';
import { installedElectronVersion } from '../support/electron-version';
import { contentSecurityPolicy } from '../../electron/main/policy/content-security';
import { isPermissionAllowed, isSafeExternalUrl } from '../../electron/main/policy/permissions';
import { secureWebPreferences } from '../../electron/main/policy/web-preferences';

const electron = await vi.hoisted(async () => (await import('../support/electron')).createElectronFake());
vi.mock('electron', () => electron);

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

  it('2-4, 6, 8-10: no Node in the renderer, context isolation, sandbox, web security, no insecure content or experiments', () => {
    expect(prefs).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('5: permission requests: the microphone for the app, nothing else for anyone', () => {
    expect(isPermissionAllowed('media', 'app://softphone/', ['audio'])).toBe(true);
    for (const [permission, origin, media] of [
      ['media', 'app://softphone/', ['video']],
      ['media', 'http://127.0.0.1:5199/', ['audio']],
      ['notifications', 'app://softphone/', undefined],
      ['geolocation', 'app://softphone/', undefined],
      ['midiSysex', 'app://softphone/', undefined],
      ['openExternal', 'app://softphone/', undefined],
    ] as const) {
      expect(isPermissionAllowed(permission, origin, media as string[] | undefined)).toBe(false);
    }
  });

  it('7: a CSP on every app:// answer, that refuses app:// traversal, and the same CSP in index.html', async () => {
    const { serveRenderer } = await import('../../electron/main/windows/app-protocol');
    serveRenderer(join(process.cwd(), 'out/renderer'));
    const handler = electron.protocol.handle.mock.calls.at(-1)![1] as (request: Request) => Promise<Response>;
    const index = await handler(new Request('app://softphone/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(await index.text()).toContain('http-equiv="Content-Security-Policy"');
    for (const url of ['app://softphone/../main/index.js', 'app://softphone/%2e%2e/main/index.js', 'app://softphone/..%2fpreload%2findex.cjs']) {
      expect((await handler(new Request(url))).status).toBe(404);
    }
  });

  it('11: no <webview>', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(readFileSync('electron/main/windows/main-window.ts', 'utf8')).toContain("'will-attach-webview'");
  });

  it('12-14: navigation and new windows refused; openExternal only for https', () => {
    const source = readFileSync('electron/main/windows/main-window.ts', 'utf8');
    expect(source).toContain("'will-navigate'");
    expect(source).toContain("return { action: 'deny' }");
    for (const url of ['file:///etc/passwd', 'smb://attacker/share', 'javascript:alert(1)', 'http://evovoice.io', 'ms-msdt:/id']) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  it('15: a current Electron', () => {
    const version = (JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string }).version;
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(39);
  });

  it('16-17: IPC goes through one channel whose router checks the sender; the app never loads file://', () => {
    const app = readFileSync('electron/main/app.ts', 'utf8');
    expect(app.match(/ipcMain\.\w+/g)).toEqual(['ipcMain.handle']);
    expect(app).toContain('isTrustedSender(sender, windows)');
    expect(readFileSync('electron/main/windows/main-window.ts', 'utf8')).not.toMatch(/loadFile|file:\/\//);
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

  it('20: the preload exposes only the contract, named functions', () => {
    const preload = readFileSync('out/preload/index.cjs', 'utf8');
    expect(preload).toContain('exposeInMainWorld("softphone"');
    expect(preload).not.toMatch(/exposeInMainWorld\("(?!softphone)/);
    expect(invokeChannels.length).toBeGreaterThan(10);
  });

  it('the electronegativity scan of the build has no HIGH or MEDIUM finding without a written justification', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evo-eneg-'));
    const report = join(dir, 'report.csv');
    execFileSync(
      process.execPath,
      ['node_modules/@doyensec/electronegativity/dist/index.js', '-i', 'out', '-o', report, '-r', '-e', installedElectronVersion, '-v', 'false'],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const [header, ...rows] = parseCsv(readFileSync(report, 'utf8')).filter((row) => row.length > 3);
    expect(header![0]).toBe('issue');
    const justifications = JSON.parse(readFileSync('test/fixtures/electronegativity-justifications.json', 'utf8')) as Record<string, string>;
    const unjustified = rows
      .filter(([, severity]) => severity === 'HIGH' || severity === 'MEDIUM')
      .filter(([issue]) => !(justifications[issue!]?.length ?? 0))
      .map((row) => `${row[0]} ${row[1]} ${row[3]}:${row[4]} ${row[5]}`);
    expect(unjustified).toEqual([]);
  }, 150_000);
});
