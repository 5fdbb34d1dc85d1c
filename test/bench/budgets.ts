/**
 * The budgets of /work/shared/DESIGN.md ("Budgets") that this harness measures. Units are
 * decimal (1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes), like Vite's own size report, which
 * is the stricter reading of the design.
 */
export const BUDGETS = {
  initialJsGzipBytes: 60_000,
  coldStartMs: 1500,
  tapMs: 100,
  soakHeapGrowthBytes: 5_000_000,
} as const;

/** The conditions the design names for the timing budgets. */
export const CPU_THROTTLE_RATE = 4;
export const COLD_START_RUNS = 5;
export const TAP_ROUNDS = 4;
export const SOAK_SESSIONS = 2000;
/** Sessions run before the soak baseline: first-use allocations (compiled code, caches) are not growth. */
export const SOAK_WARMUP_SESSIONS = 20;
