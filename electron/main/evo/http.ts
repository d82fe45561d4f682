/**
 * One HTTP exchange with Evo Voice: a deadline, no redirects, and a body read as a stream up to a
 * cap, so that a hostile or broken server cannot make us hold 100 MB. Failures come out as
 * WireFailure (an AppError plus what the retry loop needs to know).
 *
 * Node's http module rather than fetch: every hold and resume goes through here, and fetch's
 * WHATWG streams, Request/Headers objects and transferable AbortSignal cost about 0.1 ms a
 * request over http.request's (npm run bench, "hold/resume round trip").
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

/** What the client reads of an answer. */
export interface Exchange {
  status: number;
  setCookies: string[];
  retryAfter: string | null;
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

/**
 * A connection is kept open to Evo between requests, as fetch did, so that a hold does not pay for
 * a TCP and TLS handshake. An idle one is closed after this long, or a second before the server's
 * `Keep-Alive: timeout=` (Node applies the hint only under this limit): fetch's 4 s too. A request
 * sent on a socket the server has just closed fails as unreachable; ends and transfers are not
 * sent twice, as Evo may have carried them out.
 */
const IDLE_SOCKET_MS = 4_000;
const agents = {
  http: new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  https: new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

export function exchange(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  limits: ExchangeLimits,
): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    const headers = body === undefined ? init.headers : { ...init.headers, 'Content-Length': String(body.byteLength) };
    const request = (secure ? httpsRequest : httpRequest)(url, {
      method: init.method,
      headers,
      agent: secure ? agents.https : agents.http,
    });
    let settled = false;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy();
    }, limits.timeoutMs);
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (failure: WireFailure) => settle(() => reject(failure));
    const lost = () => fail(new WireFailure(timedOut ? timeoutError(limits.timeoutMs / 1000) : unreachableError(url.host), null, null));

    request.on('error', lost);
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const tooLarge = () => {
        fail(new WireFailure(tooLargeError(limits.maxBytes), status, null));
        // Stops the download: the connection is closed, not read to its end.
        response.destroy();
      };
      if (Number(response.headers['content-length'] ?? NaN) > limits.maxBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > limits.maxBytes) tooLarge();
        else chunks.push(chunk);
      });
      response.on('end', () =>
        settle(() =>
          resolve({
            status,
            setCookies: response.headers['set-cookie'] ?? [],
            retryAfter: firstValue(response.headers['retry-after']),
            text: (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8'),
          }),
        ),
      );
      // Cut off half way (reset, or our deadline): whatever arrived cannot be trusted.
      response.on('error', lost);
      response.on('close', () => response.complete || lost());
    });
    request.end(body);
  });
}

const firstValue = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));
