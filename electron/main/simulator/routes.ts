/** The Evo Voice routes the simulator answers, as docs/evo-api.md describes them. */
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { SimRoute } from './faults';
import { fullName, type SimUser } from './model';
import { SimError, type SimulatorState } from './state';

export interface Route {
  name: SimRoute;
  method: string;
  pattern: RegExp;
  auth: boolean;
  run(ctx: Ctx): unknown;
}

export interface Ctx {
  user: SimUser;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  res: ServerResponse;
}

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
};

/** What a void op (EndSession, RedirectSession) answers: 204, written by the server after any fault. */
export const NO_CONTENT = Symbol('204 No Content');

export const errorBody = (errorCode: string, message: string, fieldName?: string) => ({
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

/** A body that names a session must name the one in the route. */
function sameSession(body: Record<string, unknown>, routeId: string): void {
  if (body.sessionId !== undefined && body.sessionId !== routeId) {
    throw new SimError(400, 'ArgumentException', 'SessionId does not match the route', 'SessionId');
  }
}

export interface RouteContext {
  state: SimulatorState;
  /** Sign-in cookies (ss-id and ss-pid values) to the user and expiry they stand for. */
  signIns: Map<string, { userId: string; expiresAt: number }>;
  cookieTtlMs: number;
  tokenTtlSec: number;
}

export function createRoutes({ state, signIns, cookieTtlMs: cookieTtl, tokenTtlSec: tokenTtl }: RouteContext): Route[] {
  const sessionsOf = (list: ReturnType<SimulatorState['active']>) => ({ sessions: list.map((s) => state.serialise(s)) });

  return [
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
        sameSession(body, params[0]!);
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
      // A named leg of a conference leaves it; otherwise the session ends (see state.hangUpLeg).
      run: ({ user, params, query }) => {
        const leg = query.get('callSid');
        if (leg) state.hangUpLeg(user, params[0]!, leg);
        else state.end(user, params[0]!);
        return NO_CONTENT;
      },
    },
    {
      name: 'redirect',
      method: 'POST',
      pattern: /^\/sessions\/([^/]+)\/redirect$/,
      auth: true,
      run: ({ user, params, body }) => {
        const destination = String(body.destination ?? '').trim();
        if (!destination) throw new SimError(400, 'NotEmpty', "'Destination' must not be empty.", 'Destination');
        const session = state.own(user, params[0]!);
        if (session.info.ended) throw new SimError(400, 'ArgumentException', 'Session has ended');
        state.end(user, params[0]!, 'Transferred', `Transferred to ${destination}`);
        return NO_CONTENT;
      },
    },
    {
      name: 'conferenceMembers',
      method: 'POST',
      pattern: /^\/sessions\/([^/]+)\/conference\/members$/,
      auth: true,
      run: ({ user, params, body }) => {
        sameSession(body, params[0]!);
        return state.serialise(state.addMember(user, params[0]!, String(body.callSid ?? ''), String(body.destination ?? '')));
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
}
