/** What the page may ask of the OS and where its links may lead. */
import { APP_ORIGIN, originOf } from './app-assets';

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
