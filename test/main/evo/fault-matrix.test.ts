/**
 * The fault matrix: hold, resume and end against the simulator under every fault class, through
 * the router, the sync loop and history, the Evo client and SQLite on disk. Every cell is compared with
 * the expected table below: the answer the agent sees first, how many requests the action sent on
 * its own route (from the simulator's log: retries show here), the answer to the agent's Retry once
 * the fault is over, how many times the server applied the action, the re-sign-ins, and whether
 * the cache agrees with the server (computed, after the answer and after a sync).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import type { SimRoute } from '../../../electron/main/simulator/faults';
import type { Result } from '../../../electron/shared/result';
import { FakeClock, InstantClock } from '../../support/clock';
import { coreFor, type TestCore } from '../../support/core';

type Op = 'hold' | 'resume' | 'end';
const DOWN_MS = Number(process.env.FAULT_MATRIX_DOWN_MS ?? 30_000);
const DOWN = `down ${DOWN_MS / 1000} s`;

/** Each fault is injected just before the action; `down` answers when the server is back. */
const faults: Record<string, (sim: Simulator, route: SimRoute, sessionId: string) => Promise<void> | void> = {
  '500 once': (sim, route) => sim.faults.set(route, { status: 500, times: 1 }),
  '503 + Retry-After': (sim, route) => sim.faults.set(route, { status: 503, retryAfter: 1, times: 1 }),
  timeout: (sim, route) => sim.faults.set(route, { latencyMs: 1_500, times: 1 }),
  'connection reset': (sim, route) => sim.faults.set(route, { drop: true, times: 1 }),
  '401 then success': (sim) => sim.expireCookies(),
  'malformed JSON': (sim, route) => sim.faults.set(route, { malformed: true, times: 1 }),
  'applied, then 500': (sim, route) => sim.faults.set(route, { status: 500, applyFirst: true, times: 1 }),
  '404 session gone': (sim, _route, sessionId) => void sim.state.sessions.delete(sessionId),
  '403': (sim, route) => sim.faults.set(route, { status: 403, message: 'This call belongs to another team', times: 5 }),
  [DOWN]: (sim) => sim.goDown(DOWN_MS),
};

interface Row {
  /** `done`, or the error code the agent sees. */
  first: string;
  /** Requests the action sent on its own route (hold / patch / end). */
  sent: number;
  /** The agent's Retry after the fault ended: `done (requests)`, or `-` when there is nothing to retry. */
  retry: string;
  /** Times the server carried the action out (its log lines). */
  applied: number;
  signIns: number;
  cacheAgrees: 'yes' | 'no';
}

/** Hold and resume are idempotent and retried by the client; end is sent once (a repeat could end the next call). */
const idempotent: Record<string, Omit<Row, 'cacheAgrees'>> = {
  '500 once': { first: 'done', sent: 2, retry: '-', applied: 1, signIns: 0 },
  '503 + Retry-After': { first: 'done', sent: 2, retry: '-', applied: 1, signIns: 0 },
  timeout: { first: 'done', sent: 2, retry: '-', applied: 1, signIns: 0 },
  'connection reset': { first: 'done', sent: 2, retry: '-', applied: 1, signIns: 0 },
  '401 then success': { first: 'done', sent: 2, retry: '-', applied: 1, signIns: 1 },
  'malformed JSON': { first: 'done', sent: 2, retry: '-', applied: 1, signIns: 0 },
  'applied, then 500': { first: 'done', sent: 2, retry: '-', applied: 1, signIns: 0 },
  '404 session gone': { first: 'EVO_NOT_FOUND', sent: 1, retry: '-', applied: 0, signIns: 0 },
  '403': { first: 'EVO_FORBIDDEN', sent: 1, retry: 'done (1)', applied: 1, signIns: 0 },
  [DOWN]: { first: 'EVO_UNREACHABLE', sent: 0, retry: 'done (1)', applied: 1, signIns: 0 },
};
const sentOnce: Record<string, Omit<Row, 'cacheAgrees'>> = {
  '500 once': { first: 'EVO_SERVER_ERROR', sent: 1, retry: 'done (1)', applied: 1, signIns: 0 },
  '503 + Retry-After': { first: 'EVO_UNAVAILABLE', sent: 1, retry: 'done (1)', applied: 1, signIns: 0 },
  timeout: { first: 'EVO_TIMEOUT', sent: 1, retry: 'done (1)', applied: 1, signIns: 0 },
  'connection reset': { first: 'EVO_UNREACHABLE', sent: 1, retry: 'done (1)', applied: 1, signIns: 0 },
  '401 then success': { first: 'done', sent: 2, retry: '-', applied: 1, signIns: 1 },
  'malformed JSON': { first: 'EVO_BAD_RESPONSE', sent: 1, retry: 'done (1)', applied: 1, signIns: 0 },
  // Evo ended the call and then failed to say so: one look at the server shows it is over, so the
  // agent is told the hang-up worked (no Retry, which would end nothing or something else).
  'applied, then 500': { first: 'done', sent: 1, retry: '-', applied: 1, signIns: 0 },
  '404 session gone': { first: 'EVO_NOT_FOUND', sent: 1, retry: '-', applied: 0, signIns: 0 },
  '403': { first: 'EVO_FORBIDDEN', sent: 1, retry: 'done (1)', applied: 1, signIns: 0 },
  [DOWN]: { first: 'EVO_UNREACHABLE', sent: 0, retry: 'done (1)', applied: 1, signIns: 0 },
};
const expected: Record<Op, Record<string, Row>> = {
  hold: withCacheAgreeing(idempotent),
  resume: withCacheAgreeing(idempotent),
  end: withCacheAgreeing(sentOnce),
};

