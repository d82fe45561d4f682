/**
 * The Evo Voice simulator: a real HTTP server on 127.0.0.1 that follows ../shared/evo-api
 * (ServiceStack-shaped errors, cookie sessions that expire, the GetSession empty-log quirk) with
 * per-route fault injection. Used by tests, the browser harness and the app's demo mode.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { FaultTable, SIM_ROUTES, type Fault, type SimRoute } from './faults';
import { fullName, type SimUser } from './model';
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
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly state: SimulatorState;
  readonly faults: FaultTable;
  /** Requests seen per route, faults included. */
  readonly hits: Record<SimRoute, number>;
  /** Forgets every sign-in: the next request gets 401. */
  expireCookies(): void;
  /** An incoming call ringing for the agent. Returns the new session id. */
  ring(email: string, from: { number: string; name?: string }): string;
  /** Refuses connections for `ms`, then listens again on the same port. */
  goDown(ms: number): Promise<void>;
  close(): Promise<void>;
}

interface Route {
  name: SimRoute;
  method: string;
  pattern: RegExp;
  auth: boolean;
  run(ctx: Ctx): unknown;
}

interface Ctx {
  user: SimUser;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  res: ServerResponse;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
};

const errorBody = (errorCode: string, message: string, fieldName?: string) => ({
  responseStatus: {
    errorCode,
    message,
    errors: fieldName ? [{ errorCode, fieldName, message }] : [],
  },
});

