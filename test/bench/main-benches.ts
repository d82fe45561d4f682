/** Benchmarks of the main-process path: IPC router + Evo client + SQLite cache, and the cache alone. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { agentLeg } from '../../electron/shared/call-rules';
import { openCache } from '../../electron/main/db/open';
import { SessionCache } from '../../electron/main/db/session-cache';
import { DesktopController } from '../../electron/main/desktop/desktop-controller';
import { SessionInfo } from '../../electron/main/evo/dto';
import { createCore } from '../../electron/main/core';
import { systemClock } from '../../electron/main/ports';
import { MemorySecretStore } from '../../electron/main/services/credential-vault';
import { startSimulator } from '../../electron/main/simulator/server';
import { coreFor } from '../support/core';
import { FakeNotifier, FakeShortcuts, FakeTray, FakeWindow } from '../support/desktop';
import { MemoryLogger } from '../support/logger';
import { interleave, median, now, percentile, result, type BenchResult } from './stats';
import { windowSink } from './window-sink';

const demo = { email: 'demo@evosoftphone.local', password: 'demo' };

export async function holdRoundTrip(): Promise<BenchResult[]> {
  const simulator = await startSimulator({ seed: { history: 0 } });
  const t = coreFor(simulator, { sink: windowSink().sink });
  await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
  await t.core.sessions.syncNow();
  const sessionId = (await t.value('sessions.active')).sessions[0]!.id;
  // The raw baseline signs in the same way and sends the very same request.
  const signIn = await fetch(`${simulator.url}/auth/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'bench' },
    body: JSON.stringify({ provider: 'credentials', userName: demo.email, password: demo.password, rememberMe: true }),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const headers = { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'bench', cookie };
  // The agent's own leg, as the app finds it on the board and sends it.
  const callSid = agentLeg(t.core.board.row(sessionId)!.info);
  // Both sides alternate hold and resume on the connected call, so every app round trip writes
  // the cache and changes the board; an even count per round leaves the call connected for the other.
  // Each hold and resume adds a line to the session's log; a real call's log stays short, so
  // both sides keep it at a few lines (the same few microseconds each).
  const log = simulator.state.sessions.get(sessionId)!.info.log;
  const keepLogShort = () => log.length > 6 && log.splice(2, log.length - 6);
  let rawHeld = false;
  const raw = () => {
    keepLogShort();
    rawHeld = !rawHeld;
    const request = rawHeld
      ? { url: `/sessions/${sessionId}/hold`, method: 'POST', body: { callSid, sessionId, reason: 'None' } }
      : { url: `/sessions/${sessionId}`, method: 'PATCH', body: { callState: 'Connected', holdReason: 'None' } };
    return fetch(`${simulator.url}${request.url}`, { method: request.method, headers, body: JSON.stringify(request.body) }).then((response) =>
      response.json(),
    );
  };
  let appHeld = false;
  const viaIpc = async () => {
    keepLogShort();
    appHeld = !appHeld;
    const answer = appHeld ? await t.call('sessions.hold', { sessionId }) : await t.call('sessions.resume', { sessionId });
    if (!answer.ok) throw new Error(`hold round trip failed: ${answer.error.message}`);
  };
  for (let i = 0; i < 60; i += 1) await (i % 4 < 2 ? raw() : viaIpc());
  const { a, b } = await interleave(10, 50, viaIpc, raw);
  t.core.dispose();
  await simulator.close();
  return [
    result('hold round trip, median (router+client+cache)', median(a), 'ms', 'raw fetch of the same route', median(b)),
    result('hold round trip, p99 (router+client+cache)', percentile(a, 99), 'ms', 'raw fetch of the same route', percentile(b, 99)),
  ];
}

export async function hotkeyToWire(): Promise<BenchResult[]> {
  let arrived: (() => void) | null = null;
  const simulator = await startSimulator({ seed: { history: 0 }, onRequest: (route) => route === 'hold' && arrived?.() });
  const t = coreFor(simulator);
  await t.value('auth.signIn', { server: simulator.url, ...demo, remember: false });
  await t.core.sessions.syncNow();
  const sessionId = (await t.value('sessions.active')).sessions[0]!.id;
  const desktop = new DesktopController({
    board: t.core.board,
    actions: t.core.actions,
    clock: systemClock,
    logger: t.logger,
    emit: () => undefined,
    notifier: new FakeNotifier(),
    window: new FakeWindow(),
    tray: new FakeTray(),
    shortcuts: new FakeShortcuts(),
    reminderSchedule: () => [30, 60],
    quit: () => undefined,
  });
  t.core.events.on('calls.changed', (change) => desktop.onBoardChanged(change));
  await t.core.sessions.syncNow();
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
    // Alternate hold and resume so that every press is a real hold of a live call.
    hotkey.push(await wire(() => desktop.pressHotkey('holdResume')));
    await t.value('sessions.resume', { sessionId });
    await t.core.sessions.syncNow();
    raw.push(
      await wire(() =>
        t.core.auth.session!.client.hold(sessionId, '', 'None').then(() => t.core.auth.session!.client.resume(sessionId)),
      ),
    );
    await t.core.sessions.syncNow();
  }
  desktop.stop();
  t.core.dispose();
  await simulator.close();
  return [
    result('hotkey press to hold request on the wire, median', median(hotkey.slice(10)), 'ms', 'Evo client hold() call to the wire', median(raw.slice(10))),
  ];
}

function sessionRow(i: number, held: boolean) {
  return SessionInfo.parse({
    id: `SE${String(i).padStart(8, '0')}`,
    dateCreated: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    dateLastModified: new Date(Date.UTC(2026, 0, 1) + i * 60_000 + 1000).toISOString(),
    callState: held ? 'Hold' : 'Disconnected',
    direction: i % 2 ? 'Incoming' : 'Outgoing',
    fromAddress: `+1555${String(i).padStart(7, '0')}`,
    toAddress: '+15550100000',
    fromName: `Caller ${i}`,
    displayName: `Caller ${i}`,
    ended: !held,
    members: [{ displayName: `Caller ${i}`, callSid: `CA${i}`, role: 'Caller' }],
    log: [{ date: '2026-01-01T00:00:00Z', message: 'Incoming call' }],
  });
}

function rawDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE sessions (id TEXT PRIMARY KEY, call_state TEXT NOT NULL, held INTEGER NOT NULL, ended INTEGER NOT NULL,
    was_missed INTEGER NOT NULL, direction TEXT NOT NULL, display_name TEXT NOT NULL, number TEXT NOT NULL,
    created_ms INTEGER NOT NULL, modified_ms INTEGER NOT NULL, completed_ms INTEGER, active INTEGER NOT NULL DEFAULT 0,
    json TEXT NOT NULL) STRICT;
    CREATE INDEX sessions_held ON sessions (held) WHERE held = 1;`);
  const insert = db.prepare(`INSERT INTO sessions (id, call_state, held, ended, was_missed, direction, display_name, number,
    created_ms, modified_ms, completed_ms, json) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, NULL, ?)`);
  const insertAll = db.transaction((rows: SessionInfo[]) => {
    for (const row of rows) {
      insert.run(row.id, row.callState, row.callState === 'Hold' ? 1 : 0, row.ended ? 1 : 0, row.direction, row.fromName,
        row.fromAddress, Date.parse(row.dateCreated), Date.parse(row.dateLastModified), JSON.stringify(row));
    }
  });
  return { db, insertAll };
}

export function cacheBenches(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'evo-bench-'));
  const logger = new MemoryLogger();
  const rows10k = Array.from({ length: 10_000 }, (_, i) => sessionRow(i, i % 500 === 0));
  const times = { cache: [] as number[], raw: [] as number[] };
  for (let run = 0; run < 5; run += 1) {
    const { db } = openCache(join(dir, `cache-${run}.sqlite`), logger);
    const cache = new SessionCache(db);
    let start = now();
    cache.upsertMany(rows10k, Date.now());
    times.cache.push(now() - start);
    db.close();
    const raw = rawDb(join(dir, `raw-${run}.sqlite`));
    start = now();
    raw.insertAll(rows10k);
    times.raw.push(now() - start);
    raw.db.close();
  }

  // 100,000 cached sessions, 200 of them held.
  const rows100k = Array.from({ length: 100_000 }, (_, i) => sessionRow(i, i % 500 === 0));
  const { db } = openCache(join(dir, 'big.sqlite'), logger);
  const cache = new SessionCache(db);
  cache.upsertMany(rows100k, Date.now());
  const raw = rawDb(join(dir, 'big-raw.sqlite'));
  raw.insertAll(rows100k);
  const rawHeld = raw.db.prepare('SELECT json FROM sessions WHERE held = 1');
  const query = { cache: [] as number[], raw: [] as number[] };
  for (let i = 0; i < 200; i += 1) {
    let start = now();
    cache.held();
    query.cache.push(now() - start);
    start = now();
    rawHeld.all().map((row) => JSON.parse((row as { json: string }).json) as unknown);
    query.raw.push(now() - start);
  }
  const upsertUpdate = { cache: [] as number[] };
  const changed = rows100k.slice(0, 1000).map((row) => ({ ...row, dateLastModified: '2027-01-01T00:00:00.000Z' }));
  let start = now();
  cache.upsertMany(changed, Date.now());
  upsertUpdate.cache.push(now() - start);
  const history = { cache: [] as number[] };
  for (let i = 0; i < 50; i += 1) {
    start = now();
    cache.history({ query: 'Caller 9999', page: 0, pageSize: 25 });
    history.cache.push(now() - start);
  }
  const rawSearch = raw.db.prepare("SELECT json FROM sessions WHERE display_name LIKE ? ORDER BY created_ms DESC LIMIT 26");
  const rawHistory: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    start = now();
    rawSearch.all('%Caller 9999%');
    rawHistory.push(now() - start);
  }
  db.close();
  raw.db.close();
  return [
    result('cache upsert of 10,000 sessions', median(times.cache), 'ms', 'raw better-sqlite3 inserts of the same rows', median(times.raw)),
    result('held-call query at 100,000 cached sessions', median(query.cache), 'ms', 'raw SELECT on the same index', median(query.raw)),
    result('history search at 100,000 cached sessions', median(history.cache), 'ms', 'raw LIKE query, same table', median(rawHistory)),
    result('upsert of 1,000 changed rows into 100,000', upsertUpdate.cache[0]!, 'ms', 'same rows, 10,000 fresh inserts / 10', median(times.cache) / 10),
  ];
}

export async function heapWith100k(): Promise<BenchResult[]> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const simulator = await startSimulator({ seed: false });
  const make = (dataDir: string) =>
    createCore({
      dataDir,
      appInfo: { name: 'Evo Softphone', version: 'bench', platform: 'linux' },
      secrets: new MemorySecretStore(),
      logger: new MemoryLogger(),
      emit: () => undefined,
      demoServer: async () => simulator.url,
    });
  const heapMiB = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed / 1024 / 1024;
  };
  // Fill a cache with 100,000 sessions first, then measure both cores the same way.
  const fullDir = mkdtempSync(join(tmpdir(), 'evo-heap-'));
  const seeding = make(fullDir);
  seeding.cache.upsertMany(Array.from({ length: 100_000 }, (_, i) => sessionRow(i, i % 500 === 0)), Date.now());
  seeding.dispose();

  const empty = make(mkdtempSync(join(tmpdir(), 'evo-heap-')));
  empty.cache.held();
  empty.cache.history({ page: 0, pageSize: 25 });
  const withEmpty = heapMiB();
  empty.dispose();

  const full = make(fullDir);
  full.cache.held();
  full.cache.history({ page: 0, pageSize: 25 });
  full.sessions.active();
  const withFull = heapMiB();
  full.dispose();
  await simulator.close();
  return [
    result(
      'main heap with 100,000 cached sessions',
      withFull,
      'MiB',
      'main heap with an empty cache',
      withEmpty,
      'sessions live in SQLite on disk; the heap holds only what a screen asks for',
    ),
  ];
}
