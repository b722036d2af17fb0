import { percentile } from '../common/percentile.js';

/** The p-th percentile (0–100) of unsorted values (index floor(p% × n)), rounded to 0.1. */
export function roundedPercentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return Math.round(percentile(sorted, p / 100, 'floor') * 10) / 10;
}