function fakeJwt(user: SimUser, ttlSec: number): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    jti: `SK-sim-${now}`,
    iss: 'SK-simulator',
    sub: 'AC-simulator',
    iat: now,
    exp: now + ttlSec,
    grants: { identity: user.identity, voice: { incoming: { allow: true } } },
  };
  return `${encode({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })}.${encode(payload)}.${randomBytes(32).toString('base64url')}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const state = new SimulatorState();
  if (options.seed !== false) seedDemo(state, options.seed ?? {});
  const faults = new FaultTable();
  const hits = Object.fromEntries(SIM_ROUTES.map((route) => [route, 0])) as Record<SimRoute, number>;
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

  const sessionsOf = (list: ReturnType<SimulatorState['active']>) => ({ sessions: list.map((s) => state.serialise(s)) });

  const routes: Route[] = [
    {
      name: 'signIn',
      method: 'POST',
      pattern: /^\/auth\/credentials$/,
      auth: false,
      run: ({ body, res }) => {
        const user = state.userByEmail(String(body.userName ?? ''));
        if (!user || user.password !== body.password) {
          throw new SimError(401, 'Unauthorized', 'Invalid UserName or Password');
        }
        const id = randomBytes(18).toString('base64url');
        const permanent = randomBytes(18).toString('base64url');
        const expiresAt = Date.now() + cookieTtl;
        signIns.set(id, { userId: user.id, expiresAt });
        signIns.set(permanent, { userId: user.id, expiresAt });
        res.setHeader('set-cookie', [
          `ss-id=${id}; path=/; samesite=lax; httponly`,
          `ss-pid=${permanent}; expires=${new Date(expiresAt).toUTCString()}; path=/; samesite=lax; httponly`,
          'ss-opt=perm; path=/; samesite=lax; httponly',
        ]);
        return { userId: user.id, sessionId: id, userName: user.email, displayName: fullName(user), roles: ['User'] };
      },
    },
    {
      name: 'authStatus',
      method: 'GET',
      pattern: /^\/auth\/status$/,
      auth: true,
      run: ({ user }) => ({
        id: user.id,
        isAuthenticated: true,
        firstName: user.firstName,
        lastName: user.lastName,
        name: fullName(user),
        emailAddress: user.email,
        roles: ['User'],
        accountIds: [user.accountId],
        accountNames: [],
      }),
    },
    {
      name: 'logout',
      method: 'POST',
      pattern: /^\/auth\/logout$/,
      auth: false,
      run: ({ res }) => {
        res.setHeader('set-cookie', ['ss-id=; max-age=0; path=/', 'ss-pid=; max-age=0; path=/']);
        return {};
      },
    },
    {
      name: 'appConfig',
      method: 'GET',
      pattern: /^\/app\/config$/,
      auth: true,
      run: ({ user }) => ({
        endpointId: user.endpointId,
        accountId: user.accountId,
        customerId: '',
        accessToken: fakeJwt(user, tokenTtl),
        identity: user.identity.replace(/^client:/, ''),
        emailAddress: user.email,
        userInfo: { firstName: user.firstName, lastName: user.lastName, name: fullName(user), avatarUrl: '' },
        agentState: 'Ready',
        appSettings: { enableDialer: true, enableCallHistory: true },
      }),
    },
    { name: 'active', method: 'GET', pattern: /^\/sessions\/active$/, auth: true, run: ({ user }) => sessionsOf(state.active(user)) },
    { name: 'my', method: 'GET', pattern: /^\/sessions\/my$/, auth: true, run: ({ user }) => sessionsOf(state.active(user)) },
    {
      name: 'list',
      method: 'GET',
      pattern: /^\/sessions$/,
      auth: true,
      run: ({ user, query }) => {
        const page = Math.max(0, Number(query.get('page') ?? 0) || 0);
        const perPage = Math.min(500, Math.max(1, Number(query.get('countPerPage') ?? 25) || 25));
        const ids = query.get('specificIds')?.split(',').filter(Boolean);
        const start = query.get('startDate');
        const end = query.get('endDate');
        let list = state.mine(user);
        if (ids) list = list.filter((s) => ids.includes(s.info.id));
        if (start) list = list.filter((s) => s.info.dateCreated >= start);
        if (end) list = list.filter((s) => s.info.dateCreated.slice(0, 10) <= end);
        if (query.get('sortOrder') === 'Ascend') list.reverse();
        const items = list.slice(page * perPage, (page + 1) * perPage).map((s) => state.serialise(s));
        return {
          items,
          totalCount: list.length,
          totalPages: Math.ceil(list.length / perPage),
          hasMorePages: (page + 1) * perPage < list.length,
        };
      },
    },
    {
      name: 'get',
      method: 'GET',
      pattern: /^\/sessions\/([^/]+)$/,
      auth: true,
      // Evo's quirk: GetSession answers with an empty log; only the list route fills it.
      run: ({ user, params }) => state.serialise(state.own(user, params[0]!), false),
    },
    {
      name: 'hold',
      method: 'POST',
      pattern: /^\/sessions\/([^/]+)\/hold$/,
      auth: true,
      run: ({ user, params, body }) => {
        if (body.sessionId !== undefined && body.sessionId !== params[0]) {
          throw new SimError(400, 'ArgumentException', 'SessionId does not match the route', 'SessionId');
        }
        const reason = body.reason === undefined ? 'None' : String(body.reason);
        return state.serialise(state.hold(user, params[0]!, String(body.callSid ?? ''), reason));
      },
    },
    {
      name: 'patch',
      method: 'PATCH',
      pattern: /^\/sessions\/([^/]+)$/,
      auth: true,
      run: ({ user, params, body }) => state.serialise(state.patch(user, params[0]!, body)),
    },
    {
      name: 'end',
      method: 'DELETE',
      pattern: /^\/sessions\/([^/]+)$/,
      auth: true,
      run: ({ user, params, res }) => {
        state.end(user, params[0]!);
        res.writeHead(204).end();
      },
    },
    {
      name: 'redirect',
      method: 'POST',
      pattern: /^\/sessions\/([^/]+)\/redirect$/,
      auth: true,
      run: ({ user, params, body, res }) => {
        const destination = String(body.destination ?? '').trim();
        if (!destination) throw new SimError(400, 'NotEmpty', "'Destination' must not be empty.", 'Destination');
        const session = state.own(user, params[0]!);
        if (session.info.ended) throw new SimError(400, 'ArgumentException', 'Session has ended');
        state.end(user, params[0]!, 'Transferred', `Transferred to ${destination}`);
        res.writeHead(204).end();
      },
    },
    {
      name: 'create',
      method: 'POST',
      pattern: /^\/sessions$/,
      auth: true,
      run: ({ user, body }) => {
        const to = String(body.toAddress ?? '').trim();
        if (!to) throw new SimError(400, 'NotEmpty', "'To Address' must not be empty.", 'ToAddress');
        const session = state.addCall(user, {
          direction: 'Outgoing',
          number: to,
          name: typeof body.displayName === 'string' ? body.displayName : '',
          state: 'Connected',
        });
        return state.serialise(session);
      },
    },
  ];

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
    expireCookies: () => signIns.clear(),
    ring(email, from) {
      const user = state.userByEmail(email);
      if (!user) throw new Error(`No simulator user ${email}`);
      return state.addCall(user, { direction: 'Incoming', number: from.number, name: from.name, state: 'Ringing' }).info.id;
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
