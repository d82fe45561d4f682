import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../../electron/main/policy/app-assets';
import { contentSecurityPolicy } from '../../../electron/main/policy/content-security';
import { isPermissionAllowed, isSafeExternalUrl } from '../../../electron/main/policy/permissions';
import { isTrustedSender } from '../../../electron/main/policy/trusted-sender';
import { secureWebPreferences } from '../../../electron/main/policy/web-preferences';

describe('security policy (shared by the Electron window and the harness)', () => {
  it('gives every window the secure webPreferences', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      backgroundThrottling: false,
    });
  });

  it('serves files from the renderer folder', () => {
    expect(resolveAppAsset('/opt/app/renderer', 'app://softphone/index.html')).toBe('/opt/app/renderer/index.html');
    expect(resolveAppAsset('/opt/app/renderer', 'app://softphone/')).toBe('/opt/app/renderer/index.html');
    expect(resolveAppAsset('/opt/app/renderer', 'app://softphone/assets/index-1.js?v=1')).toBe('/opt/app/renderer/assets/index-1.js');
  });

  it.each([
    'app://softphone/../main/index.js',
    'app://softphone/assets/../../main/index.js',
    'app://softphone/%2e%2e/main/index.js',
    'app://softphone/%2E%2E%2Fmain%2Findex.js',
    'app://softphone/assets/%2e%2e%2f%2e%2e%2fsecrets/evo-account.bin',
    'app://softphone/..%5c..%5cmain%5cindex.js',
    'app://softphone/index.html%00.png',
    'app://softphone/%zz',
    'app://evil/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset('/opt/app/renderer', url)).toBeNull();
  });

  it('keeps a double-encoded name inside the folder as a plain file name', () => {
    expect(resolveAppAsset('/opt/app/renderer', 'app://softphone/%252e%252e/x')).toBe('/opt/app/renderer/%2e%2e/x');
  });

  it('allows only the microphone, only to the app itself', () => {
    expect(isPermissionAllowed('media', 'app://softphone/index.html', ['audio'])).toBe(true);
    expect(isPermissionAllowed('media', 'app://softphone/', undefined)).toBe(true);
    expect(isPermissionAllowed('media', 'app://softphone/', ['audio', 'video'])).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example', ['audio'])).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed(permission, 'app://softphone/', undefined)).toBe(false);
    }
  });

  it('has a CSP without inline scripts, eval or foreign origins beyond Twilio', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    // Our own scripts, and WebAssembly compiled from our own files (RNNoise); never inline or eval'd strings.
    expect(csp.split('; ')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    const connect = csp.split('; ').find((part) => part.startsWith('connect-src'))!;
    for (const source of connect.split(' ').slice(1)) expect(source).toMatch(/^'self'$|twilio(cdn)?\.com$/);
  });

  it('opens only https links outside the app', () => {
    expect(isSafeExternalUrl('https://evovoice.io/help')).toBe(true);
    for (const url of ['http://evovoice.io', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://u:p@evil.example']) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  it('trusts only our window, its main frame and our origin', () => {
    const windows = new Set([7]);
    expect(isTrustedSender({ id: 7, isMainFrame: true, origin: 'app://softphone' }, windows)).toBe(true);
    expect(isTrustedSender({ id: 8, isMainFrame: true, origin: 'app://softphone' }, windows)).toBe(false);
    expect(isTrustedSender({ id: 7, isMainFrame: false, origin: 'app://softphone' }, windows)).toBe(false);
    expect(isTrustedSender({ id: 7, isMainFrame: true, origin: 'https://evil.example' }, windows)).toBe(false);
  });
});
