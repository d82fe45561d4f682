/**
 * The Evo Voice simulator: a real HTTP server on 127.0.0.1 that follows ../shared/evo-api
 * (ServiceStack-shaped errors, cookie sessions that expire, the GetSession empty-log quirk) with
 * per-route fault injection. Used by tests, the browser harness and the app's demo mode.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultTable, SIM_ROUTES, type Fault, type SimRoute } from './faults';
import type { SimUser } from './model';
import { createRoutes, errorBody, json } from './routes';
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
  /** Called as each API request arrives (benchmarks time "request on the wire" with it). */
  onRequest?: (route: SimRoute) => void;
  /**
   * Called when a call rings for an agent. Demo mode has no Voice SDK to announce the invite, so
   * the app's refresh on "incoming" hangs here instead.
   */
  onRing?: (email: string, sessionId: string) => void;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly state: SimulatorState;
  readonly faults: FaultTable;
  /** Requests seen per route, faults included. */
  readonly hits: Record<SimRoute, number>;
  /** Every API request in the order it arrived (the last 5,000): route, method and session id. */
  readonly requests: readonly SimRequest[];
  /**
   * The most of this user's calls that were ever connected at the same moment: an agent's softphone
   * must keep it at 1 (hold one call before taking another).
   */
  peakConnected(email: string): number;
  /** Forgets every sign-in: the next request gets 401. */
  expireCookies(): void;
  /** An incoming call ringing for the agent. Returns the new session id. */
  ring(email: string, from: { number: string; name?: string; queue?: string }): string;
  /** Refuses connections for `ms`, then listens again on the same port. */
  goDown(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface SimRequest {
  route: SimRoute;
  method: string;
  /** The session named in the path, when there is one. */
  sessionId: string | null;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const state = new SimulatorState();
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
    if (fault.status) {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      json(res, fault.status, errorBody(fault.status >= 500 ? 'ServiceUnavailable' : 'Error', fault.message ?? `Simulated ${fault.status}`), headers);
      return true;
    }
    return false;
  };

  const admin = async (req: IncomingMessage, res: ServerResponse, path: string, body: Record<string, unknown>) => {
    if (path === '/__sim/faults' && req.method === 'POST') {
      const route = body.route as SimRoute;
      if (!SIM_ROUTES.includes(route)) return json(res, 400, errorBody('ArgumentException', 'Unknown route'));
      faults.set(route, (body.fault ?? {}) as Fault);
      return json(res, 200, { ok: true });
    }
    if (path === '/__sim/faults' && req.method === 'DELETE') {
      faults.clear();
      return json(res, 200, { ok: true });
    }
    if (path === '/__sim/expire-cookies' && req.method === 'POST') {
      signIns.clear();
      return json(res, 200, { ok: true });
    }
    if (path === '/__sim/ring' && req.method === 'POST') {
      const id = simulator.ring(String(body.email ?? 'demo@evosoftphone.local'), {
        number: String(body.number ?? '+15550100555'),
        name: typeof body.name === 'string' ? body.name : '',
      });
      return json(res, 200, { sessionId: id });
    }
    if (path === '/__sim/hits' && req.method === 'GET') return json(res, 200, hits);
    return json(res, 404, errorBody('NotFound', 'Unknown simulator control'));
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
    if (url.pathname.startsWith('/__sim/')) return admin(req, res, url.pathname, body);

    const candidates = routes.filter((route) => route.pattern.test(url.pathname));
    const route = candidates.find((candidate) => candidate.method === req.method);
    if (!route) {
      return candidates.length > 0
        ? json(res, 405, errorBody('NotSupported', `${req.method} is not supported on ${url.pathname}`))
        : json(res, 404, errorBody('NotFound', `Handler for ${req.method} ${url.pathname} was not found`));
    }
    hits[route.name] += 1;
    requests.push({ route: route.name, method: req.method ?? '', sessionId: sessionIdIn(url.pathname) });
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
      if (!res.headersSent) json(res, 200, result);
    } catch (error) {
      if (error instanceof SimError) return json(res, error.status, errorBody(error.errorCode, error.message, error.fieldName));
      return json(res, 500, errorBody('Exception', 'An unexpected error occurred'));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, errorBody('Exception', 'An unexpected error occurred')));
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
    faults,
    hits,
    requests,
    peakConnected: (email) => state.peakConnected(email),
    expireCookies: () => signIns.clear(),
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
  return simulator;
}

const sessionIdIn = (path: string): string | null => {
  const match = /^\/sessions\/([^/]+)/.exec(path);
  return match && match[1] !== 'active' && match[1] !== 'my' ? decodeURIComponent(match[1]!) : null;
};

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
