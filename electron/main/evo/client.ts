/**
 * The Evo Voice HTTP client (no Electron here). Every request has a deadline; GETs, hold and resume
 * are retried with backoff; a 401 triggers one re-sign-in with the credentials held in memory and
 * one replay (requests failing together share that one sign-in); a refused re-sign-in forgets the
 * password, since trying it again would lock the account. Errors come out as AppErrors with
 * stable codes.
 */
import type { z } from 'zod';
import { AppError } from '../../shared/result';
import type { HoldReason } from '../../shared/contract';
import { systemClock, type Clock } from '../ports';
import { AppConfig, AuthenticateResponse, ListEnvelope, SessionInfo, SessionList, UserInfo, type ListResponse } from './dto';
import { badResponseError, httpError, otherSessionError, passwordChangedError } from './errors';
import { exchange, WireFailure } from './http';
import { asksToWait, backoffDelay, defaultRetryPolicy, parseRetryAfter, type RetryPolicy } from './retry';
import { askedToWaitError } from './errors';
import type { EvoRequest } from './request';
import { resumeRequest } from './resume-request';
import { addMemberRequest, endForEveryoneRequest, leaveRequest } from './conference-requests';
import { normaliseServerUrl } from './server-url';
import { SessionCookies } from './session-cookies';
import { sessionPath } from './session-path';
import { readSessionRows, type SkippedRows } from './session-rows';

// Where callers have always found them.
export { normaliseServerUrl } from './server-url';
export { passwordChangedError } from './errors';

export interface EvoClientOptions {
  baseUrl: string;
  userAgent: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** For the whole operation, retries and waits included. */
  deadlineMs?: number;
  /** Answers longer than this are not read (EVO_RESPONSE_TOO_LARGE). */
  maxResponseBytes?: number;
  retry?: RetryPolicy;
  /** Backoff waits, deadlines, Retry-After dates and cookie expiry run on this clock. */
  clock?: Clock;
  /**
   * The server refused the password on a re-sign-in (changed or expired): the client has forgotten
   * it and will not try it again. Called once per refusal.
   */
  onCredentialsRejected?: () => void;
  /** Where malformed session rows are counted (shared by every client of the app, for diagnostics). */
  skippedRows?: SkippedRows;
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
  /** The session the answer must be about (hold, resume, patch, get): anything else is refused. */
  sessionId?: string;
  /**
   * Sent by the app on its own (the poll loop), not by the agent: never sent while Evo has asked us
   * to wait, and never retried (the loop's next poll is the retry).
   */
  background?: boolean;
}

const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * Evo accepted an action on a session (2xx) but its answer could not be read (too large, not
 * JSON, a shape we refuse): the action happened, so it must not be reported as failed. An
 * idempotent action is retried as usual; once retries are spent, the session is asked for again
 * instead (applied()).
 */
class AppliedUnread extends Error {}
/** Failures of a 2xx answer to an action (see AppliedUnread). */
const appliedFailures = new WeakSet<WireFailure>();
const markApplied = (failure: WireFailure) => {
  appliedFailures.add(failure);
  return failure;
};

const isAppliedAction = (spec: Spec<unknown>, status: number | null) =>
  spec.method !== 'GET' && spec.sessionId !== undefined && status !== null && status >= 200 && status <= 299;

