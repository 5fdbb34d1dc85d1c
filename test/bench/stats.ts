/** Nearest-rank percentile: always a real sample, no interpolation between two taps. */
function nearestRank(count: number, p: number): number {
  return Math.min(count, Math.max(1, Math.ceil((p / 100) * count)));
}

/** p in 0..100 of a non-empty list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRank(sorted.length, p) - 1]!;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Same, where null stands for "below the measuring threshold" and sorts before every number. */
export function percentileOrBelow(values: readonly (number | null)[], p: number): number | null {
  if (values.length === 0) throw new Error('percentile of no values');
  const measured = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  const below = values.length - measured.length;
  const rank = nearestRank(values.length, p);
  return rank <= below ? null : measured[rank - below - 1]!;
}

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The figures a load window reports; null when nothing was answered in it. */
export function latencySummary(values: readonly number[]): LatencySummary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[nearestRank(sorted.length, p) - 1]!;
  return { mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}
