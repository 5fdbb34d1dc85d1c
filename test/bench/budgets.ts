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
  /**
   * "Ticket issue on SQLite, 200 concurrent terminals: p99 ≤ 20 ms / throughput ≥ 1,000 per s" is
   * read as two measurements with the same 200 terminals, because as one they contradict each
   * other: at full load every terminal always has a request in flight, and by Little's law
   * (requests in flight = throughput × mean latency) the mean latency is then 200 ÷ throughput,
   * 200 ms at 1,000 per s, whatever the server does; a p99 of 20 ms there would take a
   * throughput of at least 10,000 per s. So the throughput is measured at full load (ticket-load.ts),
   * and the p99 at the budget's rate: the 200 terminals together offering 1,000 tickets per s at
   * a steady pace, 5 per s each (paced-load.ts). 20 ms at p99 there says that a ticket, at the
   * rate the design asks for, waits for little but its own work.
   */
  ticketIssuePerS: 1000,
  ticketIssueP99Ms: 20,
  /** ID card bytes fully received → identified screen painted (card-identify.ts). */
  cardToIdentifiedMs: 50,
  /**
   * "Outbox of 5,000 cases drained after reconnect ≤ 30 s, exactly 5,000 stored" (outbox-drain.ts):
   * from the moment the hall answers again to the last case stored on it, the kiosk noticing
   * included: that is what a terminal's reconnect is.
   */
  outboxDrainMs: 30_000,
  outboxDrainCases: 5000,
} as const;

/** The conditions the design names for the timing budgets. */
export const CPU_THROTTLE_RATE = 4;
export const COLD_START_RUNS = 5;
export const TAP_ROUNDS = 4;
export const SOAK_SESSIONS = 2000;
/** Cards read, each after two uncounted warm-up cards. */
export const CARD_ROUNDS = 50;
export const CARD_WARMUP_ROUNDS = 2;
/** Sessions run before the soak baseline: first-use allocations (compiled code, caches) are not growth. */
export const SOAK_WARMUP_SESSIONS = 20;

/**
 * The ticket load (ticket-load.ts, load-client.ts): 200 terminals, each on its own keep-alive
 * connection with its own device token, connected at 1 request/s each (well below capacity),
 * then full load: a warm-up, then the measured window. KIOSK_NOW is a working day (Tuesday) in
 * the morning session of every demo category, so every ticket is for the session under way.
 * A category hands out at most 5,000 online numbers a day (LEASE_BASE), the demo hall's 8 at
 * most 40,000: fewer than a server issuing 3,300 per s gives out in the run. So the hall gets
 * copies of a demo category up to 32, numbers for 160,000 tickets.
 */
export const TICKET_LOAD = {
  terminals: 200,
  connectingRate: 1,
  maxConnectingSeconds: 30,
  warmupSeconds: 2,
  durationSeconds: 10,
  now: '2026-11-24T10:00:00+08:00',
  categories: 32,
} as const;
/**
 * The paced load (paced-load.ts, paced-client.ts): the same 200 terminals, each sending 5 per s
 * on a fixed timeline, so together they offer BUDGETS.ticketIssuePerS; a warm-up, then the
 * measured window. Requests still unanswered drainSeconds after the last send are cut off.
 */
export const TICKET_PACE = {
  terminals: TICKET_LOAD.terminals,
  perTerminalPerS: BUDGETS.ticketIssuePerS / TICKET_LOAD.terminals,
  warmupSeconds: 3,
  durationSeconds: 10,
  drainSeconds: 60,
  now: TICKET_LOAD.now,
} as const;
/** Each raw insert rate is measured for this long. */
export const RAW_INSERT_SECONDS = 3;

/**
 * Identity-code checks in the PWA (identity-code.ts): the page's first code, then this many more,
 * each in a visit of its own, under CPU_THROTTLE_RATE. No budget in DESIGN.md: shown for reference.
 */
export const IDENTITY_CODE_ROUNDS = 20;

/**
 * The certificate list round-trip (certificate-list.ts): one terminal, a consent and its list per
 * round, one round after the other; a warm-up, then the measured rounds. KIOSK_NOW is a Tuesday
 * evening after hours (certificates are there at any time); the clock stands still, so no consent
 * expires during the run. No budget in DESIGN.md: shown for reference.
 */
export const CERTIFICATE_LIST = {
  warmupRounds: 50,
  rounds: 500,
  now: '2026-11-24T21:15:00+08:00',
} as const;

/**
 * The outbox (outbox-drain.ts): BUDGETS.outboxDrainCases written into the kiosk's outbox with the
 * hall away, under CPU_THROTTLE_RATE like the design's other PWA timings, then drained. The design
 * names no throttle for the drain, so it runs unthrottled. KIOSK_NOW is a working day in opening
 * hours (the ticket load's). The first and last edgeWrites writes are shown apart (an empty
 * outbox against a full one). A drain not done after maxDrainSeconds is reported as such: an
 * entry the app tried while the hall was away can wait up to 5 minutes of backoff.
 */
export const OUTBOX_DRAIN = {
  cases: BUDGETS.outboxDrainCases,
  now: TICKET_LOAD.now,
  writeCpuRate: CPU_THROTTLE_RATE,
  drainCpuRate: 1,
  edgeWrites: 500,
  maxDrainSeconds: 360,
} as const;

/**
 * The quarterly supervision report (report-quarter.ts, report-cases.ts): a quarter of 100,000
 * cases, 60 % manual window cases across the demo hall's 10 departments and 16 windows with 3
 * staff each, 25 % terminal and 15 % smart-approval (exempt); 3 % of window cases paused for a
 * supplement; 1 in 20 yellow-only cards appealed, half of those approved. The hall's clock is a
 * working day after the quarter, when last quarter's report is asked for; each report, the CSV
 * export and the incremental sweep are timed over `runs` runs. Seeded: every run, the same quarter.
 * No budget in DESIGN.md: shown for reference.
 */
export const REPORT_QUARTER = {
  cases: 100_000,
  year: 2026,
  quarter: 4,
  now: '2027-01-05T10:00:00+08:00',
  terminalShare: 0.25,
  smartShare: 0.15,
  staffPerWindow: 3,
  appealShare: 0.05,
  approvedShare: 0.5,
  runs: 5,
  seed: 20261001,
} as const;
