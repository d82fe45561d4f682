import { EvoClient } from '../../electron/main/evo/client';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/main/simulator/server';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../electron/main/simulator/model';

/** Short deadlines so that failure cases finish in a blink. */
export const fastClientOptions = {
  // Generous enough for a loaded 2-core CI machine; the fault tests wait longer than this on purpose.
  timeoutMs: 1_000,
  deadlineMs: 6_000,
  retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 },
};

export async function simulatorWithClient(options: SimulatorOptions = {}) {
  const simulator: Simulator = await startSimulator({ seed: { history: 5 }, ...options });
  const client = new EvoClient({ baseUrl: simulator.url, userAgent: 'EvoSoftphone/test (linux)', ...fastClientOptions });
  await client.signIn({ email: DEMO_EMAIL, password: DEMO_PASSWORD });
  const live = (await client.activeSessions())[0]!;
  return { simulator, client, live };
}

/** The actions' requests Evo received from `from` on, as "route:name" (polls left out; unnamed sessions as their id). */
export const sentSince = (simulator: Simulator, from: number, names: Record<string, string>): string[] =>
  simulator.requests
    .slice(from)
    .filter((request) => request.route !== 'active' && request.route !== 'list')
    .map((request) => `${request.route}:${names[request.sessionId ?? ''] ?? request.sessionId}`);
