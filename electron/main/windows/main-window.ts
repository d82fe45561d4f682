/** The agent's window: secure preferences, navigation and window-open refused, microphone only. */
import { BrowserWindow, session, shell } from 'electron';
import { APP_ORIGIN } from '../policy/app-assets';
import { isPermissionAllowed, isPermissionCheckAllowed, isSafeExternalUrl } from '../policy/permissions';
import type { HidChoiceStore } from '../policy/hid-devices';
import { installHidPermissions, jsonListFile } from './hid-permissions';
import { secureWebPreferences } from '../policy/web-preferences';
import type { WindowSize } from '../ports';

export interface MainWindowOptions {
  preloadPath: string;
  size: WindowSize;
  /** The smallest the agent may make it (the full layout's minimum). */
  minimum: WindowSize;
  iconPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: options.size.width,
    height: options.size.height,
    minWidth: options.minimum.width,
    minHeight: options.minimum.height,
    show: false,
    title: 'Evo Softphone',
    backgroundColor: '#10151c',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  guardContents(window);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function guardContents(window: BrowserWindow): void {
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * One handler for the whole default session: the app's origin may use the microphone and the
 * telephony headsets the agent chose (kept in `hidChoices`, a file in userData), nothing else.
 */
export function installPermissionHandlers(hidChoices: HidChoiceStore | string = { load: () => [], save: () => undefined }): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionAllowed(permission, details.requestingUrl, media));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionCheckAllowed(permission, requestingOrigin));
  installHidPermissions(ses, typeof hidChoices === 'string' ? jsonListFile(hidChoices) : hidChoices);
}
