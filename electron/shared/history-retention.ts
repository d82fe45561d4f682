/**
 * How long the session cache keeps ended calls ("Keep call history"), written once: Settings'
 * choices and their words (renderer), and the cut-off main prunes by. Pure: takes `nowMs`.
 */
export const RETENTION_CHOICES = [3, 6, 12, 24] as const;
export type RetentionMonths = (typeof RETENTION_CHOICES)[number];
export const DEFAULT_RETENTION_MONTHS: RetentionMonths = 12;

export const retentionText = (months: RetentionMonths): string =>
  months === 12 ? '1 year' : months === 24 ? '2 years' : `${months} months`;

/** Ended calls that started before this instant (wall time, as Evo stamps them) are pruned. */
export function retentionCutoffMs(months: RetentionMonths, nowMs: number): number {
  const cutoff = new Date(nowMs);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff.getTime();
}
