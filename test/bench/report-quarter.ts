/**
 * The quarterly supervision report on a quarter of 100,000 cases (report-cases.ts), on the hall's
 * own database code: a fresh database migrated and seeded with the demo hall (its own demo cases
 * removed), 48 staff at its 16 windows, the quarter inserted directly with Kysely, then the card
 * sweep once over everything (sweepCards, `full`), as after an import; then appeals on a few
 * yellow cards, some approved and their cards revoked. Timed: that sweep, an incremental sweep
 * (what the hall runs every minute and every report runs first), quarterlyReport by each
 * grouping and the CSV export (report + reportCsv), a few runs each. No HTTP: the figures are the
 * database's and the report code's. The report's totals must be what was inserted, judged case
 * by case with the supervision rule.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { readHallConfig } from '../../src/server/config.ts';
import { createContext, type HallContext } from '../../src/server/context.ts';
import { connectDatabase, migrateToLatest } from '../../src/server/db/connect.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { loadCatalog } from '../../src/server/services/catalog.ts';
import { seedDemo } from '../../src/server/demo/seed.ts';
import { sweepCards } from '../../src/server/services/supervision.ts';
import { reportCsv } from '../../src/server/services/supervision-csv.ts';
import { quarterlyReport, type ReportCounts, type ReportGrouping } from '../../src/server/services/supervision-report.ts';
import { scratchDatabase, type DatabaseKind } from './databases.ts';
import { count, fineMs, ms, progress } from './format.ts';
import { generateQuarter, type ExpectedCounts, type QuarterMix } from './report-cases.ts';
import { latencySummary, type LatencySummary } from './stats.ts';

export interface QuarterReportPlan extends Omit<QuarterMix, 'now'> {
  /** KIOSK_NOW: a working day after the quarter. */
  now: string;
  staffPerWindow: number;
  /** Share of the yellow-only cases whose card is appealed, and of those appeals approved. */
  appealShare: number;
  approvedShare: number;
  /** Timed runs of each report; the first is not set apart. */
  runs: number;
}

export const GROUPINGS: ReportGrouping[] = ['center', 'department', 'window', 'person'];

export interface QuarterReport {
  database: DatabaseKind;
  plan: QuarterReportPlan;
  inserted: { cases: number; suspensions: number; ms: number };
  fullSweep: { ms: number; judged: number; issued: number };
  /** Every report runs one first; so does the hall every minute. */
  incrementalSweep: LatencySummary & { judged: number; issued: number };
  appeals: { filed: number; approved: number };
  reports: Record<ReportGrouping, LatencySummary & { rows: number }>;
  csv: LatencySummary & { bytes: number; grouping: ReportGrouping };
  expected: ReportCounts;
  /** The center report's totals. */
  total: ReportCounts;
  /** Groupings whose rows do not add up to the center's totals. */
  inconsistent: ReportGrouping[];
}

const CHUNK = 500;
const CSV_GROUPING: ReportGrouping = 'department';

async function insertChunked<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: readonly Database[T][]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await tx.insertInto(table).values(rows.slice(i, i + CHUNK) as any).execute();
    }
  });
}

/** The demo hall without its own cases, and enough staff for three shifts a window. */
async function prepareHall(ctx: HallContext, staffPerWindow: number): Promise<Map<number, string[]>> {
  await seedDemo(ctx);
  for (const table of ['card_appeals', 'supervision_cards', 'case_suspensions', 'case_events', 'cases'] as const) await ctx.db.deleteFrom(table).execute();
  await ctx.db.deleteFrom('hall_settings').where('key', '=', 'supervision_finished_swept_until').execute();
  const windows = await ctx.db.selectFrom('windows').select('number').orderBy('number').execute();
  const staffByWindow = new Map<number, string[]>();
  const staff: Database['staff'][] = [];
  for (const { number } of windows) {
    const ids = Array.from({ length: staffPerWindow }, () => randomUUID());
    staffByWindow.set(number, ids);
    ids.forEach((id, shift) => staff.push({ id, username: `bench-${number}-${shift}`, display_name: `${number}号窗口 ${shift + 1}班`, role: 'staff', password_hash: 'never-logs-in', created_at: ctx.clock.now() }));
  }
  await insertChunked(ctx.db, 'staff', staff);
  return staffByWindow;
}

/** Appeals on a share of the yellow-only cards; approved ones revoke the card, so the case counts as on time or in progress. */
async function fileAppeals(ctx: HallContext, yellowOnly: { caseId: string; finished: boolean }[], plan: QuarterReportPlan, expected: ExpectedCounts) {
  const now = ctx.clock.now();
  const appealed = yellowOnly.filter((_, index) => index % Math.round(1 / plan.appealShare) === 0);
  const cards = new Map<string, string>();
  for (let i = 0; i < appealed.length; i += CHUNK) {
    const part = appealed.slice(i, i + CHUNK).map((entry) => entry.caseId);
    for (const card of await ctx.db.selectFrom('supervision_cards').select(['id', 'case_id']).where('case_id', 'in', part).where('color', '=', 'yellow').execute()) cards.set(card.case_id, card.id);
  }
  const rows: Database['card_appeals'][] = [];
  const revoked: string[] = [];
  appealed.forEach((entry, index) => {
    const cardId = cards.get(entry.caseId);
    if (!cardId) return;
    const approved = index % Math.round(1 / plan.approvedShare) === 0;
    rows.push({ id: randomUUID(), card_id: cardId, department: 'bench', reason: '超时系系统停机所致，附停机通知。', filed_at: now, status: approved ? 'approved' : 'rejected', decided_at: now, decided_by: null });
    if (!approved) return;
    revoked.push(cardId);
    expected.yellow--;
    if (entry.finished) expected.onTime++;
    else expected.inProgress++;
  });
  await insertChunked(ctx.db, 'card_appeals', rows);
  for (let i = 0; i < revoked.length; i += CHUNK) await ctx.db.updateTable('supervision_cards').set({ revoked_at: now }).where('id', 'in', revoked.slice(i, i + CHUNK)).execute();
  return { filed: rows.length, approved: revoked.length };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const startedAt = performance.now();
  const value = await work();
  return { ms: performance.now() - startedAt, value };
}

