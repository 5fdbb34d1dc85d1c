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
  ticketIssueP99Ms: 20,
  ticketIssuePerS: 1000,
} as const;

/** The conditions the design names for the timing budgets. */
export const CPU_THROTTLE_RATE = 4;
export const COLD_START_RUNS = 5;
export const TAP_ROUNDS = 4;
export const SOAK_SESSIONS = 2000;
/** Sessions run before the soak baseline: first-use allocations (compiled code, caches) are not growth. */
export const SOAK_WARMUP_SESSIONS = 20;

/**
 * The ticket load (ticket-load.ts, load-client.ts): 200 terminals, each on its own keep-alive
 * connection with its own device token, connected at 1 request/s each (well below capacity),
 * then full load: a warm-up, then the measured window. KIOSK_NOW is a working day (Tuesday) in
 * the morning session of every demo category, so every ticket is for the session under way.
 */
export const TICKET_LOAD = {
  terminals: 200,
  connectingRate: 1,
  maxConnectingSeconds: 30,
  warmupSeconds: 2,
  durationSeconds: 10,
  now: '2026-11-24T10:00:00+08:00',
} as const;
/** Each raw insert rate is measured for this long. */
export const RAW_INSERT_SECONDS = 3;
