/**
 * Percentiles of timings. `nearest`: nearest rank, index ceil(p·n) − 1 (kb eval, bench/load.ts); `floor`:
 * index floor(p·n) (the flood, NLU, Messenger and Teams benches). Each keeps the rule its reported figures
 * were made with.
 */
export type PercentileRank = 'nearest' | 'floor';

/** The p-th percentile (0..1) of ascending `sorted`; 0 when there are none. */
export function percentile(sorted: readonly number[], p: number, rank: PercentileRank = 'nearest'): number {
  if (sorted.length === 0) return 0;
  const index = rank === 'nearest' ? Math.ceil(p * sorted.length) - 1 : Math.floor(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, index))] ?? 0;
}
