import { AppError } from '../../shared/result';

/** https only, except plain http on loopback for the simulator. Returns the origin with no trailing slash. */
export function normaliseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('AUTH_INVALID_SERVER', 'Enter the server as a full https:// address.');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AppError('AUTH_INVALID_SERVER', 'The server address must start with https://.');
  }
  if (url.username || url.password) {
    throw new AppError('AUTH_INVALID_SERVER', 'The server address must not contain a user name or password.');
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
