/**
 * The app's own origin, `app://softphone/`, and the files it may serve: the built renderer and
 * nothing outside it. Pure decisions, applied by the Electron protocol handler and the harness.
 */
import { posix } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'softphone';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** `scheme://host` of a URL, or '' when it is not one. */
export function originOf(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '';
  }
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
  '.wasm': 'application/wasm',
};

export const mimeType = (file: string): string => MIME[posix.extname(file).toLowerCase()] ?? 'application/octet-stream';
