/** What the page may ask of the OS and where its links may lead. */
import { APP_ORIGIN, originOf } from './app-assets';

/** Only the microphone, only for our own page. Camera, screen, geolocation, HID, ... are refused. */
export function isPermissionAllowed(permission: string, requestingOrigin: string, mediaTypes: readonly string[] | undefined): boolean {
  if (permission !== 'media') return false;
  if (originOf(requestingOrigin) !== APP_ORIGIN) return false;
  // A media check without media types (permission *check*) is the microphone probe; allow it.
  return (mediaTypes ?? ['audio']).every((type) => type === 'audio');
}

/**
 * Permission *checks* (asked without a prompt): the microphone probe, and HID for our page only,
 * which WebHID checks before it lists or offers devices. Which HID devices is hid-devices.ts.
 */
export function isPermissionCheckAllowed(permission: string, requestingOrigin: string): boolean {
  if (permission === 'hid') return originOf(requestingOrigin) === APP_ORIGIN;
  return isPermissionAllowed(permission, requestingOrigin, undefined);
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
