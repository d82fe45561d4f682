/**
 * A year of calls (#22 item 9): 100,000 cached sessions and 10,000 notes. History search by name
 * fragment, number fragment, note text and a search that finds nothing, each against the scan it
 * replaced (the LIKE query of the same tables, run by hand in the same file); and opening the core
 * on that cache against opening it with the full page check it used to run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../electron/main/root/core';
import { NoteStore } from '../../electron/main/db/note-store';
import { openCache } from '../../electron/main/db/open';
import { SessionCache } from '../../electron/main/db/session-cache';
import { SessionInfo } from '../../electron/main/evo/dto';
import { MemorySecretStore } from '../../electron/main/services/credential-vault';
import { MemoryLogger } from '../support/logger';
import { median, now, result, type BenchResult } from './stats';

const T0 = Date.UTC(2025, 11, 1);
const row = (i: number) =>
  SessionInfo.parse({
    id: `SE${String(i).padStart(8, '0')}`,
    dateCreated: new Date(T0 + i * 300_000).toISOString(),
    dateLastModified: new Date(T0 + i * 300_000 + 1000).toISOString(),
    callState: 'Disconnected',
    ended: true,
    direction: i % 2 ? 'Incoming' : 'Outgoing',
    fromAddress: `+1555${String(i).padStart(7, '0')}`,
    toAddress: `+1555${String(i).padStart(7, '0')}`,
    fromName: `Caller ${i}`,
    displayName: `Caller ${i}`,
    members: [{ displayName: `Caller ${i}`, callSid: `CA${i}`, role: 'Caller' }],
    log: [{ date: new Date(T0 + i * 300_000).toISOString(), message: 'Incoming call' }],
  });

/** The search before the index: the same LIKE scan, by hand. */
const SCAN = `SELECT s.json FROM sessions s WHERE s.display_name LIKE @text OR (@digits <> '' AND s.number LIKE @digits)
  OR s.id IN (SELECT session_id FROM call_notes WHERE text LIKE @text OR outcome LIKE @text)
  ORDER BY s.created_ms DESC LIMIT 26`;

const KINDS: [string, string[]][] = [
  ['name fragment', ['Caller 4242', 'ller 98765', 'Caller 1234']],
  ['number fragment', ['5550042', '0099 1', '555 0012 3']],
  ['note text', ['invoice 4242', 'order 7077', 'refund of 99']],
  ['no match', ['zebra crossing', '8888888888', 'nobody here']],
];

export function historyYearBenches(): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'evo-year-'));
  const logger = new MemoryLogger();
  const { db } = openCache(join(dir, 'session-cache.sqlite'), logger);
  const cache = new SessionCache(db);
  for (let chunk = 0; chunk < 10; chunk += 1)
    cache.upsertMany(
      Array.from({ length: 10_000 }, (_, k) => row(chunk * 10_000 + k)),
      Date.now(),
    );
  const notes = new NoteStore(db);
  for (let n = 0; n < 10_000; n += 1) {
    notes.put(
      `SE${String(n * 10).padStart(8, '0')}`,
      { text: `Customer asked about invoice ${n}, order ${n * 7}, refund of ${n % 100}`, outcome: 'Resolved' },
      Date.now(),
    );
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const scan = db.prepare(SCAN);
  const results: BenchResult[] = [];
  for (const [kind, queries] of KINDS) {
    const indexed: number[] = [];
    const scanned: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      for (const query of queries) {
        let start = now();
        cache.history({ query, page: 0, pageSize: 25 });
        indexed.push(now() - start);
        const digits = /^[\d\s]+$/.test(query) ? `%${query.replace(/\D/g, '')}%` : '';
        start = now();
        scan.all({ text: `%${query}%`, digits });
        scanned.push(now() - start);
      }
    }
    results.push(
      result(
        `history search, ${kind}, 100,000 sessions + 10,000 notes`,
        median(indexed),
        'ms',
        'the LIKE scan it replaced, same file',
        median(scanned),
        {
          maxValue: 10,
        },
      ),
    );
  }
  db.close();

  const opens = { core: [] as number[], checked: [] as number[] };
  const deps = {
    dataDir: dir,
    appInfo: { name: 'Evo Softphone', version: 'bench', platform: 'linux' },
    secrets: new MemorySecretStore(),
    logger,
    emit: () => undefined,
    demoServer: async () => ({ url: 'http://127.0.0.1:1', demoAccount: { email: 'demo@evosoftphone.local', password: 'demo' } }),
  };
  for (let run = 0; run < 5; run += 1) {
    let start = now();
    const core = createCore(deps);
    opens.core.push(now() - start);
    core.dispose();
    start = now();
    const before = createCore(deps);
    (before.cache as unknown as { db: { pragma(text: string): unknown } }).db.pragma('quick_check');
    opens.checked.push(now() - start);
    before.dispose();
  }
  results.push(
    result(
      'core open with 100,000 cached sessions',
      median(opens.core),
      'ms',
      'the same open plus the full quick_check it used to run',
      median(opens.checked),
      {
        maxValue: 100,
      },
    ),
  );
  return results;
}
