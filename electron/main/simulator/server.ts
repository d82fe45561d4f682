/**
 * The Evo Voice simulator: a real HTTP server on 127.0.0.1 that follows docs/evo-api.md
 * (ServiceStack-shaped errors, cookie sessions that expire, the GetSession empty-log quirk) with
 * per-route fault injection. Used by tests, the browser harness and the app's demo mode.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { controlRoutes, SimulatorControls } from './controls';
import { FaultTable, SIM_ROUTES, type Fault, type SimRoute } from './faults';
import { DEMO_EMAIL, DEMO_PASSWORD, type SimUser } from './model';
import { createRoutes, errorBody, json, NO_CONTENT } from './routes';
import { seedDemo, type SeedOptions } from './seed';
import { SimError, SimulatorState } from './state';

export interface SimulatorOptions {
  port?: number;
  /** false: start empty (tests add their own calls). */
  seed?: SeedOptions | false;
  /** Lifetime of a sign-in cookie. */
  cookieTtlMs?: number;
  /** Lifetime of the Twilio access token handed out by /app/config. */
  tokenTtlSec?: number;
  /** How long an invited conference member rings before joining (default 1.5 s). */
  memberAnswerMs?: number;
  /** Called as each API request arrives (benchmarks time "request on the wire" with it). */
  onRequest?: (route: SimRoute) => void;
  /** Serve the `/__sim/...` control routes (tests, `npm run simulator`, the harness); off in demo mode. */
  controls?: boolean;
  /**
   * Called when a call rings for an agent. Demo mode has no Voice SDK to announce the invite, so
   * the app's refresh on "incoming" hangs here instead.
   */
  onRing?: (email: string, sessionId: string) => void;
}

export interface Simulator extends SimulatorControls {
  readonly url: string;
  readonly port: number;
  readonly state: SimulatorState;
  /** The demo agent: what demo mode signs in with. */
  readonly demoAccount: { email: string; password: string };
  /** Every API request in the order it arrived (the last 5,000): route, method and session id. */
  readonly requests: readonly SimRequest[];
  /**
   * The most of this user's calls that were ever connected at the same moment: an agent's softphone
   * must keep it at 1 (hold one call before taking another).
   */
  peakConnected(email: string): number;
  /** Resolves once no request is being handled (a slow one included): "the server is done". */
  idle(): Promise<void>;
  /** Refuses connections for `ms`, then listens again on the same port. */
  goDown(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface SimRequest {
  route: SimRoute;
  method: string;
  /** The session named in the path, when there is one. */
  sessionId: string | null;
  /** The JSON body and the query string as sent (tests check request shapes with them). */
  body: Record<string, unknown>;
  query: Record<string, string>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const state = new SimulatorState();
  if (options.memberAnswerMs !== undefined) state.memberAnswerMs = options.memberAnswerMs;
  if (options.seed !== false) seedDemo(state, options.seed ?? {});
  const faults = new FaultTable();
  const hits = Object.fromEntries(SIM_ROUTES.map((route) => [route, 0])) as Record<SimRoute, number>;
  const requests: SimRequest[] = [];
  const signIns = new Map<string, { userId: string; expiresAt: number }>();
  const cookieTtl = options.cookieTtlMs ?? 8 * 3600_000;
  const tokenTtl = options.tokenTtlSec ?? 3600;

  const userOf = (req: IncomingMessage): SimUser | null => {
    const cookies = Object.fromEntries(
      (req.headers.cookie ?? '').split(';').map((part) => {
        const eq = part.indexOf('=');
        return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
      }),
    );
    for (const token of [cookies['ss-id'], cookies['ss-pid']]) {
      const entry = token ? signIns.get(token) : undefined;
      if (entry && entry.expiresAt > Date.now()) return state.userById(entry.userId) ?? null;
    }
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic) {
      const [email = '', password = ''] = Buffer.from(basic[1]!, 'base64').toString().split(':');
      const user = state.userByEmail(email);
      if (user && user.password === password) return user;
    }
    return null;
  };

  const routes = createRoutes({ state, signIns, cookieTtlMs: cookieTtl, tokenTtlSec: tokenTtl });
  // Set once the simulator exists, and only when asked for.
  let controls: ReturnType<typeof controlRoutes> | null = null;

  const applyFault = async (fault: Fault, res: ServerResponse, req: IncomingMessage): Promise<boolean> => {
    if (fault.drop) {
      const socket = req.socket as Socket & { resetAndDestroy?: () => void };
      if (socket.resetAndDestroy) socket.resetAndDestroy();
      else socket.destroy();
      return true;
    }
    if (fault.malformed) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"SE-broken","callState":');
      return true;
    }
    if (fault.body !== undefined) {
      json(res, fault.status ?? 200, fault.body);
      return true;
    }
    if (fault.hugeBodyBytes) {
      streamHugeBody(res, fault.hugeBodyBytes);
      return true;
    }
    if (fault.status) {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      json(
        res,
        fault.status,
        errorBody(fault.status >= 500 ? 'ServiceUnavailable' : 'Error', fault.message ?? `Simulated ${fault.status}`),
        headers,
      );
      return true;
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        const parsed = JSON.parse(raw) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        return json(res, 400, errorBody('SerializationException', 'Could not deserialize the request body'));
      }
    }
    if (controls && url.pathname.startsWith('/__sim/')) return controls(req, res, url.pathname, body);