function withCacheAgreeing(rows: Record<string, Omit<Row, 'cacheAgrees'>>): Record<string, Row> {
  return Object.fromEntries(Object.entries(rows).map(([fault, row]) => [fault, { ...row, cacheAgrees: 'yes' as const }]));
}

const ROUTE: Record<Op, SimRoute> = { hold: 'hold', resume: 'patch', end: 'end' };
/** The server's log line for each action, to count how often it was carried out. */
const APPLIED: Record<Op, RegExp> = { hold: /^Call placed on hold/, resume: /^Call resumed/, end: /^Call ended/ };

const measured: [Op, string, Row][] = [];
afterAll(() => {
  const header = ['op', 'fault', 'first answer', 'sent', 'agent Retry', 'applied', 'sign-ins', 'cache = server'];
  const order = (op: Op, fault: string) => ['hold', 'resume', 'end'].indexOf(op) * 100 + Object.keys(faults).indexOf(fault);
  const rows = [...measured].sort((a, b) => order(a[0], a[1]) - order(b[0], b[1]));
  const table = [
    header,
    ...rows.map(([op, fault, row]) => [
      op,
      fault,
      row.first,
      String(row.sent),
      row.retry,
      String(row.applied),
      String(row.signIns),
      row.cacheAgrees,
    ]),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(
    ['', 'Fault matrix (measured)', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join(
      '\n',
    ),
  );
});

const answerOf = (result: Result<unknown>) => (result.ok ? 'done' : result.error.code);

/** The cache's active calls against the server's: the same ids, and held exactly where the server holds. */
async function cacheAgrees(t: TestCore, simulator: Simulator): Promise<boolean> {
  const cached = (await t.value('sessions.active')).sessions;
  const agent = simulator.state.userByEmail('demo@evosoftphone.local')!;
  const server = simulator.state.active(agent).map((session) => session.info);
  const key = (id: string, held: boolean) => `${id}:${held ? 'held' : 'live'}`;
  const ours = cached.map((view) => key(view.id, view.held)).sort();
  const theirs = server.map((info) => key(info.id, info.callState === 'Hold')).sort();
  return JSON.stringify(ours) === JSON.stringify(theirs);
}

async function cell(op: Op, fault: string): Promise<Row> {
  const simulator = await startSimulator({ seed: { history: 0 } });
  // No poll timers (FakeClock), and the client's backoff and Retry-After waits pass at once.
  const t = coreFor(simulator, { clock: new FakeClock(Date.now()), client: { clock: new InstantClock() } });
  try {
    await t.value('auth.signIn', { server: simulator.url, email: 'demo@evosoftphone.local', password: 'demo', remember: false });
    await t.core.sync.syncNow();
    const sessionId = (await t.value('sessions.active')).sessions[0]!.id;
    if (op === 'resume') await t.value('sessions.hold', { sessionId });
    // Whatever the set-up started (a sync after the hold) is over before the fault goes in.
    await t.core.sync.syncNow();
    await simulator.idle();
    const act = () => t.call(`sessions.${op}` as 'sessions.hold', { sessionId });
    const route = ROUTE[op];

    const hitsBefore = simulator.hits[route];
    const signInsBefore = simulator.hits.signIn;
    const faultOver = faults[fault]!(simulator, route, sessionId);
    const first = await act();
    if (!first.ok) {
      // A failure the agent can act on: a code and a sentence, never a stack or an empty message.
      expect(first.error.message.length).toBeGreaterThan(5);
      expect(first.error.message).not.toMatch(/at .*\.ts:|Error:/);
    }
    // Requests still being answered slowly (the timeout fault) land before anything is counted.
    await faultOver;
    await simulator.idle();
    const sent = simulator.hits[route] - hitsBefore;
    const agreesAtOnce = !first.ok || op === 'end' || (await cacheAgrees(t, simulator));

    let retry = '-';
    if (!first.ok && simulator.state.sessions.has(sessionId)) {
      simulator.faults.clear();
      const before = simulator.hits[route];
      const again = await act();
      await simulator.idle();
      retry = `${answerOf(again)} (${simulator.hits[route] - before})`;
    }

    await t.core.sync.syncNow();
    const log = simulator.state.sessions.get(sessionId)?.info.log ?? [];
    return {
      first: answerOf(first),
      sent,
      retry,
      applied: log.filter((line) => APPLIED[op].test(line.message)).length,
      signIns: simulator.hits.signIn - signInsBefore,
      cacheAgrees: agreesAtOnce && (await cacheAgrees(t, simulator)) ? 'yes' : 'no',
    };
  } finally {
    t.core.dispose();
    await simulator.close();
  }
}

describe('fault matrix (hold, resume, end x every fault class)', () => {
  it('has an expected outcome for every cell', () => {
    for (const op of ['hold', 'resume', 'end'] as const) expect(Object.keys(expected[op]).sort()).toEqual(Object.keys(faults).sort());
  });

  for (const op of ['hold', 'resume', 'end'] as const) {
    for (const fault of Object.keys(faults)) {
      it.concurrent(
        `${op} under ${fault}`,
        async () => {
          const row = await cell(op, fault);
          measured.push([op, fault, row]);
          expect(row).toEqual(expected[op][fault]);
        },
        DOWN_MS + 30_000,
      );
    }
  }
});
