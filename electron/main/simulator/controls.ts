/**
 * The simulator's control routes (`/__sim/faults`, `/__sim/ring`, `/__sim/expire-cookies`,
 * `/__sim/hits`) for driving it from outside over HTTP. They exist only when the simulator is
 * started with `controls: true` (tests, `npm run simulator`, the browser harness), never in the
 * app's demo mode.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIM_ROUTES, type Fault, type FaultTable, type SimRoute } from './faults';
import { DEMO_EMAIL } from './model';
import { errorBody, json } from './routes';

/** What the control routes drive; tests call the same things directly on the Simulator. */
export interface SimulatorControls {
  readonly faults: FaultTable;
  /** Requests seen per route, faults included. */
  readonly hits: Record<SimRoute, number>;
  /** Forgets every sign-in: the next request gets 401. */
  expireCookies(): void;
  /** An incoming call ringing for the agent. Returns the new session id. */
  ring(email: string, from: { number: string; name?: string; queue?: string }): string;
}

export function controlRoutes(simulator: SimulatorControls) {
  return (req: IncomingMessage, res: ServerResponse, path: string, body: Record<string, unknown>) => {
    if (path === '/__sim/faults' && req.method === 'POST') {
      const route = body.route as SimRoute;
      if (!SIM_ROUTES.includes(route)) return json(res, 400, errorBody('ArgumentException', 'Unknown route'));
      simulator.faults.set(route, (body.fault ?? {}) as Fault);
      return json(res, 200, { ok: true });
    }
    if (path === '/__sim/faults' && req.method === 'DELETE') {
      simulator.faults.clear();
      return json(res, 200, { ok: true });
    }
    if (path === '/__sim/expire-cookies' && req.method === 'POST') {
      simulator.expireCookies();
      return json(res, 200, { ok: true });
    }
    if (path === '/__sim/ring' && req.method === 'POST') {
      const id = simulator.ring(String(body.email ?? DEMO_EMAIL), {
        number: String(body.number ?? '+15550100555'),
        name: typeof body.name === 'string' ? body.name : '',
        ...(typeof body.queue === 'string' ? { queue: body.queue } : {}),
      });
      return json(res, 200, { sessionId: id });
    }
    if (path === '/__sim/hits' && req.method === 'GET') return json(res, 200, simulator.hits);
    return json(res, 404, errorBody('NotFound', 'Unknown simulator control'));
  };
}
