/**
 * The fault matrix: hold, resume and end against the simulator under every fault class. Each
 * cell must end in a state the agent can see (done, or failed with a reason and a working retry),
 * leave the cache agreeing with the server, and never apply a hold twice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/main/simulator/server';
import type { Result } from '../../../electron/shared/result';
import { coreFor } from '../../support/core';

type Op = 'hold' | 'resume' | 'end';
const DOWN_MS = Number(process.env.FAULT_MATRIX_DOWN_MS ?? 30_000);

const faults: Record<string, (sim: Simulator, route: 'hold' | 'patch' | 'end', sessionId: string) => Promise<void> | void> = {
  '500 once': (sim, route) => sim.faults.set(route, { status: 500, times: 1 }),
  '503 + Retry-After': (sim, route) => sim.faults.set(route, { status: 503, retryAfter: 1, times: 1 }),
  timeout: (sim, route) => sim.faults.set(route, { latencyMs: 1_500, times: 1 }),
  'connection reset': (sim, route) => sim.faults.set(route, { drop: true, times: 1 }),
  '401 then success': (sim) => sim.expireCookies(),
  'malformed JSON': (sim, route) => sim.faults.set(route, { malformed: true, times: 1 }),
  '404 session gone': (sim, _route, sessionId) => void sim.state.sessions.delete(sessionId),
  '403': (sim, route) => sim.faults.set(route, { status: 403, message: 'This call belongs to another team', times: 5 }),
  [`down ${DOWN_MS / 1000} s`]: (sim) => void sim.goDown(DOWN_MS),
};

const rows: string[][] = [];
afterAll(() => {
  const header = ['op', 'fault', 'first answer', 'after retry', 'cache = server', 'holds applied'];
  const table = [header, ...rows.sort((a, b) => a[0]!.localeCompare(b[0]!) || a[1]!.localeCompare(b[1]!))];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(['', 'Fault matrix', line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join('\n'));
});

const describeAnswer = (result: Result<unknown>) => (result.ok ? 'done' : `${result.error.code}${result.error.retryable ? ' (retryable)' : ''}`);

async function cell(op: Op, fault: string) {
  // The outage probe below asks the /__sim/hits control route.
  const simulator = await startSimulator({ seed: { history: 0 }, controls: true });
  const t = coreFor(simulator);
  try {
    await t.value('auth.signIn', { server: simulator.url, email: 'demo@evosoftphone.local', password: 'demo', remember: false });
    await t.core.sessions.syncNow();
    const sessionId = (await t.value('sessions.active')).sessions[0]!.id;
    if (op === 'resume') await t.value('sessions.hold', { sessionId });
    const route = op === 'hold' ? 'hold' : op === 'resume' ? 'patch' : 'end';
    const act = () =>
      op === 'hold'
        ? t.call('sessions.hold', { sessionId })
        : op === 'resume'
          ? t.call('sessions.resume', { sessionId })
          : t.call('sessions.end', { sessionId });

    await faults[fault]!(simulator, route, sessionId);
    const first = await act();
    if (!first.ok) {
      // A failure the agent can act on: a code and a sentence, never a stack or an empty message.
      expect(first.error.code).toMatch(/^[A-Z_]+$/);
      expect(first.error.message.length).toBeGreaterThan(5);
      expect(first.error.message).not.toMatch(/at .*\.ts:|Error:/);
    }
    let retried: Result<unknown> | null = null;
    const gone = !simulator.state.sessions.has(sessionId);
    if (!first.ok && !gone) {
      // What the agent's Retry does once the fault is over.
      simulator.faults.clear();
      await waitForServer(simulator);
      retried = await act();
      expect(retried.ok).toBe(true);
    }

    await t.core.sessions.syncNow();
    const cached = (await t.value('sessions.active')).sessions.find((s) => s.id === sessionId) ?? null;
    const server = simulator.state.sessions.get(sessionId)?.info ?? null;
    const serverLive = server && !server.ended ? server : null;
    expect(cached === null).toBe(serverLive === null);
    if (cached && serverLive) expect(cached.held).toBe(serverLive.callState === 'Hold');
    if (op !== 'end' && !gone) expect(serverLive?.callState).toBe(op === 'hold' ? 'Hold' : 'Connected');
    if (op === 'end' && !gone) expect(server?.ended).toBe(true);
    const holds = server?.log.filter((line) => line.message.startsWith('Call placed on hold')).length ?? 0;
    expect(holds).toBeLessThanOrEqual(1);

    rows.push([op, fault, describeAnswer(first), retried ? describeAnswer(retried) : '-', 'yes', String(holds)]);
  } finally {
    t.core.dispose();
    await simulator.close();
  }
}

async function waitForServer(simulator: Simulator) {
  for (let i = 0; i < 400; i += 1) {
    const up = await fetch(`${simulator.url}/__sim/hits`).then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('simulator did not come back');
}

describe('fault matrix (hold, resume, end x every fault class)', () => {
  for (const op of ['hold', 'resume', 'end'] as const) {
    for (const fault of Object.keys(faults)) {
      it.concurrent(`${op} under ${fault}`, () => cell(op, fault), DOWN_MS + 30_000);
    }
  }
});
