/**
 * One HTTP exchange with Evo Voice: a deadline, no redirects, and a body read as a stream up to a
 * cap, so that a hostile or broken server cannot make us hold 100 MB. Failures come out as
 * WireFailure (an AppError plus what the retry loop needs to know).
 */
import { AppError } from '../../shared/result';
import { timeoutError, unreachableError } from './errors';

export class WireFailure extends Error {
  /** Which sign-in the request went out with (see EvoClient). */
  epoch = 0;

  constructor(
    readonly error: AppError,
    readonly status: number | null,
    readonly retryAfterMs: number | null,
  ) {
    super(error.message);
  }
}

export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
}

export interface ExchangeLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const tooLargeError = (maxBytes: number) =>
  new AppError(
    'EVO_RESPONSE_TOO_LARGE',
    `Evo Voice sent an answer larger than ${Math.round(maxBytes / 1024 / 1024) || '<1'} MB; it was not read. Contact your Evo Voice administrator if this repeats.`,
    false,
  );

export async function exchange(url: URL, init: { method: string; headers: Record<string, string>; body?: string }, limits: ExchangeLimits): Promise<Exchange> {
  // A timer cleared with the answer, rather than AbortSignal.timeout's, which stays armed for the
  // whole timeout after every request and cost about 10 µs more per request (npm run bench's hold row).
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), limits.timeoutMs);
  try {
    const response = await fetch(url, { ...init, signal: abort.signal, redirect: 'error' });
    const text = await readCapped(response, limits.maxBytes);
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (error instanceof WireFailure) throw error;
    throw new WireFailure(abort.signal.aborted ? timeoutError(limits.timeoutMs / 1000) : unreachableError(url.host), null, null);
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () => new WireFailure(tooLargeError(maxBytes), response.status, null);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  // A declared length within the cap (undici holds the body to it): read it whole, the fast way.
  if (Number.isFinite(declared)) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      // Stop the download: cancelling the stream closes the connection.
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