export class EvoClient {
  readonly baseUrl: string;
  private readonly jar: SessionCookies;
  private credentials: Credentials | null = null;
  /** Bumped by every successful sign-in: a 401 to a request sent before it needs no new sign-in. */
  private signInEpoch = 0;
  /** The one re-sign-in in flight, shared by every request that got a 401 meanwhile. */
  private reauthenticating: Promise<void> | null = null;
  /** The server refused the remembered password: nothing is retried until the agent signs in. */
  private rejected = false;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly maxResponseBytes: number;
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  /** Until when (monotonic) Evo asked us to send nothing of our own (Retry-After on 429/503). */
  private waitUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: EvoClientOptions) {
    this.baseUrl = normaliseServerUrl(options.baseUrl);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.deadlineMs = options.deadlineMs ?? 25_000;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.retry = options.retry ?? defaultRetryPolicy;
    this.clock = options.clock ?? systemClock;
    this.jar = new SessionCookies(() => this.clock.now());
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
      this.rejected = false;
      this.signInEpoch += 1;
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
      this.rejected = false;
    }
  }

  authStatus(): Promise<UserInfo> {
    return this.get('/auth/status', UserInfo);
  }

  appConfig(): Promise<AppConfig> {
    return this.get('/app/config', AppConfig, { deviceType: 'Web' });
  }

  /**
   * How long Evo has asked us to wait before the app sends anything of its own (0: no wait). The
   * agent's own actions still go; the answer says so if Evo refuses them.
   */
  waitingMs(): number {
    return Math.max(0, this.waitUntil - this.clock.monotonic());
  }

  /** `poll`: the app's own poll: one request, never inside a wait Evo asked for (waitingMs). */
  async activeSessions({ poll = false } = {}): Promise<SessionInfo[]> {
    const { sessions } = await this.send({
      method: 'GET',
      path: '/sessions/active',
      schema: SessionList,
      retry: !poll,
      reauth: true,
      background: poll,
    });
    return readSessionRows(sessions, 'sessions/active', this.options.skippedRows ?? null);
  }

  async listSessions(query: HistoryQuery = {}): Promise<ListResponse> {
    const list = await this.get('/sessions', ListEnvelope, {
      page: query.page ?? 0,
      countPerPage: query.countPerPage ?? 25,
      sortField: 'dateCreated',
      sortOrder: 'Descend',
      startDate: query.startDate,
      endDate: query.endDate,
      specificIds: query.specificIds?.join(','),
      simplifiedPaging: true,
    });
    return { ...list, items: readSessionRows(list.items, 'sessions', this.options.skippedRows ?? null) };
  }

  async getSession(sessionId: string): Promise<SessionInfo> {
    return this.send({ method: 'GET', path: sessionPath(sessionId), schema: SessionInfo, retry: true, reauth: true, sessionId });
  }

  /** HoldSession is safe to repeat (a second hold is a no-op), so it is retried like a GET. */
  async hold(sessionId: string, callSid: string, reason: HoldReason): Promise<SessionInfo> {
    return this.applied(sessionId, {
      method: 'POST',
      path: sessionPath(sessionId, '/hold'),
      body: { callSid, sessionId, reason },
      schema: SessionInfo,
      retry: true,
      reauth: true,
      sessionId,
    });
  }

  async resume(sessionId: string): Promise<SessionInfo> {
    sessionPath(sessionId); // refuses an unsafe id; the route itself is resume-request.ts's (inferred)
    return this.applied(sessionId, { ...resumeRequest(sessionId), schema: SessionInfo, retry: true, reauth: true, sessionId });
  }

  async end(sessionId: string, callSid: string): Promise<void> {
    await this.send({
      method: 'DELETE',
      path: sessionPath(sessionId),
      query: { callSid },
      schema: null,
      retry: false,
      reauth: true,
    });
  }

  async transfer(sessionId: string, destination: string, callerId = ''): Promise<void> {
    await this.send({
      method: 'POST',
      path: sessionPath(sessionId, '/redirect'),
      body: { destination, callerId },
      schema: null,
      retry: false,
      reauth: true,
    });
  }

  /**
   * AddConferenceMember: dials `destination` into the call (a conference from then on). Not retried:
   * a second attempt could ring the person twice.
   */
  addConferenceMember(sessionId: string, callSid: string, destination: string, fromNumber?: string): Promise<SessionInfo> {
    return this.send({ ...addMemberRequest(sessionId, callSid, destination, fromNumber), schema: SessionInfo, retry: false, reauth: true });
  }

  /** The agent drops out of a conference; the others stay (see conference-requests.ts). */
  async leave(sessionId: string, agentCallSid: string): Promise<void> {
    await this.send({ ...leaveRequest(sessionId, agentCallSid), schema: null, retry: false, reauth: true });
  }

  /** A conference ends for everyone on it (see conference-requests.ts). */
  async endForEveryone(sessionId: string): Promise<void> {
    await this.send({ ...endForEveryoneRequest(sessionId), schema: null, retry: false, reauth: true });
  }

  /** PatchSession (documented): not retried, since a patch is not known to be idempotent. */
  async patch(sessionId: string, fields: { callState?: string; holdReason?: string; queueState?: string }): Promise<SessionInfo> {
    return this.applied(sessionId, {
      method: 'PATCH',
      path: sessionPath(sessionId),
      body: fields,
      schema: SessionInfo,
      retry: false,
      reauth: true,
      sessionId,
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

  /** An action on a session: an answer Evo accepted but we could not read becomes the session as Evo now has it. */
  private async applied(sessionId: string, spec: Spec<SessionInfo>): Promise<SessionInfo> {
    try {
      return await this.send(spec);
    } catch (error) {
      if (!(error instanceof AppliedUnread)) throw error;
      return this.getSession(sessionId);
    }
  }

  private get<T>(path: string, schema: z.ZodType<T>, query?: EvoRequest['query']): Promise<T> {
    return this.send({ method: 'GET', path, query, schema, retry: true, reauth: true });
  }

  private async send<T>(spec: Spec<T>): Promise<T> {
    if (spec.background && this.waitingMs() > 0) throw askedToWaitError(this.waitingMs());
    const started = this.clock.monotonic();
    let reauthenticated = false;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.once(spec);
      } catch (caught) {
        if (!(caught instanceof WireFailure)) throw caught;
        if (caught.status === 401 && spec.reauth && !reauthenticated) {
          if (this.rejected) throw passwordChangedError();
          // Signed in again since this request left: replaying it is enough.
          const stale = caught.epoch !== this.signInEpoch;
          if (!stale && !this.credentials) throw caught.error;
          reauthenticated = true;
          if (!stale) await this.reauthenticate();
          attempt -= 1;
          continue;
        }
        const delay = backoffDelay(this.retry, attempt, caught.retryAfterMs);
        const withinDeadline = this.clock.monotonic() - started + delay + this.timeoutMs <= this.deadlineMs;
        if (!spec.retry || !caught.error.retryable || attempt + 1 >= this.retry.attempts || !withinDeadline) {
          if (appliedFailures.has(caught)) throw new AppliedUnread();
          // Asked to wait longer than this action can: the agent is told how long.
          if (caught.retryAfterMs !== null) throw askedToWaitError(this.waitingMs(), caught.error);
          throw caught.error;
        }
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, delay));
      }
    }
  }

  private reauthenticate(): Promise<void> {
    this.reauthenticating ??= (async () => {
      try {
        await this.signIn(this.credentials!);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'AUTH_INVALID_CREDENTIALS') throw error;
        this.credentials = null;
        this.rejected = true;
        this.options.onCredentialsRejected?.();
        throw passwordChangedError();
      }
    })().finally(() => {
      this.reauthenticating = null;
    });
    return this.reauthenticating;
  }

  private async once<T>(spec: Spec<T>): Promise<T> {
    const epoch = this.signInEpoch;
    try {
      return await this.attempt(spec);
    } catch (error) {
      if (error instanceof WireFailure) error.epoch = epoch;
      throw error;
    }
  }

  private async attempt<T>(spec: Spec<T>): Promise<T> {
    const url = new URL(`${this.baseUrl}${spec.path}`);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.options.userAgent };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    const cookie = this.jar.header(url);
    if (cookie) headers.Cookie = cookie;

    const {
      status,
      setCookies,
      retryAfter: retryAfterHeader,
      text,
    } = await exchange(
      url,
      { method: spec.method, headers, body: spec.body === undefined ? undefined : JSON.stringify(spec.body) },
      { timeoutMs: this.timeoutMs, maxBytes: this.maxResponseBytes },
    ).catch((failure: unknown) => {
      throw failure instanceof WireFailure && isAppliedAction(spec, failure.status) ? markApplied(failure) : failure;
    });
    this.jar.absorb(url, setCookies);

    if (status < 200 || status > 299) {
      const retryAfter = asksToWait(status) ? parseRetryAfter(retryAfterHeader, this.clock.now()) : null;
      if (retryAfter !== null) this.waitUntil = Math.max(this.waitUntil, this.clock.monotonic() + retryAfter);
      throw new WireFailure(httpError(status, safeJson(text)), status, retryAfter);
    }
    const json = safeJson(text);
    // A void op answers 204 or `{}`; a garbled body means we cannot know that it happened.
    if (json === undefined && (spec.schema !== null || text.trim() !== '')) {
      const failure = new WireFailure(badResponseError('not JSON'), status, null);
      throw isAppliedAction(spec, status) ? markApplied(failure) : failure;
    }
    if (spec.schema === null) return undefined as T;
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || 'body';
      const failure = new WireFailure(badResponseError(`${field}: ${issue?.message ?? 'invalid'}`), status, null);
      throw isAppliedAction(spec, status) ? markApplied(failure) : failure;
    }
    // A hold answered with another session would put a ghost call on hold on screen.
    if (spec.sessionId !== undefined && (parsed.data as { id?: unknown }).id !== spec.sessionId) {
      throw new WireFailure(otherSessionError(), status, null);
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
