import { randomUUID } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { currentOrNextSession, type ServiceSession } from '../../core/calendar/hours.ts';
import { addDays, localDateOf, type LocalDate } from '../../core/calendar/local-date.ts';
import type { QueueCategory } from '../../core/catalog.ts';
import { formatChinaIso } from '../../core/china-time.ts';
import { birthDateOf, checkIdNumber } from '../../core/id-number.ts';
import { formatTicketNumber, priorityReason, type PriorityReason } from '../../core/ticket.ts';
import type { HallContext } from '../context.ts';
import { onSqlite, sqliteConnection } from '../db/connect.ts';
import { firstRow, PreparedQuery, runOnSqlite } from '../db/prepared.ts';
import type { AppointmentRow, Database, TicketRow } from '../db/schema.ts';
import { holderHash, randomToken } from '../security.ts';
import { loadCategory } from './catalog.ts';
import { fail, type Result, type ServiceError } from './result.ts';
import { advance, counterOf, counterStep, LEASE_BASE, type Counter, type CounterStep } from './ticket-counters.ts';

// Where calls and leases have long found them.
export { advanceCounter, LEASE_BASE } from './ticket-counters.ts';

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

/** Every column, so that the prepared insert stores a whole row. */
const TICKET_COLUMNS = Object.keys({
  id: true,
  client_id: true,
  category_code: true,
  service_date: true,
  session_id: true,
  session_start: true,
  session_end: true,
  seq: true,
  number: true,
  priority: true,
  status: true,
  window_number: true,
  called_at: true,
  finished_at: true,
  track_token: true,
  terminal_id: true,
  lease_id: true,
  issued_at: true,
  created_at: true,
} satisfies Record<keyof TicketRow, true>) as (keyof TicketRow)[];

const insertTicket = new PreparedQuery(TICKET_COLUMNS, (db, row: TicketRow) => db.insertInto('tickets').values(row));

const useAppointment = new PreparedQuery(['code', 'ticketId'], (db, use: { code: string; ticketId: string }) =>
  db.updateTable('appointments').set({ used_ticket_id: use.ticketId }).where('code', '=', use.code),
);

const byClientId = new PreparedQuery(['clientId'], (db, key: { clientId: string }) => db.selectFrom('tickets').selectAll().where('client_id', '=', key.clientId));

export async function findByClientId(db: Kysely<Database>, clientId: string): Promise<TicketRow | undefined> {
  return firstRow(db, byClientId.bind(db, { clientId }));
}

/** What an issue stores once its counter is advanced: the ticket, and the appointment it uses. */
interface IssueWrite {
  ticket: TicketRow;
  /** People ahead of the new ticket, read off the counter. */
  ahead: number;
  appointmentCode: string | null;
}

/** `decide` turns the advanced counter into the ticket, or throws to roll the transaction back. */
type Decide = (counter: Counter) => IssueWrite;

/**
 * The issue's transaction: the counter advanced, the ticket decided, stored, and its appointment
 * used. On SQLite it runs as one synchronous transaction straight on the connection: none of
 * Kysely's transaction and query machinery, which took more CPU than the statements themselves.
 */
function storeIssue(db: Kysely<Database>, step: CounterStep, decide: Decide): Promise<IssueWrite> {
  const database = sqliteConnection(db);
  if (database) return onSqlite(db, database, () => sqliteIssue(database)(db, step, decide));
  return db.transaction().execute(async (tx) => {
    const write = decide(counterOf((await tx.executeQuery(advance.bind(tx, step))).rows[0]));
    await tx.executeQuery(insertTicket.bind(tx, write.ticket));
    if (write.appointmentCode) await tx.executeQuery(useAppointment.bind(tx, { code: write.appointmentCode, ticketId: write.ticket.id }));
    return write;
  });
}

type SqliteIssue = (db: Kysely<Database>, step: CounterStep, decide: Decide) => IssueWrite;
/** better-sqlite3 sets a transaction function up with some work: once per connection. */
const sqliteIssues = new WeakMap<SQLite.Database, SqliteIssue>();

function sqliteIssue(database: SQLite.Database): SqliteIssue {
  let issue = sqliteIssues.get(database);
  if (!issue) {
    issue = database.transaction((db: Kysely<Database>, step: CounterStep, decide: Decide) => {
      const write = decide(counterOf(runOnSqlite(database, advance.bind(db, step))[0]));
      runOnSqlite(database, insertTicket.bind(db, write.ticket));
      if (write.appointmentCode) runOnSqlite(database, useAppointment.bind(db, { code: write.appointmentCode, ticketId: write.ticket.id }));
      return write;
    });
    sqliteIssues.set(database, issue);
  }
  return issue;
}

