/**
 * `npm run bench`: every benchmark of the project, one table and bench-results.json. Each figure
 * comes with a baseline measured (or, for Evo's load before this round, computed) in the same run,
 * their ratio, the goal and whether it is met. Machines are noisy: ratios, not absolute times.
 */
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bundleSizes } from './bundle-benches';
import { cacheBenches, memoryWith100k } from './cache-benches';
import { historyYearBenches } from './history-benches';
import { agentHourBenches, fiveHundredAgents } from './evo-load-benches';
import { holdRoundTrip, hotkeyToWire } from './hold-benches';
import { noiseSuppression } from './noise-benches';
import { startupAndHistory } from './renderer-benches';
import { soak } from './soak-benches';
import type { BenchResult } from './stats';

setFlagsFromString('--expose-gc');
(globalThis as { gc?: () => void }).gc = runInNewContext('gc') as () => void;

const started = Date.now();
const results: BenchResult[] = [];
const steps: [string, () => Promise<BenchResult[]> | BenchResult[]][] = [
  ['hold round trip', holdRoundTrip],
  ['hotkey to wire', hotkeyToWire],
  ['Evo requests and IPC per agent-hour', agentHourBenches],
  ['cache', cacheBenches],
  ['memory', memoryWith100k],
  ['a year of history', historyYearBenches],
  ['renderer in Chromium', startupAndHistory],
  ['bundle sizes', bundleSizes],
  ['noise suppression', noiseSuppression],
  ['500 agents', fiveHundredAgents],
  ['soak', soak],
];
const only = process.env.BENCH_ONLY?.split(',');
for (const [label, step] of steps) {
  if (only && !only.some((name) => label.includes(name))) continue;
  const t0 = Date.now();
  results.push(...(await step()));
  console.error(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const header = ['benchmark', 'value', 'baseline', 'ratio', 'goal', 'met'];
const metWord = (met: boolean | null) => (met === null ? '' : met ? 'yes' : 'NO');
const rows = results.map((r) => [
  r.name,
  `${r.value.toLocaleString('en-US')} ${r.unit}`,
  `${r.baseline.toLocaleString('en-US')} ${r.unit} (${r.baselineName})`,
  `${r.ratio}x`,
  r.goal ?? '(a share: no goal of its own)',
  metWord(r.met),
]);
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
