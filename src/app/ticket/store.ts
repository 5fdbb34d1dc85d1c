import { signal } from '@preact/signals';
import { addDays } from '../../core/calendar/local-date.ts';
import type { ReceiptDocument } from '../../core/receipt.ts';
import { bridgeConnected, print } from '../../platform/bridge-client.ts';
import type { ApiError } from '../../platform/hall-api.ts';
import { loadQueue, queueError, queueState } from '../../platform/queue.ts';
import { takeTicket, today, type TakenTicket } from '../../platform/tickets.ts';
import { chinaClockTime } from '../../core/china-time.ts';
import { parseAppointmentCode } from '../../core/ticket.ts';
import { cardIdNumber } from '../identify/store.ts';
import type { MessageKey } from '../i18n/index.ts';
import { onSessionEnd, sessionGuard } from '../session/store.ts';

export type TicketPhase = 'loading' | 'choose' | 'taking' | 'done' | 'error';

export const phase = signal<TicketPhase>('loading');
export const taken = signal<TakenTicket | null>(null);
export const failure = signal<ApiError | null>(null);
export const appointmentNotice = signal<{ code: string; startsAt: string } | null>(null);
/**
 * The paper receipt of the taken ticket: 'screen' without a bridge (the ticket is shown on
 * screen), else printing, then done or failed with the printer's reason.
 */
export type ReceiptPrint = { kind: 'screen' } | { kind: 'printing' } | { kind: 'done' } | { kind: 'failed'; reason: string };
export const receiptPrint = signal<ReceiptPrint>({ kind: 'screen' });
/** The ticket whose receipt was sent already: a re-render or remount never prints it again. */
let printedTicket: TakenTicket | null = null;
/** Typed by the citizen for priority (age or appointment); optional. An ID card on the reader wins. */
export const idNumber = signal('');
/** A booking code scanned on this screen; the server checks it when the ticket is taken. */
export const appointmentCode = signal<string | null>(null);
/** The last scan was not a booking code: the screen says what to scan instead. */
export const scanNotBooking = signal(false);
let lastCategory: string | null = null;

export async function openTicketJourney(): Promise<void> {
  phase.value = 'loading';
  failure.value = null;
  const still = sessionGuard();
  const state = await loadQueue();
  if (!still()) return;
  if (state) phase.value = 'choose';
  else {
    failure.value = { code: queueError.value ?? 'network', status: null };
    phase.value = 'error';
  }
}

export async function chooseCategory(category: string, serviceDate?: string): Promise<void> {
  lastCategory = category;
  phase.value = 'taking';
  const holder = cardIdNumber() ?? (idNumber.value.length === 18 ? idNumber.value : null);
  const still = sessionGuard();
  const outcome = await takeTicket({
    category,
    ...(holder ? { idNumber: holder } : {}),
    ...(appointmentCode.value ? { appointmentCode: appointmentCode.value } : {}),
    ...(serviceDate ? { serviceDate } : {}),
  });
  // The ticket exists all the same; it was the citizen's who left, not the next one's.
  if (!still()) return;
  if (outcome.ok) {
    receiptPrint.value = { kind: 'screen' };
    taken.value = outcome.ticket;
    appointmentNotice.value = outcome.appointmentNotice;
    phase.value = 'done';
  } else {
    failure.value = outcome.error;
    phase.value = 'error';
  }
}

/** Prints the taken ticket's receipt once, when a kiosk-shell is connected; each print() is a fresh jobId. */
export function printTicketReceipt(ticket: TakenTicket, receipt: ReceiptDocument): void {
  if (printedTicket === ticket) return;
  printedTicket = ticket;
  if (!bridgeConnected.value) {
    receiptPrint.value = { kind: 'screen' };
    return;
  }
  receiptPrint.value = { kind: 'printing' };
  void print('receipt', receipt).then((outcome) => {
    // The citizen may have left or taken another ticket meanwhile.
    if (taken.value !== ticket) return;
    receiptPrint.value = outcome.ok ? { kind: 'done' } : { kind: 'failed', reason: outcome.reason };
  });
}

/** After "quota full": the next session that still has room, as the server named it. */
export function nextSessionWithRoom(): { date: string; start: string; end: string } | null {
  const next = failure.value?.details?.nextSession;
  return next && typeof next === 'object' ? (next as { date: string; start: string; end: string }) : null;
}

export function takeForDate(serviceDate: string): void {
  if (lastCategory) void chooseCategory(lastCategory, serviceDate);
}

export function retryLast(): void {
  if (lastCategory) void chooseCategory(lastCategory);
  else void openTicketJourney();
}

export function categoryName(code: string) {
  return queueState.value?.categories.find((c) => c.code === code)?.name ?? null;
}

/** An appointment outside its window: the server names the window, the screen says what to do. */
const APPOINTMENT_TIMING = ['appointment-too-early', 'appointment-expired'];

/**
 * Booked window in Beijing time ("12:00", "12:30"), whatever offset the server wrote it in: the
 * clock time must never be cut out of the ISO text, which may be UTC.
 */
export function appointmentTimes(window: { startsAt?: unknown; endsAt?: unknown } | undefined): { time: string; end: string } {
  return { time: chinaClockTime(String(window?.startsAt ?? '')), end: chinaClockTime(String(window?.endsAt ?? '')) };
}

/** Shown beside a ticket the server issued anyway (the citizen identified, no booking code): an ordinary one. */
export function appointmentNoticeKey(code: string): MessageKey | null {
  return APPOINTMENT_TIMING.includes(code) ? (`ticket.notice.${code}` as MessageKey) : null;
}

/** A booking code outside its window got no ticket: one tap takes an ordinary one instead. */
export function offersOrdinaryTicket(error: ApiError): boolean {
  return APPOINTMENT_TIMING.includes(error.code) && lastCategory !== null;
}

export function takeOrdinaryTicket(): void {
  clearAppointmentCode();
  if (lastCategory) void chooseCategory(lastCategory);
}

export function errorMessageKey(error: ApiError): MessageKey {
  const known = [
    'quota-full',
    'no-session',
    'offline-no-numbers',
    'network',
    'unauthorized',
    'id-number-invalid',
    'appointment-unknown',
    'appointment-too-early',
    'appointment-expired',
    // The terminal's ticket limit (a burst, then one every few seconds): a citizen waits a moment.
    'too-many-tickets',
  ];
  return (known.includes(error.code) ? `ticket.error.${error.code}` : 'ticket.error.other') as MessageKey;
}

/** "today" / "tomorrow" / the date, for a session a ticket is for. */
export function relativeDay(date: string): { key: MessageKey } | { date: string } {
  if (date === today()) return { key: 'session.today' };
  if (date === addDays(today(), 1)) return { key: 'session.tomorrow' };
  return { date };
}

/** A code from any scanner while the categories are shown: a booking code is kept for the ticket. */
export function acceptScan(text: string): void {
  if (phase.value !== 'choose') return;
  const code = parseAppointmentCode(text);
  appointmentCode.value = code ?? appointmentCode.value;
  scanNotBooking.value = code === null;
}

export function clearAppointmentCode(): void {
  appointmentCode.value = null;
  scanNotBooking.value = false;
}

export function setIdNumber(value: string): void {
  idNumber.value = value.toUpperCase().replace(/[^0-9X]/g, '').slice(0, 18);
}

onSessionEnd(() => {
  phase.value = 'loading';
  taken.value = null;
  failure.value = null;
  appointmentNotice.value = null;
  receiptPrint.value = { kind: 'screen' };
  printedTicket = null;
  idNumber.value = '';
  clearAppointmentCode();
  lastCategory = null;
});