async function findAppointment(ctx: HallContext, request: IssueRequest, holder: string | null, today: LocalDate) {
  // Most tickets come without code or ID number: no query to build for them.
  if (!request.appointmentCode && !holder) return null;
  let query = ctx.db.selectFrom('appointments').selectAll().where('category_code', '=', request.category).where('used_ticket_id', 'is', null);
  if (request.appointmentCode) query = query.where('code', '=', request.appointmentCode.trim().toUpperCase());
  else query = query.where('holder_hash', '=', holder).where('service_date', '=', today);
  return (await query.orderBy('starts_at').executeTakeFirst()) ?? null;
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
  // In Beijing time with its offset: whoever shows it to a citizen reads the hall's clock.
  const window = { startsAt: formatChinaIso(appointment.starts_at), endsAt: formatChinaIso(appointment.ends_at) };
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

/**
 * The session a ticket taken now is for. The search through the calendar gives the same answer
 * to every ticket until that session ends, so it is kept per category; a reloaded catalog brings
 * new category objects, and with them a new search.
 */
const ticketSessions = new WeakMap<QueueCategory, { since: number; session: ServiceSession }>();

function ticketSession(ctx: HallContext, category: QueueCategory, now: number, notBefore: LocalDate | undefined): ServiceSession | null {
  if (notBefore) return currentOrNextSession(category.hours, ctx.calendar, now, (s) => s.date >= notBefore);
  const known = ticketSessions.get(category);
  if (known && known.since <= now && now < known.session.endsAt) return known.session;
  const session = currentOrNextSession(category.hours, ctx.calendar, now);
  if (session) ticketSessions.set(category, { since: now, session });
  return session;
}

/** A rate limit asked once a tap is known to be new: a refusal, or null to go on. */
export type AdmitNewTicket = () => { ok: false; error: ServiceError } | null;

type Issued = Result<{ ticket: TicketView; appointmentNotice: AppointmentNotice | null; repeated: boolean }>;

async function repeatOf(ctx: HallContext, clientId: string): Promise<Issued | null> {
  const existing = await findByClientId(ctx.db, clientId);
  return existing ? { ok: true, value: { ticket: await ticketView(ctx.db, existing), appointmentNotice: null, repeated: true } } : null;
}

/**
 * Idempotency first: a repeat of an issued clientId is answered whatever the limits say. A copy
 * refused by the limit while its first was still being issued is answered with that first too.
 */
async function admitted(ctx: HallContext, clientId: string, admit: AdmitNewTicket | undefined): Promise<Issued | null> {
  const repeat = await repeatOf(ctx, clientId);
  if (repeat) return repeat;
  const refusal = admit?.() ?? null;
  return refusal && ((await repeatOf(ctx, clientId)) ?? refusal);
}

export async function issueTicket(ctx: HallContext, request: IssueRequest, admit?: AdmitNewTicket): Promise<Issued> {
  const answered = await admitted(ctx, request.clientId, admit);
  if (answered) return answered;
  const category = await loadCategory(ctx.db, request.category);
  if (!category) return fail(404, 'unknown-category', `No queue category "${request.category}"`);
  const identity = readIdentity(ctx, request.idNumber);
  if (!identity.ok) return identity;
  const now = ctx.clock.now();
  const booking = await checkAppointment(ctx, request, identity.value.holder, now);
  if (!booking.ok) return booking;

  const session = ticketSession(ctx, category, now, request.serviceDate);
  if (!session) return fail(409, 'no-session', 'This category has no opening hours in the coming weeks');
  const { appointment, valid: appointmentValid, notice } = booking.value;
  const priority = priorityReason({ birthDate: identity.value.birthDate, serviceDate: session.date, appointment: appointmentValid });

  const step = counterStep(category.code, session.date, { online: 1, issued: 1, waiting: 1, waitingPriority: priority ? 1 : 0 });
  try {
    const { ticket, ahead } = await storeIssue(ctx.db, step, (counter) => {
      // The quota is checked on the counter row the issue locks anyway: exact under any
      // concurrency, and no extra query on the way of an ordinary ticket.
      if (!appointmentValid && counter.issued > category.dailyQuota) throw new QuotaFull();
      if (counter.online > LEASE_BASE) throw new Error(`ticket numbers of ${category.code} on ${session.date} exhausted`);
      return {
        ticket: newTicketRow(request, category, session, counter.online, priority, now),
        // The new ticket is last in its lane: everyone waiting (in the priority lane, for a priority ticket) is ahead.
        ahead: (priority ? counter.waitingPriority : counter.waiting) - 1,
        appointmentCode: appointment && appointmentValid ? appointment.code : null,
      };
    });
    return { ok: true, value: { ticket: await ticketView(ctx.db, ticket, ahead), appointmentNotice: notice, repeated: false } };
  } catch (error) {
    // A concurrent repeat of the same clientId got there first: it won the unique constraint, or
    // it took the day's last number while this copy waited for the counter. Either way the
    // citizen's tap has its ticket, which is the answer; only then is a full quota the answer.
    const winner = await repeatOf(ctx, request.clientId);
    if (winner) return winner;
    if (error instanceof QuotaFull) return quotaFull(ctx, category, session);
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
