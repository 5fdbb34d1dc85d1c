import type { NumberLease } from '../../core/number-lease.ts';
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { SessionWindow } from '../../core/calendar/hours.ts';
import type { QueueCategory } from '../../core/catalog.ts';
import { formatTicketNumber } from '../../core/ticket.ts';
import type { HallContext } from '../context.ts';
import type { NumberLeaseTable, TicketRow } from '../db/schema.ts';
import { randomToken } from '../security.ts';
import { loadCategory } from './catalog.ts';
import { fail, type Result } from './result.ts';
import { advanceCounter, findByClientId, sessionFor, ticketView, type TicketView } from './tickets.ts';

/** Enough for a terminal to keep issuing through an ordinary outage; small, since every terminal holds one per category. */
export const DEFAULT_LEASE_SIZE = 10;
export const MAX_LEASE_SIZE = 100;

/**
 * Reserves a block of numbers of the current or next session for one terminal, to issue from
 * while the server is unreachable. The block is cut from the same database counter as online
 * tickets, so its numbers are unique; unused numbers of an expired lease are simply never called.
 */
export async function leaseNumbers(ctx: HallContext, terminalId: string, categoryCode: string, size = DEFAULT_LEASE_SIZE): Promise<Result<NumberLease>> {
  const category = await loadCategory(ctx.db, categoryCode);
  if (!category) return fail(404, 'unknown-category', `No queue category "${categoryCode}"`);
  const { first } = await sessionFor(ctx, category);
  if (!first) return fail(409, 'no-session', 'This category has no opening hours in the coming weeks');
  const now = ctx.clock.now();
  const lease = await ctx.db.transaction().execute(async (tx) => {
    const { leased: lastSeq } = await advanceCounter(tx, category.code, first.date, { leased: size });
    const row = {
      id: randomUUID(),
      terminal_id: terminalId,
      category_code: category.code,
      service_date: first.date,
      session_id: first.window.id,
      first_seq: lastSeq - size + 1,
      last_seq: lastSeq,
      expires_at: first.endsAt,
      created_at: now,
    };
    await tx.insertInto('number_leases').values(row).execute();
    return row;
  });
  return {
    ok: true,
    value: {
      id: lease.id,
      category: category.code,
      prefix: category.prefix,
      serviceDate: lease.service_date,
      session: { id: first.window.id, start: first.window.start, end: first.window.end },
      firstSeq: lease.first_seq,
      lastSeq: lease.last_seq,
      expiresAt: new Date(lease.expires_at).toISOString(),
    },
  };
}

export interface OfflineTicketReport {
  /**
   * The clientId of the citizen's tap: the same one the terminal sent with its online attempt,
   * so that an attempt that reached the server after all is recognised as this very ticket.
   */
  clientId: string;
  leaseId: string;
  seq: number;
  issuedAt: string;
  priority: 'elder' | null;
}

type LeaseRow = Selectable<NumberLeaseTable>;
type Recorded = Result<{ ticket: TicketView; repeated: boolean }>;

/** What the citizen holds: a number of the lease, and the session the lease was cut for. */
interface OfflineTicket {
  terminalId: string;
  lease: LeaseRow;
  category: QueueCategory;
  session: SessionWindow | undefined;
  report: OfflineTicketReport;
}

const isThisReport = (row: TicketRow, report: OfflineTicketReport) => row.lease_id === report.leaseId && row.seq === report.seq;

/**
 * A ticket the terminal issued from its lease while offline, reported once the network is back.
 * The number on the citizen's paper is the one that ends up in the queue, exactly once: a repeat
 * answers with the first result, and an online ticket of the same tap, committed by the server
 * after the terminal had given up waiting and never shown to anyone, becomes this ticket.
 */
export async function recordOfflineTicket(ctx: HallContext, terminalId: string, report: OfflineTicketReport): Promise<Recorded> {
  const existing = await findByClientId(ctx.db, report.clientId);
  if (existing && isThisReport(existing, report)) return { ok: true, value: { ticket: await ticketView(ctx.db, existing), repeated: true } };
  const lease = await ctx.db.selectFrom('number_leases').selectAll().where('id', '=', report.leaseId).executeTakeFirst();
  if (!lease || lease.terminal_id !== terminalId) return fail(404, 'unknown-lease', 'This terminal holds no such number lease');
  if (report.seq < lease.first_seq || report.seq > lease.last_seq) return fail(409, 'seq-outside-lease', 'The number is not part of the lease');
  const issuedAt = Date.parse(report.issuedAt);
  if (!Number.isFinite(issuedAt) || issuedAt > lease.expires_at) return fail(409, 'lease-expired', 'The lease had expired when the ticket was issued');
  const category = await loadCategory(ctx.db, lease.category_code);
  if (!category) return fail(404, 'unknown-category', 'The category of the lease no longer exists');
  const session = category.hours.workday.concat(category.hours.saturday ?? []).find((w) => w.id === lease.session_id);
  const offline: OfflineTicket = { terminalId, lease, category, session, report };
  if (existing) return adoptTapTicket(ctx, existing, offline);
  try {
    const row = await insertOfflineTicket(ctx, offline, issuedAt);
    return { ok: true, value: { ticket: await ticketView(ctx.db, row), repeated: false } };
  } catch (error) {
    // The online attempt of the same tap, or a concurrent repeat of this report, came first.
    const winner = await findByClientId(ctx.db, report.clientId);
    if (winner) return adoptTapTicket(ctx, winner, offline);
    return seqAlreadyUsed(ctx, offline, error);
  }
}

