/** The agent's actions through main: a hold from the window (router + client + cache) and from the hotkey. */
import { Agent, request as httpRequest } from 'node:http';
import { agentLeg } from '../../electron/shared/call-rules';
import { DOUBLE_PRESS_MS } from '../../electron/shared/press-guard';
import { resumeRequest } from '../../electron/main/evo/resume-request';
import { systemClock } from '../../electron/main/ports';
import { startSimulator } from '../../electron/main/simulator/server';
import { coreFor } from '../support/core';
import { desktopOnFakes } from '../support/desktop';
import { interleave, median, now, percentile, result, type BenchResult } from './stats';
import { windowSink } from './window-sink';

const demo = { email: 'demo@evosoftphone.local', password: 'demo' };

export async function holdRoundTrip(): Promise<BenchResult[]> {
  const simulator = await startSimulator({ seed: { history: 0 } });
  const t = coreFor(simulator, { sink: windowSink().sink });
  await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
  await t.core.sync.syncNow();
  const sessionId = (await t.value('sessions.active')).sessions[0]!.id;
  // The raw baseline signs in the same way and sends the very same request.
  const signIn = await fetch(`${simulator.url}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'bench' },
    body: JSON.stringify({ provider: 'credentials', userName: demo.email, password: demo.password, rememberMe: true }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'bench', cookie };
  // The agent's own leg, as the app finds it on the board and sends it.
  const callSid = agentLeg(t.core.board.row(sessionId)!.info);
  // Both sides alternate hold and resume on the connected call, so every app round trip changes
  // the board and writes the cache; an even count per round leaves the call connected for the
  // other side. Each hold and resume adds a line to the session's log; a real call's log stays
  // short, so both sides keep it at a few lines (the same few microseconds each).
  const log = simulator.state.sessions.get(sessionId)!.info.log;
  const keepLogShort = () => log.length > 6 && log.splice(2, log.length - 6);
  /** Each side's next request, hold and resume in turn, with the log kept short. */
  const alternating = () => {
    let held = false;
    return () => {
      keepLogShort();
      held = !held;
      return held
        ? { path: `/sessions/${sessionId}/hold`, method: 'POST', body: { callSid, sessionId, reason: 'None' } }
        : resumeRequest(sessionId);
    };
  };
  const nextRaw = alternating();
  const raw = () => {
    const request = nextRaw();
    return fetch(`${simulator.url}${request.path}`, { method: request.method, headers, body: JSON.stringify(request.body) }).then(
      (response) => response.json(),
    );
  };
  // The same requests through Node's http module, the transport the app's client uses: what the
  // app adds on top of its own transport, beside the fetch baseline.
  const agent = new Agent({ keepAlive: true });
  const nextHttp = alternating();
  const rawHttp = () => {
    const request = nextHttp();
    const body = JSON.stringify(request.body);
    return new Promise<unknown>((resolve, reject) => {
      const sent = httpRequest(
        `${simulator.url}${request.path}`,
        { method: request.method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
          response.on('error', reject);
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
  };
  let appHeld = false;
  const viaIpc = async () => {
    keepLogShort();
    appHeld = !appHeld;
    const answer = appHeld ? await t.call('sessions.hold', { sessionId }) : await t.call('sessions.resume', { sessionId });
    if (!answer.ok) throw new Error(`hold round trip failed: ${answer.error.message}`);
  };
  // Every side warmed alike (the JIT settles after a few hundred rounds), in the pairs they are timed in.
  for (let i = 0; i < 600; i += 1) await [raw, raw, viaIpc, viaIpc, rawHttp, rawHttp][i % 6]!();
  // 5,000 a side for a steady p99: of 1,000 it is the 10th-slowest request, and swung 0.7x to 2.0x.
  const { a, b } = await interleave(100, 50, viaIpc, raw);
  const sameTransport = await interleave(20, 50, viaIpc, rawHttp);
  agent.destroy();
  t.core.dispose();
  await simulator.close();
  return [
    result('hold/resume round trip, median (router+client+cache)', median(a), 'ms', 'raw fetch of the same routes', median(b), {
      maxRatio: 1.15,
    }),
    result(
      'hold/resume round trip, p99 (router+client+cache)',
      percentile(a, 99),
      'ms',
      'raw fetch of the same routes',
      percentile(b, 99),
      {
        maxRatio: 1.3,
      },
    ),
    result(
      'hold/resume round trip, median, over its own transport',
      median(sameTransport.a),
      'ms',
      'raw http.request of the same routes',
      median(sameTransport.b),
      { none: 'no goal: the issue sets it against fetch' },
      'what router, client, board, cache and IPC serialisation add to the request itself',
    ),
  ];
}

export async function hotkeyToWire(): Promise<BenchResult[]> {
  let arrived: (() => void) | null = null;
  const simulator = await startSimulator({ seed: { history: 0 }, onRequest: (route) => route === 'hold' && arrived?.() });
  const t = coreFor(simulator);
  await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
  await t.core.sync.syncNow();
  const sessionId = (await t.value('sessions.active')).sessions[0]!.id;
  const desktop = desktopOnFakes({ board: t.core.board, actions: t.core.actions, clock: systemClock, logger: t.logger });
  t.core.events.on('calls.changed', (change) => desktop.onBoardChanged(change));
  await t.core.sync.syncNow();
  const wire = async (send: () => Promise<unknown>) => {
    const seen = new Promise<void>((resolve) => (arrived = resolve));
    const start = now();
    const done = send();
    await seen;
    const elapsed = now() - start;
    await done;
    return elapsed;
  };
  const hotkey: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < 60; i += 1) {
    // Alternate hold and resume so that every press is a real hold of a live call. Presses are an
    // agent's: more than the double-press guard apart (a press inside it is ignored by design).
    await new Promise((resolve) => setTimeout(resolve, DOUBLE_PRESS_MS));
    hotkey.push(await wire(() => desktop.pressHotkey('holdResume')));
    await t.value('sessions.resume', { sessionId });
    await t.core.sync.syncNow();
    // The same pause before the baseline, so both sides start from the same idle moment.
    await new Promise((resolve) => setTimeout(resolve, DOUBLE_PRESS_MS));
    raw.push(
      await wire(() => t.core.auth.session!.client.hold(sessionId, '', 'None').then(() => t.core.auth.session!.client.resume(sessionId))),
    );
    await t.core.sync.syncNow();
  }
  desktop.stop();
  t.core.dispose();
  await simulator.close();
  return [
    result(
      'hotkey press to hold request on the wire, median',
      median(hotkey.slice(10)),
      'ms',
      'Evo client hold() call to the wire',
      median(raw.slice(10)),
      {
        maxRatio: 1.15,
      },
    ),
  ];
}
