/**
 * Percentiles of the benchmarks' timings, one rule for every bench. `nearest`: nearest rank, index
 * ceil(p·n) − 1 (bench/load.ts); `floor`: index floor(p·n) (bench/messenger.ts, bench/teams.ts, through
 * roundedPercentile). Each bench keeps the rule its reported figures were made with.
 */
export type PercentileRank = 'nearest' | 'floor';

/** The p-th percentile (0..1) of sorted values; 0 when there are none. */
export function percentile(sorted: readonly number[], p: number, rank: PercentileRank = 'nearest'): number {
  if (sorted.length === 0) return 0;
  const index = rank === 'nearest' ? Math.ceil(p * sorted.length) - 1 : Math.floor(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, index))] ?? 0;
}

/** The p-th percentile (0–100) of unsorted values (index floor(p% × n)), rounded to 0.1. */
export function roundedPercentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(percentile(sorted, p / 100, 'floor') * 10) / 10;
}
