import type { NumberLease } from '../../core/number-lease.ts';
import { randomUUID } from 'node:crypto';
import { formatTicketNumber } from '../../core/ticket.ts';
import type { HallContext } from '../context.ts';
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
  clientId: string;
  leaseId: string;
  seq: number;
  issuedAt: string;
  priority: 'elder' | null;
}

/** A ticket the terminal issued from its lease while offline, reported once the network is back. */
export async function recordOfflineTicket(ctx: HallContext, terminalId: string, report: OfflineTicketReport): Promise<Result<{ ticket: TicketView; repeated: boolean }>> {
  const existing = await findByClientId(ctx.db, report.clientId);
  if (existing) return { ok: true, value: { ticket: await ticketView(ctx.db, existing), repeated: true } };
  const lease = await ctx.db.selectFrom('number_leases').selectAll().where('id', '=', report.leaseId).executeTakeFirst();
  if (!lease || lease.terminal_id !== terminalId) return fail(404, 'unknown-lease', 'This terminal holds no such number lease');
  if (report.seq < lease.first_seq || report.seq > lease.last_seq) return fail(409, 'seq-outside-lease', 'The number is not part of the lease');
  const issuedAt = Date.parse(report.issuedAt);
  if (!Number.isFinite(issuedAt) || issuedAt > lease.expires_at) return fail(409, 'lease-expired', 'The lease had expired when the ticket was issued');
  const category = await loadCategory(ctx.db, lease.category_code);
  if (!category) return fail(404, 'unknown-category', 'The category of the lease no longer exists');
  const session = category.hours.workday.concat(category.hours.saturday ?? []).find((w) => w.id === lease.session_id);
  const now = ctx.clock.now();
  try {
    const row = {
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
      status: 'waiting' as const,
      window_number: null,
      called_at: null,
      finished_at: null,
      track_token: randomToken(18),
      terminal_id: terminalId,
      lease_id: lease.id,
      issued_at: issuedAt,
      created_at: now,
    };
    await ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto('tickets').values(row).execute();
      await advanceCounter(tx, lease.category_code, lease.service_date, { issued: 1, waiting: 1, waitingPriority: report.priority ? 1 : 0 });
    });
    return { ok: true, value: { ticket: await ticketView(ctx.db, row), repeated: false } };
  } catch {
    const winner = await findByClientId(ctx.db, report.clientId);
    if (winner) return { ok: true, value: { ticket: await ticketView(ctx.db, winner), repeated: true } };
    // The same number reported under another clientId: the unique index refused a double.
    return fail(409, 'seq-already-used', `Number ${report.seq} of the lease was already reported`);
  }
}
