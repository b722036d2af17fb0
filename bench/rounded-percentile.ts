/** The p-th percentile (0–100) of unsorted values (index floor(p% × n)), rounded to 0.1. */
export const roundedPercentile = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10) / 10
  );
};
