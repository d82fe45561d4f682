/**
 * The window's security policy as plain data and pure decisions, so that it is tested without
 * Electron. The adapters in this folder apply it.
 */
import { posix } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'softphone';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Hosts @twilio/voice-sdk talks to (signalling, media edge, insights). Nothing else is reachable. */
export const TWILIO_CONNECT_SOURCES = [
  'wss://voice-js.roaming.twilio.com',
  'wss://*.twilio.com',
  'https://eventgw.twilio.com',
  'https://media.twiliocdn.com',
];

export function contentSecurityPolicy(extraConnect: readonly string[] = []): string {
  const connect = ["'self'", ...TWILIO_CONNECT_SOURCES, ...extraConnect].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The webPreferences every window gets. Anything weaker is a bug. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click must not open windows either (Electron security checklist, electronegativity AUXCLICK).
    disableBlinkFeatures: 'Auxclick',
    // Calls must ring and timers must tick while the window is in the background.
    backgroundThrottling: false,
  } as const;
}

/**
 * Maps an `app://softphone/...` URL to a file under `root`, or null when the URL is foreign or
 * tries to leave `root` (`..`, encoded `%2e%2e`, backslashes, NUL bytes).
 */
export function resolveAppAsset(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  // Look at the raw path too: URL() already folds plain `../`, but encoded forms survive it.
  const rawPath = requestUrl.slice(requestUrl.indexOf(APP_HOST) + APP_HOST.length).split(/[?#]/)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((part) => part === '..')) return null;
  const relative = posix.normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded);
  if (relative.startsWith('..') || !relative.startsWith('/')) return null;
  const full = posix.join(root.split('\\').join('/'), relative);
  const base = root.split('\\').join('/').replace(/\/+$/, '');
  return full.startsWith(`${base}/`) ? full : null;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.woff2': 'font/woff2',
};

export const mimeType = (file: string): string => MIME[posix.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Only the microphone, only for our own page. Camera, screen, geolocation, ... are refused. */
export function isPermissionAllowed(
  permission: string,
  requestingOrigin: string,
  mediaTypes: readonly string[] | undefined,
): boolean {
  if (permission !== 'media') return false;
  if (originOf(requestingOrigin) !== APP_ORIGIN) return false;
  // A media check without media types (permission *check*) is the microphone probe; allow it.
  return (mediaTypes ?? ['audio']).every((type) => type === 'audio');
}

/** Links the agent may open in the browser: https only, no credentials in the URL. */
export function isSafeExternalUrl(target: string): boolean {
  try {
    const url = new URL(target);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

function originOf(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '';
  }
}

/** The router's sender check: our window, its main frame, our origin. */
export function isTrustedSender(
  sender: { id: number; isMainFrame: boolean; origin: string },
  windowIds: ReadonlySet<number>,
  origin = APP_ORIGIN,
): boolean {
  return windowIds.has(sender.id) && sender.isMainFrame && originOf(sender.origin) === origin;
}
