import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { cardsFor, superviseCase, type SuspensionSpan } from '../../core/supervision.ts';
import type { HallContext } from '../context.ts';
import type { Database } from '../db/schema.ts';

/**
 * The card sweep of the efficiency supervision (效能督查): every manual window case that runs past
 * its promised limit gets its yellow card at 1 working day over and its red card at 2 (the rule is
 * src/core/supervision.ts). Cards are unique per case and colour in the database, so a sweep can
 * run on every hall server of a fleet, any number of times.
 */

/** How often a hall server sweeps: a card appears within a minute of the day it is due. */
export const SWEEP_INTERVAL_MS = 60_000;
/**
 * Finished cases are judged once after they finish: the sweep remembers the latest finish it
 * judged (hall_settings) and looks back this far before it, for a case finished on another server
 * whose transaction committed a little later.
 */
const FINISHED_OVERLAP_MS = 10 * 60_000;
const WATERMARK_KEY = 'supervision_finished_swept_until';
const DAY_MS = 86_400_000;
/** Rows per statement: far below the bound-parameter limits of SQLite and PostgreSQL. */
const CHUNK = 400;

export interface SweepOutcome {
  /** Cases judged by the rule (the rest could not be overdue, or were judged before). */
  judged: number;
  /** Cards newly recorded by this sweep. */
  issued: number;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

async function readWatermark(ctx: HallContext): Promise<number> {
  const row = await ctx.db.selectFrom('hall_settings').select('value').where('key', '=', WATERMARK_KEY).executeTakeFirst();
  const value = Number(row?.value);
  return Number.isFinite(value) ? value : 0;
}

async function writeWatermark(ctx: HallContext, value: number): Promise<void> {
  await ctx.db
    .insertInto('hall_settings')
    .values({ key: WATERMARK_KEY, value: String(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) }))
    .execute();
}

/** Supplement pauses of the given cases, by case id. */
export async function suspensionsOf(ctx: HallContext, caseIds: readonly string[]): Promise<Map<string, SuspensionSpan[]>> {
  const byCase = new Map<string, SuspensionSpan[]>();
  for (const part of chunks(caseIds)) {
    if (part.length === 0) continue;
    const rows = await ctx.db.selectFrom('case_suspensions').select(['case_id', 'started_at', 'ended_at']).where('case_id', 'in', part).execute();
    for (const row of rows) {
      const list = byCase.get(row.case_id) ?? [];
      list.push({ startedAt: Number(row.started_at), endedAt: row.ended_at === null ? null : Number(row.ended_at) });
      byCase.set(row.case_id, list);
    }
  }
  return byCase;
}

/**
 * Manual window cases that may need a card they do not have: accepted, without a red card yet,
 * open or finished since the last sweep (two queries, each a range of the cases_sweep index),
 * and older than their limit in calendar days (a case can only be overdue once more than `limit`
 * whole days have passed since its acceptance).
 */
async function candidates(ctx: HallContext, now: number, finishedSince: number) {
  const base = ctx.db
    .selectFrom('cases')
    .select(['id', 'channel', 'handling', 'accepted_at', 'finished_at', 'promised_limit_days', 'department', 'window_number', 'staff_id'])
    .where('handling', '=', 'manual')
    .where('channel', '=', 'window')
    .where('accepted_at', 'is not', null)
    .where(sql<boolean>`cases.accepted_at + cast(cases.promised_limit_days as bigint) * ${sql.lit(DAY_MS)} < coalesce(cases.finished_at, ${now})`)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('supervision_cards').select('supervision_cards.id').whereRef('supervision_cards.case_id', '=', 'cases.id').where('supervision_cards.color', '=', 'red'))),
    );
  const [open, finished] = await Promise.all([base.where('finished_at', 'is', null).execute(), base.where('finished_at', '>', finishedSince).execute()]);
  return [...open, ...finished];
}

type NewCard = Database['supervision_cards'];

async function sweepOnce(ctx: HallContext, options: { full?: boolean }): Promise<SweepOutcome> {
  const now = ctx.clock.now();
  const watermark = options.full ? 0 : await readWatermark(ctx);
  const rows = await candidates(ctx, now, options.full ? -1 : watermark - FINISHED_OVERLAP_MS);
  const pauses = await suspensionsOf(ctx, rows.map((row) => row.id));
  const cards: NewCard[] = [];
  let latestFinish = watermark;
  for (const row of rows) {
    const finishedAt = row.finished_at === null ? null : Number(row.finished_at);
    if (finishedAt !== null && finishedAt > latestFinish) latestFinish = finishedAt;
    const { verdict } = superviseCase(
      { channel: row.channel, handling: row.handling, acceptedAt: Number(row.accepted_at), promisedLimitDays: row.promised_limit_days, suspensions: pauses.get(row.id) ?? [], finishedAt },
      ctx.calendar,
      now,
    );
    for (const color of cardsFor(verdict)) {
      cards.push({ id: randomUUID(), case_id: row.id, color, issued_at: now, department: row.department, window_number: row.window_number, staff_id: row.staff_id, revoked_at: null });
    }
  }
  let issued = 0;
  for (const part of chunks(cards)) {
    const result = await ctx.db
      .insertInto('supervision_cards')
      .values(part)
      .onConflict((oc) => oc.columns(['case_id', 'color']).doNothing())
      .executeTakeFirst();
    issued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  if (latestFinish > watermark) await writeWatermark(ctx, latestFinish);
  return { judged: rows.length, issued };
}

interface SweepState {
  running: Promise<SweepOutcome> | null;
  queued: Promise<SweepOutcome> | null;
}
const states = new WeakMap<HallContext, SweepState>();

/**
 * Records the cards every manual case has earned by now. Calls overlapping a running sweep share
 * one sweep started after it, so a report asked for now sees the cards of now, and a burst of
 * report requests costs one sweep.
 *
 * `full` judges every finished case again, not only those finished since the last sweep: for
 * cases imported with old finish times (migrations, benches).
 */
export function sweepCards(ctx: HallContext, options: { full?: boolean } = {}): Promise<SweepOutcome> {
  let state = states.get(ctx);
  if (!state) {
    state = { running: null, queued: null };
    states.set(ctx, state);
  }
  const own = state;
  const start = () => {
    const run = sweepOnce(ctx, options).finally(() => {
      if (own.running === run) own.running = null;
    });
    own.running = run;
    return run;
  };
  if (options.full) return (own.running ?? Promise.resolve()).catch(() => undefined).then(start);
  if (own.queued) return own.queued;
  if (!own.running) return start();
  const queued = own.running
    .catch(() => undefined)
    .then(() => {
      own.queued = null;
      return start();
    });
  own.queued = queued;
  return queued;
}

export interface Sweeper {
  /** Stops the timer and waits for a sweep in progress, so the database can be closed after. */
  stop(): Promise<void>;
}

/** Sweeps now and then every `intervalMs` until stopped; a failed sweep is reported and retried next time. */
export function startSweeper(ctx: HallContext, onError: (error: unknown) => void, intervalMs = SWEEP_INTERVAL_MS): Sweeper {
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    current = sweepCards(ctx).catch(onError);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
      await states.get(ctx)?.running?.catch(() => undefined);
    },
  };
}
