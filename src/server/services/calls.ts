import { localDateOf } from '../../core/calendar/local-date.ts';
import type { HallContext } from '../context.ts';
import type { Kysely } from 'kysely';
import type { Database, TicketRow } from '../db/schema.ts';
import { loadCategories } from './catalog.ts';
import { fail, type Result } from './result.ts';
import { advanceCounter, ticketView, type TicketView } from './tickets.ts';

async function windowCategories(ctx: HallContext, windowNumber: number): Promise<string[] | null> {
  const window = await ctx.db.selectFrom('windows').select('category_codes').where('number', '=', windowNumber).executeTakeFirst();
  return window ? (JSON.parse(window.category_codes) as string[]) : null;
}

function waitingQuery(db: Kysely<Database>, categories: string[], today: string) {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('service_date', '=', today)
    .where('status', '=', 'waiting')
    .where('category_code', 'in', categories)
    .orderBy((eb) => eb.case().when('priority', 'is not', null).then(0).else(1).end())
    .orderBy('issued_at')
    .orderBy('seq');
}

/** Waiting tickets of today for the window's categories, in calling order: priority first, then issue time. */
export async function waitingFor(ctx: HallContext, windowNumber: number): Promise<TicketRow[]> {
  const categories = await windowCategories(ctx, windowNumber);
  if (!categories || categories.length === 0) return [];
  return waitingQuery(ctx.db, categories, localDateOf(ctx.clock.now())).limit(50).execute();
}

export async function callNext(ctx: HallContext, windowNumber: number): Promise<Result<TicketView | null>> {
  const categories = await windowCategories(ctx, windowNumber);
  if (!categories) return fail(404, 'unknown-window', `No window ${windowNumber}`);
  const serving = await ctx.db.selectFrom('tickets').select('number').where('window_number', '=', windowNumber).where('status', '=', 'called').executeTakeFirst();
  if (serving) return fail(409, 'window-busy', `Ticket ${serving.number} is still being served here: finish it or mark it a no-show first`);
  if (categories.length === 0) return { ok: true, value: null };
  const now = ctx.clock.now();
  const called = await ctx.db.transaction().execute(async (tx) => {
    let query = waitingQuery(tx, categories, localDateOf(now)).limit(1);
    // Windows calling at the same moment each lock a different ticket instead of waiting for
    // one another. SQLite runs one transaction at a time, so there is nothing to skip there.
    if (ctx.dialect === 'postgres') query = query.forUpdate().skipLocked();
    const next = await query.executeTakeFirst();
    if (!next) return null;
    await tx.updateTable('tickets').set({ status: 'called', window_number: windowNumber, called_at: now }).where('id', '=', next.id).execute();
    await advanceCounter(tx, next.category_code, next.service_date, { waiting: -1, waitingPriority: next.priority ? -1 : 0 });
    return { ...next, status: 'called' as const, window_number: windowNumber, called_at: now };
  });
  return { ok: true, value: called && (await ticketView(ctx.db, called)) };
}

type Transition = 'recall' | 'no-show' | 'finish';

export async function updateCall(ctx: HallContext, ticketId: string, windowNumber: number, transition: Transition): Promise<Result<TicketView>> {
  const ticket = await ctx.db.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirst();
  if (!ticket) return fail(404, 'unknown-ticket', 'No such ticket');
  if (ticket.status !== 'called' || ticket.window_number !== windowNumber) {
    return fail(409, 'not-called-here', 'The ticket is not being served at this window');
  }
  const now = ctx.clock.now();
  const changes =
    transition === 'recall'
      ? { called_at: now }
      : { status: transition === 'finish' ? ('done' as const) : ('no-show' as const), finished_at: now };
  await ctx.db.updateTable('tickets').set(changes).where('id', '=', ticketId).execute();
  return { ok: true, value: await ticketView(ctx.db, { ...ticket, ...changes }) };
}

/** People waiting today per category, from the day's counters (kept in step with every issue and call). */
export async function waitingToday(ctx: HallContext): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('ticket_counters')
    .select(['category_code', 'waiting'])
    .where('service_date', '=', localDateOf(ctx.clock.now()))
    .execute();
  return new Map(rows.map((row) => [row.category_code, Number(row.waiting)]));
}

export interface DisplayState {
  calls: { number: string; windowNumber: number; calledAt: string }[];
  waiting: { category: string; name: string; waiting: number }[];
}

/** What the hall display shows: the latest calls and the queue length of each category. */
export async function displayState(ctx: HallContext): Promise<DisplayState> {
  const today = localDateOf(ctx.clock.now());
  const [calls, counts, categories] = await Promise.all([
    ctx.db
      .selectFrom('tickets')
      .select(['number', 'window_number', 'called_at'])
      .where('service_date', '=', today)
      .where('status', '=', 'called')
      .orderBy('called_at', 'desc')
      .limit(8)
      .execute(),
    waitingToday(ctx),
    loadCategories(ctx.db),
  ]);
  const waiting = counts;
  return {
    calls: calls.map((c) => ({ number: c.number, windowNumber: c.window_number ?? 0, calledAt: new Date(c.called_at ?? 0).toISOString() })),
    waiting: categories.map((c) => ({ category: c.code, name: c.name['zh-CN'], waiting: waiting.get(c.code) ?? 0 })),
  };
}

export async function trackTicket(ctx: HallContext, token: string): Promise<Result<TicketView>> {
  const ticket = await ctx.db.selectFrom('tickets').selectAll().where('track_token', '=', token).executeTakeFirst();
  return ticket ? { ok: true, value: await ticketView(ctx.db, ticket) } : fail(404, 'unknown-ticket', 'No ticket for this link');
}