async function timeRuns<T>(runs: number, work: () => Promise<T>): Promise<{ summary: LatencySummary; last: T }> {
  const durations: number[] = [];
  let last: T | undefined;
  for (let run = 0; run < runs; run++) {
    const { ms: duration, value } = await timed(work);
    durations.push(duration);
    last = value;
  }
  return { summary: latencySummary(durations)!, last: last! };
}

const COUNT_KEYS: (keyof ReportCounts)[] = ['cases', 'onTime', 'inProgress', 'yellow', 'red', 'revoked', 'appealsFiled', 'appealsApproved', 'exemptTerminal', 'exemptSmartApproval'];

async function measureOn(ctx: HallContext, kind: DatabaseKind, plan: QuarterReportPlan): Promise<QuarterReport> {
  const staffByWindow = await prepareHall(ctx, plan.staffPerWindow);
  const { catalog } = await loadCatalog(ctx.db);
  const windows = new Map((await ctx.db.selectFrom('windows').select(['number', 'category_codes']).execute()).map((row) => [row.number, JSON.parse(row.category_codes) as string[]]));
  const generated = generateQuarter({ ...plan, now: ctx.clock.now() }, { calendar: ctx.calendar, pepper: ctx.pepper, items: catalog.items, windows, staffByWindow });
  progress(`report on ${kind}: inserting ${count(generated.cases.length)} cases of ${plan.year} Q${plan.quarter}`);
  const inserted = await timed(async () => {
    await insertChunked(ctx.db, 'cases', generated.cases);
    await insertChunked(ctx.db, 'case_suspensions', generated.suspensions);
  });
  // Without the statistics autovacuum gathers on a table that grew this much, PostgreSQL would plan for an empty one.
  if (kind === 'postgres') await sql`ANALYZE`.execute(ctx.db);
  const fullSweep = await timed(() => sweepCards(ctx, { full: true }));
  progress(`report on ${kind}: inserted in ${ms(inserted.ms)}; full sweep ${ms(fullSweep.ms)}, ${count(fullSweep.value.issued)} cards`);
  const expected = generated.expected;
  const appeals = await fileAppeals(ctx, generated.yellowOnly, plan, expected);
  const incrementalSweep = await timeRuns(plan.runs, () => sweepCards(ctx));
  const reports = {} as QuarterReport['reports'];
  const totals = {} as Record<ReportGrouping, ReportCounts>;
  for (const by of GROUPINGS) {
    const { summary, last } = await timeRuns(plan.runs, () => quarterlyReport(ctx, plan.year, plan.quarter, by));
    reports[by] = { ...summary, rows: last.rows.length };
    totals[by] = last.total;
    progress(`report on ${kind} by ${by}: p50 ${fineMs(summary.p50)}, max ${fineMs(summary.max)}, ${last.rows.length} rows`);
  }
  const csv = await timeRuns(plan.runs, async () => reportCsv(await quarterlyReport(ctx, plan.year, plan.quarter, CSV_GROUPING)));
  const total = totals.center;
  return {
    database: kind,
    plan,
    inserted: { cases: generated.cases.length, suspensions: generated.suspensions.length, ms: inserted.ms },
    fullSweep: { ms: fullSweep.ms, ...fullSweep.value },
    incrementalSweep: { ...incrementalSweep.summary, ...incrementalSweep.last },
    appeals,
    reports,
    csv: { ...csv.summary, bytes: Buffer.byteLength(csv.last), grouping: CSV_GROUPING },
    expected: {
      cases: expected.manual,
      onTime: expected.onTime,
      inProgress: expected.inProgress,
      yellow: expected.yellow,
      red: expected.red,
      revoked: appeals.approved,
      appealsFiled: appeals.filed,
      appealsApproved: appeals.approved,
      exemptTerminal: expected.exemptTerminal,
      exemptSmartApproval: expected.exemptSmartApproval,
    },
    total,
    inconsistent: GROUPINGS.filter((by) => COUNT_KEYS.some((key) => totals[by][key] !== total[key])),
  };
}

export async function measureQuarterReport(kind: DatabaseKind, plan: QuarterReportPlan): Promise<QuarterReport> {
  const database = await scratchDatabase(kind, 'report');
  try {
    const hallDatabase = connectDatabase(database.url);
    try {
      await migrateToLatest(hallDatabase);
      // Not openHall: its sweeper would run on its own timer in the middle of the timings.
      const ctx = await createContext(readHallConfig({ KIOSK_NOW: plan.now }), hallDatabase.db, hallDatabase.dialect);
      return await measureOn(ctx, kind, plan);
    } finally {
      await hallDatabase.db.destroy();
    }
  } finally {
    await database.drop();
  }
}