/** The same number reported under another clientId, which the unique index refused; any other failure is a fault. */
async function seqAlreadyUsed(ctx: HallContext, { lease, report }: OfflineTicket, error: unknown): Promise<Recorded> {
  const holder = await ctx.db
    .selectFrom('tickets')
    .select('client_id')
    .where('category_code', '=', lease.category_code)
    .where('service_date', '=', lease.service_date)
    .where('seq', '=', report.seq)
    .executeTakeFirst();
  if (!holder || holder.client_id === report.clientId) throw error;
  return fail(409, 'seq-already-used', `Number ${report.seq} of the lease was already reported`);
}

async function insertOfflineTicket(ctx: HallContext, { terminalId, lease, category, session, report }: OfflineTicket, issuedAt: number): Promise<TicketRow> {
  const row: TicketRow = {
    id: randomUUID(),
    client_id: report.clientId,
    category_code: lease.category_code,
    service_date: lease.service_date,
    session_id: lease.session_id,
    session_start: session?.start ?? '',
    session_end: session?.end ?? '',
    seq: report.seq,
    number: formatTicketNumber(category.prefix, report.seq),
    priority: report.priority,
    status: 'waiting',
    window_number: null,
    called_at: null,
    finished_at: null,
    track_token: randomToken(18),
    terminal_id: terminalId,
    lease_id: lease.id,
    issued_at: issuedAt,
    created_at: ctx.clock.now(),
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('tickets').values(row).execute();
    await advanceCounter(tx, lease.category_code, lease.service_date, { issued: 1, waiting: 1, waitingPriority: report.priority ? 1 : 0 });
  });
  return row;
}

/**
 * The tap's clientId already has a ticket. If it is this report's, it is a repeat. If it is an
 * online ticket (the answer to the online attempt was lost, so the citizen holds the leased
 * number instead), that ticket takes the leased number and waits again: it was never shown to
 * anyone, and the number on the paper must be the one called. Anything else is a clientId used twice.
 */
async function adoptTapTicket(ctx: HallContext, tapTicket: TicketRow, offline: OfflineTicket): Promise<Recorded> {
  const { terminalId, lease, category, session, report } = offline;
  if (isThisReport(tapTicket, report)) return { ok: true, value: { ticket: await ticketView(ctx.db, tapTicket), repeated: true } };
  if (tapTicket.lease_id !== null || tapTicket.terminal_id !== terminalId || tapTicket.category_code !== lease.category_code) {
    return fail(409, 'client-id-reused', 'This clientId already belongs to another ticket');
  }
  const adopted: TicketRow = {
    ...tapTicket,
    service_date: lease.service_date,
    session_id: lease.session_id,
    session_start: session?.start ?? tapTicket.session_start,
    session_end: session?.end ?? tapTicket.session_end,
    seq: report.seq,
    number: formatTicketNumber(category.prefix, report.seq),
    // The server's judgement (an appointment, say) stands; the terminal's adds an elder offline.
    priority: tapTicket.priority ?? report.priority,
    status: 'waiting',
    window_number: null,
    called_at: null,
    finished_at: null,
    lease_id: lease.id,
  };
  const wasWaiting = tapTicket.status === 'waiting';
  try {
    const done = await ctx.db.transaction().execute(async (tx) => {
      const { id, ...changes } = adopted;
      // Only while it is still the online ticket: of two reports racing, one adopts it.
      const updated = await tx.updateTable('tickets').set(changes).where('id', '=', id).where('lease_id', 'is', null).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await advanceCounter(tx, tapTicket.category_code, tapTicket.service_date, {
        issued: -1,
        waiting: wasWaiting ? -1 : 0,
        waitingPriority: wasWaiting && tapTicket.priority ? -1 : 0,
      });
      await advanceCounter(tx, lease.category_code, lease.service_date, { issued: 1, waiting: 1, waitingPriority: adopted.priority ? 1 : 0 });
      return true;
    });
    if (!done) {
      const winner = await findByClientId(ctx.db, report.clientId);
      return winner && isThisReport(winner, report)
        ? { ok: true, value: { ticket: await ticketView(ctx.db, winner), repeated: true } }
        : fail(409, 'client-id-reused', 'This clientId already belongs to another ticket');
    }
  } catch (error) {
    return seqAlreadyUsed(ctx, offline, error);
  }
  return { ok: true, value: { ticket: await ticketView(ctx.db, adopted), repeated: false } };
}
