import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { currentOrNextSession, type ServiceSession } from '../../core/calendar/hours.ts';
import { addDays, localDateOf, type LocalDate } from '../../core/calendar/local-date.ts';
import type { QueueCategory } from '../../core/catalog.ts';
import { birthDateOf, checkIdNumber } from '../../core/id-number.ts';
import { formatTicketNumber, priorityReason, type PriorityReason } from '../../core/ticket.ts';
import type { HallContext } from '../context.ts';
import type { AppointmentRow, Database, TicketRow } from '../db/schema.ts';
import { holderHash, randomToken } from '../security.ts';
import { loadCategory } from './catalog.ts';
import { fail, type Result } from './result.ts';

export interface TicketView {
  id: string;
  number: string;
  category: string;
  serviceDate: string;
  session: { id: string; start: string; end: string };
  peopleAhead: number;
  priority: PriorityReason | null;
  status: TicketRow['status'];
  windowNumber: number | null;
  calledAt: string | null;
  trackToken: string;
  issuedAt: string;
  offline: boolean;
}

export interface AppointmentNotice {
  code: 'appointment-too-early' | 'appointment-expired';
  startsAt: string;
  endsAt: string;
}

export interface IssueRequest {
  clientId: string;
  category: string;
  idNumber?: string;
  appointmentCode?: string;
  /** Ask for the first session with room on or after this day (after a quota-full answer). */
  serviceDate?: string;
  terminalId: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Tickets ahead in calling order: priority lane first, then by time of issue. */
async function peopleAhead(db: Kysely<Database>, ticket: TicketRow): Promise<number> {
  if (ticket.status !== 'waiting') return 0;
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_code', '=', ticket.category_code)
    .where('service_date', '=', ticket.service_date)
    .where('status', '=', 'waiting')
    .where((eb) => {
      const earlier = eb.or([eb('issued_at', '<', ticket.issued_at), eb.and([eb('issued_at', '=', ticket.issued_at), eb('seq', '<', ticket.seq)])]);
      return ticket.priority ? eb.and([eb('priority', 'is not', null), earlier]) : eb.or([eb('priority', 'is not', null), earlier]);
    })
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `ahead`: already known (a ticket just issued), else counted. */
export async function ticketView(db: Kysely<Database>, ticket: TicketRow, ahead?: number): Promise<TicketView> {
  return {
    id: ticket.id,
    number: ticket.number,
    category: ticket.category_code,
    serviceDate: ticket.service_date,
    session: { id: ticket.session_id, start: ticket.session_start, end: ticket.session_end },
    peopleAhead: ahead ?? (await peopleAhead(db, ticket)),
    priority: ticket.priority as PriorityReason | null,
    status: ticket.status,
    windowNumber: ticket.window_number,
    calledAt: ticket.called_at === null ? null : iso(ticket.called_at),
    trackToken: ticket.track_token,
    issuedAt: iso(ticket.issued_at),
    offline: ticket.lease_id !== null,
  };
}

async function issuedPerDay(db: Kysely<Database>, category: string, from: LocalDate): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ticket_counters')
    .select(['service_date', 'issued'])
    .where('category_code', '=', category)
    .where('service_date', '>=', from)
    .execute();
  return new Map(rows.map((row) => [row.service_date, Number(row.issued)]));
}

/** The next session with room in the daily quota, and the first session regardless of room. */
export async function sessionFor(
  ctx: HallContext,
  category: QueueCategory,
  notBefore?: LocalDate,
): Promise<{ first: ServiceSession | null; withRoom: ServiceSession | null }> {
  const now = ctx.clock.now();
  const counts = await issuedPerDay(ctx.db, category.code, localDateOf(now));
  const onOrAfter = (s: ServiceSession) => !notBefore || s.date >= notBefore;
  const first = currentOrNextSession(category.hours, ctx.calendar, now, onOrAfter);
  const withRoom = currentOrNextSession(
    category.hours,
    ctx.calendar,
    now,
    (s) => onOrAfter(s) && (counts.get(s.date) ?? 0) < category.dailyQuota,
  );
  return { first, withRoom };
}

/**
 * Online numbers count up from 1; numbers leased to terminals for offline use count up from
 * LEASE_BASE, so the numbers citizens see stay short and consecutive however many terminals
 * hold leases, and an offline ticket is recognisable at the window (A5003).
 */
export const LEASE_BASE = 5000;

type Counter = { online: number; leased: number; issued: number; waiting: number; waitingPriority: number };
type CounterChange = { online?: number; leased?: number; issued?: number; waiting?: number; waitingPriority?: number };

/**
 * Advances the day's counter of a category: online or leased numbers taken, tickets issued
 * (for the quota) and waiting (for "people ahead", kept here so a new ticket needs no count
 * over the queue). One statement inserts or increments the row and returns
 * it: the row stays locked (PostgreSQL) or the database is (SQLite) until the transaction ends,
 * so no two issuers, in any process, get the same number.
 */
export async function advanceCounter(
  tx: Transaction<Database>,
  category: string,
  date: LocalDate,
  change: CounterChange,
): Promise<Counter> {
  const online = change.online ?? 0;
  const leased = change.leased ?? 0;
  const issued = change.issued ?? 0;
  const waiting = change.waiting ?? 0;
  const waitingPriority = change.waitingPriority ?? 0;
  const row = await tx
    .insertInto('ticket_counters')
    .values({
      category_code: category,
      service_date: date,
      last_seq: online,
      last_leased_seq: LEASE_BASE + leased,
      issued,
      waiting,
      waiting_priority: waitingPriority,
    })
    .onConflict((oc) =>
      oc.columns(['category_code', 'service_date']).doUpdateSet((eb) => ({
        last_seq: eb('ticket_counters.last_seq', '+', online),
        last_leased_seq: eb('ticket_counters.last_leased_seq', '+', leased),
        issued: eb('ticket_counters.issued', '+', issued),
        waiting: eb('ticket_counters.waiting', '+', waiting),
        waiting_priority: eb('ticket_counters.waiting_priority', '+', waitingPriority),
      })),
    )
    .returning(['last_seq', 'last_leased_seq', 'issued', 'waiting', 'waiting_priority'])
    .executeTakeFirstOrThrow();
  return {
    online: Number(row.last_seq),
    leased: Number(row.last_leased_seq),
    issued: Number(row.issued),
    waiting: Number(row.waiting),
    waitingPriority: Number(row.waiting_priority),
  };
}

async function findAppointment(ctx: HallContext, request: IssueRequest, holder: string | null, today: LocalDate) {
  let query = ctx.db.selectFrom('appointments').selectAll().where('category_code', '=', request.category).where('used_ticket_id', 'is', null);
  if (request.appointmentCode) query = query.where('code', '=', request.appointmentCode.trim().toUpperCase());
  else if (holder) query = query.where('holder_hash', '=', holder).where('service_date', '=', today);
  else return null;
  return (await query.orderBy('starts_at').executeTakeFirst()) ?? null;
}

export async function findByClientId(db: Kysely<Database>, clientId: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

type Identity = { birthDate: string | null; holder: string | null };

function readIdentity(ctx: HallContext, idNumber: string | undefined): Result<Identity> {
  if (idNumber === undefined) return { ok: true, value: { birthDate: null, holder: null } };
  const checked = checkIdNumber(idNumber);
  if (!checked.ok) return fail(400, 'id-number-invalid', 'The ID number is not valid', { problem: checked.problem });
  return { ok: true, value: { birthDate: birthDateOf(checked.idNumber), holder: holderHash(ctx.pepper, checked.idNumber) } };
}

type AppointmentCheck = { appointment: AppointmentRow | null; valid: boolean; notice: AppointmentNotice | null };

/** An appointment inside its window makes the ticket a priority one; outside it, a clear notice. */
async function checkAppointment(ctx: HallContext, request: IssueRequest, holder: string | null, now: number): Promise<Result<AppointmentCheck>> {
  const appointment = await findAppointment(ctx, request, holder, localDateOf(now));
  if (request.appointmentCode && !appointment) return fail(404, 'appointment-unknown', 'No open appointment with this code');
  if (!appointment) return { ok: true, value: { appointment: null, valid: false, notice: null } };
  const window = { startsAt: iso(appointment.starts_at), endsAt: iso(appointment.ends_at) };
  const notice: AppointmentNotice | null =
    now < appointment.starts_at
      ? { code: 'appointment-too-early', ...window }
      : now > appointment.ends_at
        ? { code: 'appointment-expired', ...window }
        : null;
  if (request.appointmentCode && notice) return fail(409, notice.code, 'The appointment is not open now', window);
  return { ok: true, value: { appointment, valid: notice === null, notice } };
}

/** The quota of `full`'s day is used up: name the next session that still has room. */
async function quotaFull(ctx: HallContext, category: QueueCategory, full: ServiceSession) {
  const { withRoom } = await sessionFor(ctx, category, addDays(full.date, 1));
  return fail(409, 'quota-full', 'All tickets of this day are taken', {
    nextSession: withRoom && { date: withRoom.date, start: withRoom.window.start, end: withRoom.window.end },
  });
}

export async function issueTicket(
  ctx: HallContext,
  request: IssueRequest,
): Promise<Result<{ ticket: TicketView; appointmentNotice: AppointmentNotice | null; repeated: boolean }>> {
  const existing = await findByClientId(ctx.db, request.clientId);
  if (existing) return { ok: true, value: { ticket: await ticketView(ctx.db, existing), appointmentNotice: null, repeated: true } };
  const category = await loadCategory(ctx.db, request.category);
  if (!category) return fail(404, 'unknown-category', `No queue category "${request.category}"`);
  const identity = readIdentity(ctx, request.idNumber);
  if (!identity.ok) return identity;
  const now = ctx.clock.now();
  const booking = await checkAppointment(ctx, request, identity.value.holder, now);
  if (!booking.ok) return booking;

  const session = currentOrNextSession(category.hours, ctx.calendar, now, (s) => !request.serviceDate || s.date >= request.serviceDate);
  if (!session) return fail(409, 'no-session', 'This category has no opening hours in the coming weeks');
  const { appointment, valid: appointmentValid, notice } = booking.value;
  const priority = priorityReason({ birthDate: identity.value.birthDate, serviceDate: session.date, appointment: appointmentValid });

  try {
    const { row, ahead } = await ctx.db.transaction().execute(async (tx) => {
      // The quota is checked on the counter row the issue locks anyway: exact under any
      // concurrency, and no extra query on the way of an ordinary ticket.
      const counter = await advanceCounter(tx, category.code, session.date, { online: 1, issued: 1, waiting: 1, waitingPriority: priority ? 1 : 0 });
      if (!appointmentValid && counter.issued > category.dailyQuota) throw new QuotaFull();
      if (counter.online > LEASE_BASE) throw new Error(`ticket numbers of ${category.code} on ${session.date} exhausted`);
      const ticket = newTicketRow(request, category, session, counter.online, priority, now);
      await tx.insertInto('tickets').values(ticket).execute();
      if (appointment && appointmentValid) {
        await tx.updateTable('appointments').set({ used_ticket_id: ticket.id }).where('code', '=', appointment.code).execute();
      }
      // The new ticket is last in its lane: everyone waiting (in the priority lane, for a priority ticket) is ahead.
      return { row: ticket, ahead: (priority ? counter.waitingPriority : counter.waiting) - 1 };
    });
    return { ok: true, value: { ticket: await ticketView(ctx.db, row, ahead), appointmentNotice: notice, repeated: false } };
  } catch (error) {
    if (error instanceof QuotaFull) return quotaFull(ctx, category, session);
    // A concurrent repeat of the same clientId won the unique constraint: answer with its ticket.
    const winner = await findByClientId(ctx.db, request.clientId);
    if (winner) return { ok: true, value: { ticket: await ticketView(ctx.db, winner), appointmentNotice: null, repeated: true } };
    throw error;
  }
}

function newTicketRow(request: IssueRequest, category: QueueCategory, session: ServiceSession, seq: number, priority: PriorityReason | null, now: number): TicketRow {
  return {
    id: randomUUID(),
    client_id: request.clientId,
    category_code: category.code,
    service_date: session.date,
    session_id: session.window.id,
    session_start: session.window.start,
    session_end: session.window.end,
    seq,
    number: formatTicketNumber(category.prefix, seq),
    priority,
    status: 'waiting',
    window_number: null,
    called_at: null,
    finished_at: null,
    track_token: randomToken(18),
    terminal_id: request.terminalId,
    lease_id: null,
    issued_at: now,
    created_at: now,
  };
}

class QuotaFull extends Error {}
