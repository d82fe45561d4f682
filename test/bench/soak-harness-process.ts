/**
 * The browser harness for the soak benchmark, in a process of its own (as main is in the app),
 * driven over stdin/stdout one JSON line at a time: ring a call, or measure main. Run with
 * --expose-gc so that "heap" is what survives a collection, not what a collection has not yet
 * reached. Closes when stdin ends.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startHarness } from '../../electron/harness/server';

const DEMO = 'demo@evosoftphone.local';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const harness = await startHarness({ quiet: true, simulator: { seed: { history: 40, liveCall: false } } });
const simulator = harness.simulator()!;

/** Bytes on disk under the data dir: the SQLite cache with its WAL, settings, anything logged. */
function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => {
    const path = join(dir, entry.name);
    return total + (entry.isDirectory() ? bytesUnder(path) : statSync(path).size);
  }, 0);
}

type Command = { cmd: 'ring'; name: string; number: string } | { cmd: 'main' };
const answer = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

process.stdout.write(`${harness.url}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as Command;
  if (command.cmd === 'ring') {
    answer({ id: simulator.ring(DEMO, { number: command.number, name: command.name }) });
  } else {
    gc();
    gc();
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    answer({ heap: memory.heapUsed, rss: memory.rss, disk: bytesUnder(harness.dataDir), cpu: (cpu.user + cpu.system) / 1e6 });
  }
}
await harness.close();
process.exit(0);