    const candidates = routes.filter((route) => route.pattern.test(url.pathname));
    const route = candidates.find((candidate) => candidate.method === req.method);
    if (!route) {
      return candidates.length > 0
        ? json(res, 405, errorBody('NotSupported', `${req.method} is not supported on ${url.pathname}`))
        : json(res, 404, errorBody('NotFound', `Handler for ${req.method} ${url.pathname} was not found`));
    }
    hits[route.name] += 1;
    requests.push({
      route: route.name,
      method: req.method ?? '',
      sessionId: sessionIdIn(url.pathname),
      body,
      query: Object.fromEntries(url.searchParams),
    });
    if (requests.length > 5000) requests.splice(0, requests.length - 5000);
    options.onRequest?.(route.name);
    const userAgent = req.headers['user-agent'] ?? '';
    if (!userAgent || /^curl\//i.test(userAgent)) {
      return json(res, 403, errorBody('Forbidden', 'A client User-Agent is required'));
    }
    const fault = faults.take(route.name);
    if (fault?.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault && !fault.applyFirst && (await applyFault(fault, res, req))) return;

    const user = userOf(req);
    if (route.auth && !user) return json(res, 401, errorBody('Unauthorized', 'Not Authenticated'));
    const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map((part) => decodeURIComponent(part));
    try {
      const result = route.run({ user: user!, params, query: url.searchParams, body, res });
      if (user) state.observeConnected(user);
      if (fault?.applyFirst && (await applyFault(fault, res, req))) return;
      if (result === NO_CONTENT) res.writeHead(204).end();
      else if (!res.headersSent) json(res, 200, result);
    } catch (error) {
      if (error instanceof SimError) return json(res, error.status, errorBody(error.errorCode, error.message, error.fieldName));
      return json(res, 500, errorBody('Exception', 'An unexpected error occurred'));
    }
  };

  let inFlight = 0;
  const idleWaiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    inFlight += 1;
    handle(req, res)
      .catch(() => json(res, 500, errorBody('Exception', 'An unexpected error occurred')))
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) for (const resolve of idleWaiters.splice(0)) resolve();
      });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(options.port ?? 0);
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  const simulator: Simulator = {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    demoAccount: { email: DEMO_EMAIL, password: DEMO_PASSWORD },
    faults,
    hits,
    requests,
    peakConnected: (email) => state.peakConnected(email),
    expireCookies: () => signIns.clear(),
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    ring(email, from) {
      const user = state.userByEmail(email);
      if (!user) throw new Error(`No simulator user ${email}`);
      const call = { direction: 'Incoming', number: from.number, name: from.name, state: 'Ringing', queue: from.queue } as const;
      const id = state.addCall(user, call).info.id;
      options.onRing?.(user.email, id);
      return id;
    },
    async goDown(ms) {
      await stop();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await listen(port);
    },
    close: stop,
  };
  // Imported only here, so that the app's demo chunk carries no control routes at all.
  if (options.controls) controls = (await import('./controls')).controlRoutes(simulator);
  return simulator;
}

const sessionIdIn = (path: string): string | null => {
  const match = /^\/sessions\/([^/]+)/.exec(path);
  return match && match[1] !== 'active' && match[1] !== 'my' ? decodeURIComponent(match[1]!) : null;
};

/** `{"sessions":[],"padding":"xxxx…"}` of about `bytes` bytes, in 64 KiB chunks as the client reads them. */
function streamHugeBody(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = 'x'.repeat(64 * 1024);
  let left = Math.max(0, bytes - 32);
  res.write('{"sessions":[],"padding":"');
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const part = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= part.length;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('"}');
  };
  res.on('error', () => undefined);
  pump();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
