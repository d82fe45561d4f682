/** Timing helpers for the benchmarks: every figure is reported with its baseline from the same run. */

/** What a row must show: a ratio to its baseline, or a value, at most this; or why it has no goal. */
export type Goal = { maxRatio: number } | { maxValue: number } | { none: string };

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  /** value / baseline: 1.0 means as fast as the baseline. */
  ratio: number;
  /** The goal in words ("<= 1.15x"), or null for a row that only shows a part of another. */
  goal: string | null;
  met: boolean | null;
  note?: string;
}

export const now = () => performance.now();

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function result(
  name: string,
  value: number,
  unit: string,
  baselineName: string,
  baseline: number,
  goal: Goal | null,
  note?: string,
): BenchResult {
  const ratio = baseline === 0 ? (value === 0 ? 1 : Number.POSITIVE_INFINITY) : value / baseline;
  const met = goal === null || 'none' in goal ? null : 'maxRatio' in goal ? ratio <= goal.maxRatio : value <= goal.maxValue;
  const words =
    goal === null
      ? null
      : 'none' in goal
        ? `(${goal.none})`
        : 'maxRatio' in goal
          ? `<= ${goal.maxRatio}x`
          : `<= ${goal.maxValue.toLocaleString('en-US')} ${unit}`;
  return {
    name,
    value: round(value),
    unit,
    baselineName,
    baseline: round(baseline),
    ratio: round(ratio),
    goal: words,
    met,
    ...(note ? { note } : {}),
  };
}

export const round = (value: number) => Math.round(value * 1000) / 1000;

/** Runs a and b alternately in rounds so that drift on a noisy machine hits both alike. */
export async function interleave(rounds: number, perRound: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    for (let i = 0; i < perRound; i += 1) {
      const start = now();
      await a();
      timesA.push(now() - start);
    }
    for (let i = 0; i < perRound; i += 1) {
      const start = now();
      await b();
      timesB.push(now() - start);
    }
  }
  return { a: timesA, b: timesB };
}
