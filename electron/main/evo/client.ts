/**
 * The Evo Voice HTTP client (no Electron here). Every request has a deadline; GETs, hold and resume
 * are retried with backoff; a 401 triggers one re-sign-in with the credentials held in memory and
 * one replay; errors come out as AppErrors with stable codes.
 */
import type { z } from 'zod';
import { AppError } from '../../shared/result';
import type { HoldReason } from '../../shared/contract';
import { AppConfig, AuthenticateResponse, ListResponse, SessionInfo, SessionList, UserInfo } from './dto';
import { CookieJar } from './cookie-jar';
import { badResponseError, httpError, timeoutError, unreachableError } from './errors';
import { backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry';
import { resumeRequest, type EvoRequest } from './resume-request';

export interface EvoClientOptions {
  baseUrl: string;
  userAgent: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** For the whole operation, retries and waits included. */
  deadlineMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

export interface Credentials {
  email: string;
  password: string;
}

export interface HistoryQuery {
  page?: number;
  countPerPage?: number;
  startDate?: string;
  endDate?: string;
  specificIds?: string[];
}

interface Spec<T> extends EvoRequest {
  schema: z.ZodType<T> | null;
  retry: boolean;
  reauth: boolean;
}

class WireFailure extends Error {
  constructor(
    readonly error: AppError,
    readonly status: number | null,
    readonly retryAfterMs: number | null,
  ) {
    super(error.message);
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class EvoClient {
  readonly baseUrl: string;
  private readonly jar = new CookieJar();
  private credentials: Credentials | null = null;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: EvoClientOptions) {
    this.baseUrl = normaliseServerUrl(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.deadlineMs = options.deadlineMs ?? 25_000;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.sleep = options.sleep ?? defaultSleep;
  }

  get host(): string {
    return new URL(this.baseUrl).host;
  }

  /** Signs in and keeps the cookies; the credentials stay in memory for one re-sign-in on 401. */
  async signIn(credentials: Credentials): Promise<AuthenticateResponse> {
    this.jar.clear();
    try {
      const response = await this.send({
        method: 'POST',
        path: '/auth/credentials',
        body: { provider: 'credentials', userName: credentials.email, password: credentials.password, rememberMe: true },
        schema: AuthenticateResponse,
        retry: false,
        reauth: false,
      });
      this.credentials = credentials;
      return response;
    } catch (error) {
      if (error instanceof AppError && error.code === 'EVO_UNAUTHORIZED') {
        throw new AppError('AUTH_INVALID_CREDENTIALS', 'Wrong email or password.');
      }
      throw error;
    }
  }

  async signOut(): Promise<void> {
    try {
      await this.send({ method: 'POST', path: '/auth/logout', schema: null, retry: false, reauth: false });
    } finally {
      this.jar.clear();
      this.credentials = null;
    }
  }

  authStatus(): Promise<UserInfo> {
    return this.get('/auth/status', UserInfo);
  }

  appConfig(): Promise<AppConfig> {
    return this.get('/app/config', AppConfig, { deviceType: 'Web' });
  }

  async activeSessions(): Promise<SessionInfo[]> {
    return (await this.get('/sessions/active', SessionList)).sessions;
  }

  listSessions(query: HistoryQuery = {}): Promise<ListResponse> {
    return this.get('/sessions', ListResponse, {
      page: query.page ?? 0,
      countPerPage: query.countPerPage ?? 25,
      sortField: 'dateCreated',
      sortOrder: 'Descend',
      startDate: query.startDate,
      endDate: query.endDate,
      specificIds: query.specificIds?.join(','),
      simplifiedPaging: true,
    });
  }

  getSession(sessionId: string): Promise<SessionInfo> {
    return this.get(`/sessions/${encodeURIComponent(sessionId)}`, SessionInfo);
  }

  /** HoldSession is safe to repeat (a second hold is a no-op), so it is retried like a GET. */
  hold(sessionId: string, callSid: string, reason: HoldReason): Promise<SessionInfo> {
    return this.send({
      method: 'POST',
      path: `/sessions/${encodeURIComponent(sessionId)}/hold`,
      body: { callSid, sessionId, reason },
      schema: SessionInfo,
      retry: true,
      reauth: true,
    });
  }

  resume(sessionId: string): Promise<SessionInfo> {
    return this.send({ ...resumeRequest(sessionId), schema: SessionInfo, retry: true, reauth: true });
  }

  async end(sessionId: string, callSid: string): Promise<void> {
    await this.send({
      method: 'DELETE',
      path: `/sessions/${encodeURIComponent(sessionId)}`,
      query: { callSid },
      schema: null,
      retry: false,
      reauth: true,
    });
  }

  async transfer(sessionId: string, destination: string, callerId = ''): Promise<void> {
    await this.send({
      method: 'POST',
      path: `/sessions/${encodeURIComponent(sessionId)}/redirect`,
      body: { destination, callerId },
      schema: null,
      retry: false,
      reauth: true,
    });
  }

  /** PatchSession (documented): not retried, since a patch is not known to be idempotent. */
  patch(sessionId: string, fields: { callState?: string; holdReason?: string; queueState?: string }): Promise<SessionInfo> {
    return this.send({
      method: 'PATCH',
      path: `/sessions/${encodeURIComponent(sessionId)}`,
      body: fields,
      schema: SessionInfo,
      retry: false,
      reauth: true,
    });
  }

  /** NewSession: used by the simulated call engine to place a call in demo mode. */
  createSession(toAddress: string, displayName: string): Promise<SessionInfo> {
    return this.send({
      method: 'POST',
      path: '/sessions',
      body: { displayName, channel: 'Voice', direction: 'Outgoing', callState: 'Connected', toAddress },
      schema: SessionInfo,
      retry: false,
      reauth: true,
    });
  }

  private get<T>(path: string, schema: z.ZodType<T>, query?: EvoRequest['query']): Promise<T> {
    return this.send({ method: 'GET', path, query, schema, retry: true, reauth: true });
  }

  private async send<T>(spec: Spec<T>): Promise<T> {
    const started = Date.now();
    let reauthenticated = false;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.once(spec);
      } catch (caught) {
        if (!(caught instanceof WireFailure)) throw caught;
        if (caught.status === 401 && spec.reauth && !reauthenticated && this.credentials) {
          reauthenticated = true;
          await this.signIn(this.credentials);
          attempt -= 1;
          continue;
        }
        const delay = backoffDelay(this.retry, attempt, caught.retryAfterMs);
        const withinDeadline = Date.now() - started + delay + this.timeoutMs <= this.deadlineMs;
        if (!spec.retry || !caught.error.retryable || attempt + 1 >= this.retry.attempts || !withinDeadline) {
          throw caught.error;
        }
        await this.sleep(delay);
      }
    }
  }

  private async once<T>(spec: Spec<T>): Promise<T> {
    const url = new URL(`${this.baseUrl}${spec.path}`);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.options.userAgent };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    const cookie = this.jar.header();
    if (cookie) headers.Cookie = cookie;

    // A timer cleared with the answer, rather than AbortSignal.timeout's, which stays armed for the
    // whole timeout after every request and cost about 10 µs more per request (npm run bench's hold row).
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    let text: string;
    let response: Response;
    try {
      response = await fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: abort.signal,
        redirect: 'error',
      });
      this.jar.absorb(response.headers);
      text = await response.text();
    } catch {
      throw new WireFailure(abort.signal.aborted ? timeoutError(this.timeoutMs / 1000) : unreachableError(url.host), null, null);
    } finally {
      clearTimeout(timer);
    }

    if (!response.ok) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      throw new WireFailure(httpError(response.status, safeJson(text)), response.status, retryAfter);
    }
    const json = safeJson(text);
    // A void op answers 204 or `{}`; a garbled body means we cannot know that it happened.
    if (json === undefined && (spec.schema !== null || text.trim() !== '')) {
      throw new WireFailure(badResponseError('not JSON'), response.status, null);
    }
    if (spec.schema === null) return undefined as T;
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || 'body';
      throw new WireFailure(badResponseError(`${field}: ${issue?.message ?? 'invalid'}`), response.status, null);
    }
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

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
