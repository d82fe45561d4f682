/** Turns what went wrong on the wire into an AppError with a stable code and a usable sentence. */
import { AppError, type ErrorCode } from '../../shared/result';
import { formatCountdown } from '../../shared/format-duration';
import { ResponseStatus } from './dto';

const byStatus: Record<number, [code: ErrorCode, fallback: string]> = {
  400: ['EVO_BAD_REQUEST', 'Evo Voice refused the request.'],
  401: ['EVO_UNAUTHORIZED', 'Your Evo Voice sign-in has expired. Please sign in again.'],
  403: ['EVO_FORBIDDEN', 'Your Evo Voice account is not allowed to do that.'],
  404: ['EVO_NOT_FOUND', 'Evo Voice could not find that call. It may have ended.'],
  405: ['EVO_NOT_SUPPORTED', 'This Evo Voice server does not support that action.'],
  409: ['EVO_CONFLICT', 'Someone else changed this call at the same moment. Please try again.'],
  429: ['EVO_RATE_LIMITED', 'Evo Voice is asking us to slow down.'],
};

/** Status codes worth another attempt for idempotent requests. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

export function httpError(status: number, body: unknown): AppError {
  const serverMessage = serverMessageOf(body);
  const [code, fallback]: [ErrorCode, string] =
    byStatus[status] ??
    (status === 503 || status === 502 || status === 504
      ? ['EVO_UNAVAILABLE', 'Evo Voice is temporarily unavailable.']
      : status >= 500
        ? ['EVO_SERVER_ERROR', 'Evo Voice had a problem handling the request.']
        : ['EVO_HTTP_ERROR', `Evo Voice answered with an unexpected status (${status}).`]);
  return new AppError(code, serverMessage ?? fallback, isRetryableStatus(status), serverMessage !== null);
}

export const timeoutError = (seconds: number) => new AppError('EVO_TIMEOUT', `Evo Voice did not answer within ${seconds} s.`, true);

export const unreachableError = (host: string) =>
  new AppError('EVO_UNREACHABLE', `Can't reach the Evo Voice server at ${host}. Check your connection.`, true);

/** `unreachableError`'s words inside a sentence (the host may hold dots: the match is lazy). */
const UNREACHABLE_WORDS = /Can't reach the Evo Voice server at .*?\. Check your connection/;

/**
 * A failure that blamed Evo being out of reach, once Evo answers again: "check your connection"
 * is no longer true, what was not done still is (the card keeps its Retry).
 */
export const unreachableNoMore = (message: string): string =>
  message.replace(UNREACHABLE_WORDS, 'Evo Voice could not be reached then (it is back now)');

export const badResponseError = (what: string) =>
  new AppError('EVO_BAD_RESPONSE', `Evo Voice sent an answer we could not read (${what}).`, true);

/** Evo's words go into one line of ours: line breaks, escapes and other controls become a space. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** `responseStatus.message`, cleaned: one line, no control characters, bounded. */
function serverMessageOf(body: unknown): string | null {
  if (!body || typeof body !== 'object' || !('responseStatus' in body)) return null;
  const parsed = ResponseStatus.safeParse((body as { responseStatus: unknown }).responseStatus);
  if (!parsed.success) return null;
  const field = parsed.data.errors.find((error) => error.message)?.message;
  const message = parsed.data.message || field || '';
  const clean = message.replace(CONTROL_CHARACTERS, ' ').trim().slice(0, 300);
  return clean || null;
}

export const passwordChangedError = () => new AppError('AUTH_PASSWORD_CHANGED', 'Your password was changed or expired. Sign in again.');

export const otherSessionError = () =>
  new AppError(
    'EVO_BAD_RESPONSE',
    'Evo Voice answered about a different call than the one asked for. Check the call in Evo Voice before trying again.',
    false,
  );

/**
 * Evo answered 429 or 503 with a Retry-After: nothing of the app's own is sent until then. `cause`
 * is Evo's refusal of an agent's action (its code is kept); without one, the poll was not sent.
 */
export const askedToWaitError = (waitMs: number, cause?: AppError) =>
  new AppError(
    cause?.code ?? 'EVO_ASKED_TO_WAIT',
    `Evo Voice asked us to wait: ${cause ? 'try again' : 'next try'} in ${formatCountdown(waitMs)}.`,
    true,
  );
