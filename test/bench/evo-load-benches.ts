/**
 * What the app costs Evo and the window: requests per agent-hour and bytes over `calls.changed`,
 * from the real poll loop on a fake clock against the simulator; then 500 agents, each the real
 * core (poll loop, Evo client, its own sign-in and cache), against one simulator for 60 s.
 */
import { serialize } from 'node:v8';
import { startSimulator, type Simulator } from '../../electron/main/simulator/server';
import { toSessionView } from '../../electron/main/calls/session-view';
import type { SeedOptions } from '../../electron/main/simulator/seed';
import { FakeClock } from '../support/clock';
import { coreFor, type TestCore } from '../support/core';
import { percentile, result, type BenchResult } from './stats';
import { windowSink } from './window-sink';

const demo = { email: 'demo@evosoftphone.local', password: 'demo' };
const HOUR = 3_600_000;
/** Before this round the app polled every 3 s whatever the moment: 3,600 / 3 requests an hour. */
const BEFORE_PER_HOUR = 1_200;

interface AgentHour {
  requests: number;
  ipcBytes: number;
  /** What the window was sent per poll before: the whole active list, logs included. */
  beforeBytesPerPoll: number;
}

/** One agent's hour, after sign-in: every request Evo receives and every byte of calls.changed. */
async function agentHour(seed: SeedOptions, hold: boolean): Promise<AgentHour> {
  const clock = new FakeClock();
  let requests = 0;
  const simulator = await startSimulator({ seed, onRequest: () => (requests += 1) });
  const window = windowSink();
  const t = coreFor(simulator, { clock, sink: window.sink });
  const settle = () => t.core.sync.settled();
  await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
  await clock.run(0, settle);
  const [call] = t.core.board.calls();
  if (hold && call) await t.value('sessions.hold', { sessionId: call.id });
  const before = { requests, bytes: window.sent('calls.changed').bytes };
  await clock.run(HOUR, settle);
  const hour = { requests: requests - before.requests, ipcBytes: window.sent('calls.changed').bytes - before.bytes };
  const beforeBytesPerPoll = serialize(wholeListWithLogs(t)).length;
  t.core.dispose();
  await simulator.close();
  return { ...hour, beforeBytesPerPoll };
}

function wholeListWithLogs(t: TestCore) {
  const user = t.core.auth.session!.user;
  const viewer = { userId: user.id, name: user.name };
  const rows = t.core.board.calls().map((call) => t.core.board.row(call.id)!);
  return { sessions: rows.map((row) => toSessionView(row, viewer)), connection: 'online', syncedAt: new Date().toISOString(), error: null };
}

export async function agentHourBenches(): Promise<BenchResult[]> {
  const idle = await agentHour({ history: 0, liveCall: false }, false);
  const held = await agentHour({ history: 0 }, true);
  const before = `a fixed 3 s poll (3,600 s / 3 s)`;
  const ipcBefore = `whole active list with logs at every 3 s poll`;
  return [
    result('Evo requests per agent-hour, idle', idle.requests, 'req', before, BEFORE_PER_HOUR, { maxValue: 180 }),
    result('Evo requests per agent-hour, with a held call', held.requests, 'req', before, BEFORE_PER_HOUR, { maxValue: 720 }),
    result('calls.changed bytes per hour, idle', idle.ipcBytes, 'B', ipcBefore, idle.beforeBytesPerPoll * BEFORE_PER_HOUR, {
      maxValue: 1024,
    }),
    result('calls.changed bytes per hour, with a held call', held.ipcBytes, 'B', ipcBefore, held.beforeBytesPerPoll * BEFORE_PER_HOUR, {
      maxValue: 1024,
    }),
  ];
}

const AGENTS = 500;
const WINDOW_MS = 60_000;

/** A signed-in agent whose polls are timed from the Evo client's side. */
async function agentOn(simulator: Simulator, email: string, latencies: number[], live: { on: boolean }): Promise<TestCore> {
  const t = coreFor(simulator, { sink: () => undefined });
  await t.value('auth.signIn', { server: simulator.url, email, password: 'agent', remember: false });
  const client = t.core.auth.session!.client;
  const poll = client.activeSessions.bind(client);
  client.activeSessions = async () => {
    const start = performance.now();
    try {
      return await poll();
    } finally {
      if (live.on) latencies.push(performance.now() - start);
    }
  };
  return t;
}

export async function fiveHundredAgents(): Promise<BenchResult[]> {
  let counting = false;
  let requests = 0;
  const simulator = await startSimulator({ seed: false, onRequest: (route) => counting && route === 'active' && (requests += 1) });
  // Every agent on a call, half of them held: the busiest hour, when the quick pace applies to all.
  for (let n = 0; n < AGENTS; n += 1) {
    const user = simulator.state.addUser({
      id: `usr-agent-${n}`,
      email: `agent${n}@evosoftphone.local`,
      password: 'agent',
      firstName: 'Agent',
      lastName: String(n),
      accountId: 'acc-demo',
      identity: `client:agent.${n}`,
      endpointId: `ep-agent-${n}`,
    });
    const call = simulator.state.addCall(user, {
      direction: 'Incoming',
      number: `+1555020${String(n).padStart(4, '0')}`,
      name: `Caller ${n}`,
    });
    if (n % 2) simulator.state.hold(user, call.info.id, '', 'None');
  }

  // One agent alone first: its poll latency is the baseline for the crowd's.
  const alone: number[] = [];
  const solo = await agentOn(simulator, 'agent0@evosoftphone.local', alone, { on: true });
  for (let i = 0; i < 250; i += 1) await solo.core.auth.session!.client.activeSessions();
  alone.splice(0, 50); // warm-up: the crowd's agents are measured warm too
  solo.core.dispose();

  const crowd: number[] = [];
  const measuring = { on: false };
  const agents: TestCore[] = [];
  // Agents sign in one after another, as a shift does, so their polls do not fall in lockstep.
  for (let n = 0; n < AGENTS; n += 1) agents.push(await agentOn(simulator, `agent${n}@evosoftphone.local`, crowd, measuring));
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  counting = true;
  measuring.on = true;
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  counting = false;
  measuring.on = false;
  for (const agent of agents) agent.core.dispose();
  await simulator.close();
  const perSecond = requests / (WINDOW_MS / 1000);
  return [
    result(
      `Evo requests per second, ${AGENTS} agents on calls for 60 s`,
      perSecond,
      'req/s',
      `${AGENTS} agents polling every 3 s`,
      AGENTS / 3,
      {
        maxValue: AGENTS / 5,
      },
    ),
    result(
      `Evo poll latency p99, ${AGENTS} agents`,
      percentile(crowd, 99),
      'ms',
      'one agent alone, same simulator',
      percentile(alone, 99),
      { maxValue: 100 },
    ),
  ];
}
