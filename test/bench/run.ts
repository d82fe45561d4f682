/**
 * `npm run bench`: every benchmark of the project, one table and bench-results.json. Each figure
 * comes with a baseline measured in the same run, and their ratio (machines are noisy).
 */
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cacheBenches, heapWith100k, holdRoundTrip, hotkeyToWire } from './main-benches';
import { bundleSizes, startupAndHistory } from './renderer-benches';
import type { BenchResult } from './stats';

setFlagsFromString('--expose-gc');
(globalThis as { gc?: () => void }).gc = runInNewContext('gc') as () => void;

const started = Date.now();
const results: BenchResult[] = [];
const steps: [string, () => Promise<BenchResult[]> | BenchResult[]][] = [
  ['hold round trip', holdRoundTrip],
  ['hotkey to wire', hotkeyToWire],
  ['cache', cacheBenches],
  ['heap', heapWith100k],
  ['renderer in Chromium', startupAndHistory],
  ['bundle sizes', bundleSizes],
];
for (const [label, step] of steps) {
  const t0 = Date.now();
  results.push(...(await step()));
  console.error(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const header = ['benchmark', 'value', 'baseline', 'ratio'];
const rows = results.map((r) => [r.name, `${r.value} ${r.unit}`, `${r.baseline} ${r.unit} (${r.baselineName})`, `${r.ratio}x`]);
const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((row) => row[i]!.length)));
const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
for (const r of results.filter((entry) => entry.note)) console.log(`note: ${r.name}: ${r.note}`);

writeFileSync(
  'bench-results.json',
  JSON.stringify({ date: new Date().toISOString(), node: process.version, seconds: (Date.now() - started) / 1000, results }, null, 2),
);
console.log(`bench-results.json written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
process.exit(0);
