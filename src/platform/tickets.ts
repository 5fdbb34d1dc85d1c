import { localDateOf } from '../core/calendar/local-date.ts';
import { birthDateOf } from '../core/id-number.ts';
import type { Localized } from '../core/language.ts';
import { formatTicketNumber, priorityReason, type PriorityReason } from '../core/ticket.ts';
import { clock } from './clock.ts';
import { callHall, isWorthRetrying, type ApiError } from './hall-api.ts';
import { takeLeasedNumber } from './leases.ts';
import { enqueue } from './outbox.ts';

/** A ticket as the terminal shows and prints it. */
export interface TakenTicket {
  /** The clientId of the write that issued it, online or offline: how this terminal names it later (好差评). */
  clientId: string;
  number: string;
  category: string;
  serviceDate: string;
  session: { id: string; start: string; end: string };
  peopleAhead: number | null;
  priority: PriorityReason | null;
  trackToken: string | null;
  /** The hall that issued it, and its QR's address, as the server names them; none offline. */
  hallName: Localized | null;
  trackUrl: string | null;
  issuedAt: string;
  offline: boolean;
}

export interface TicketRequest {
  category: string;
  idNumber?: string;
  appointmentCode?: string;
  serviceDate?: string;
}

export type TicketOutcome =
  | { ok: true; ticket: TakenTicket; appointmentNotice: { code: string; startsAt: string; endsAt: string } | null }
  | { ok: false; error: ApiError };

interface TicketAnswer {
  ticket: TakenTicket & { id: string; status: string; windowNumber: number | null };
  appointmentNotice: { code: string; startsAt: string; endsAt: string } | null;
}

export const OFFLINE_TICKET_KIND = 'offline-ticket';

/** What the server records of an offline ticket (POST /tickets/offline). */
interface OfflineReport {
  clientId: string;
  leaseId: string;
  seq: number;
  issuedAt: string;
  priority: 'elder' | null;
}

/** An outbox entry: the report, and the number printed for the citizen, to check the server's answer against. */
type OfflineEntry = OfflineReport & { number?: string };

/**
 * Takes a ticket from the server; when the server cannot be reached, issues one from this
 * terminal's leased block and queues it in the outbox, to be reported exactly once later.
 *
 * The offline ticket is reported under the clientId of the online attempt. A request that timed
 * out may still have been committed: the server then finds that ticket under the same clientId
 * and gives it the leased number, so the number on the paper is the one in the queue, once.
 */
export async function takeTicket(request: TicketRequest): Promise<TicketOutcome> {
  const clientId = crypto.randomUUID();
  const result = await callHall<TicketAnswer>('POST', '/tickets', { clientId, ...request });
  if (result.ok) {
    const { id, status, windowNumber, ...ticket } = result.value.ticket;
    return { ok: true, ticket: { ...ticket, clientId }, appointmentNotice: result.value.appointmentNotice };
  }
  if (result.error.code !== 'network' || request.appointmentCode) return { ok: false, error: result.error };
  return issueOffline(clientId, request);
}

async function issueOffline(clientId: string, request: TicketRequest): Promise<TicketOutcome> {
  const now = clock.now();
  const leased = await takeLeasedNumber(request.category, now);
  if (!leased) return { ok: false, error: { code: 'offline-no-numbers', status: null } };
  const birthDate = request.idNumber ? birthDateOf(request.idNumber) : null;
  // Offline, only age can be checked; appointments need the server.
  const priority = priorityReason({ birthDate, serviceDate: leased.lease.serviceDate }) === 'elder' ? ('elder' as const) : null;
  const issuedAt = new Date(now).toISOString();
  const number = formatTicketNumber(leased.lease.prefix, leased.seq);
  const entry: OfflineEntry = { clientId, leaseId: leased.lease.id, seq: leased.seq, issuedAt, priority, number };
  await enqueue(OFFLINE_TICKET_KIND, clientId, entry);
  return {
    ok: true,
    appointmentNotice: null,
    ticket: {
      clientId,
      number,
      category: request.category,
      serviceDate: leased.lease.serviceDate,
      session: leased.lease.session,
      peopleAhead: null,
      priority,
      trackToken: null,
      hallName: null,
      trackUrl: null,
      issuedAt,
      offline: true,
    },
  };
}

/**
 * Reports one offline ticket; the server answers a repeat with the first result. 'mismatch': the
 * server acknowledged it under another number than the citizen holds, which the terminal cannot
 * mend but must report (the entry is done with either way).
 */
export async function sendOfflineTicket(payload: unknown): Promise<'done' | 'retry' | 'refused' | 'mismatch'> {
  const { number, ...report } = payload as OfflineEntry;
  const result = await callHall<{ ticket: { number: string } }>('POST', '/tickets/offline', report);
  if (result.ok) return number === undefined || result.value.ticket.number === number ? 'done' : 'mismatch';
  if (isWorthRetrying(result.error)) return 'retry';
  return 'refused';
}

/** Today in China, for screens that say "today" or "tomorrow". */
export function today(): string {
  return localDateOf(clock.now());
}
