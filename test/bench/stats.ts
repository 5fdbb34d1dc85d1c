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
