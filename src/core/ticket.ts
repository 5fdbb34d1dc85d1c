import { formatChinaDateTime } from './china-time.ts';
import { ageOn } from './id-number.ts';
import type { LocalDate, LocalTime } from './calendar/local-date.ts';
import type { Language, Localized } from './language.ts';
import type { ReceiptDocument } from './receipt.ts';

/** Citizens of this age or older are served first (优先窗口), without having to ask. */
export const PRIORITY_AGE = 70;

export type PriorityReason = 'elder' | 'appointment';

export interface IssuedTicket {
  number: string;
  category: { code: string; name: Localized };
  serviceDate: LocalDate;
  session: { id: string; start: LocalTime; end: LocalTime };
  /** Unknown for a ticket issued offline. */
  peopleAhead: number | null;
  hallName: Localized;
  /** Where the QR on the ticket leads; none until an offline ticket reaches the server. */
  trackUrl: string | null;
  priority: PriorityReason | null;
  /** ISO time of issue. */
  issuedAt: string;
  /** Issued by the terminal from its leased block while the server was unreachable. */
  offline: boolean;
}

/** "A" + 23 → "A023"; past 999 the number simply grows ("A1000"). */
export function formatTicketNumber(prefix: string, sequence: number): string {
  return prefix + String(sequence).padStart(3, '0');
}

export function priorityReason(options: {
  birthDate?: string | null;
  serviceDate: LocalDate;
  appointment?: boolean;
}): PriorityReason | null {
  if (options.appointment) return 'appointment';
  if (options.birthDate && ageOn(options.birthDate, options.serviceDate) >= PRIORITY_AGE) return 'elder';
  return null;
}

const LABELS: Record<string, Localized> = {
  title: { 'zh-CN': '排队凭条', 'zh-TW': '排隊憑條', en: 'Queue ticket' },
  ahead: { 'zh-CN': '您前面还有 {n} 人', 'zh-TW': '您前面還有 {n} 人', en: '{n} people ahead of you' },
  when: { 'zh-CN': '办理时间', 'zh-TW': '辦理時間', en: 'Service time' },
  priority: { 'zh-CN': '优先办理', 'zh-TW': '優先辦理', en: 'Priority' },
  offline: {
    'zh-CN': '离线取号，网络恢复后自动登记',
    'zh-TW': '離線取號，網路恢復後自動登記',
    en: 'Issued offline; registered when the network returns',
  },
  track: { 'zh-CN': '扫码查看排队进度', 'zh-TW': '掃碼查看排隊進度', en: 'Scan to follow the queue' },
  notice: {
    'zh-CN': '请留意叫号，过号请重新取号',
    'zh-TW': '請留意叫號，過號請重新取號',
    en: 'Please listen for your number; a missed number needs a new ticket',
  },
};

const label = (key: keyof typeof LABELS, lang: Language, n?: number) =>
  LABELS[key]![lang].replace('{n}', String(n ?? ''));

/** The time of issue in Beijing time, as a citizen reads a clock: "2026-10-01 20:30". */
function issuedAtText(issuedAt: string): string {
  return formatChinaDateTime(Date.parse(issuedAt));
}

/** The ticket as printed, and as shown on screen when no printer is connected. */
export function ticketReceipt(ticket: IssuedTicket, lang: Language): ReceiptDocument {
  return {
    items: [
      { type: 'text', text: ticket.hallName[lang], align: 'center', bold: true },
      { type: 'text', text: label('title', lang), align: 'center' },
      { type: 'rule' },
      { type: 'text', text: ticket.category.name[lang], align: 'center', size: 'wide' },
      { type: 'text', text: ticket.number, align: 'center', size: 'double', bold: true },
      ...(ticket.priority ? [{ type: 'text' as const, text: label('priority', lang), align: 'center' as const, bold: true as const }] : []),
      ...(ticket.peopleAhead === null ? [] : [{ type: 'text' as const, text: label('ahead', lang, ticket.peopleAhead), align: 'center' as const }]),
      {
        type: 'text',
        text: `${label('when', lang)}: ${ticket.serviceDate} ${ticket.session.start}-${ticket.session.end}`,
        align: 'center',
      },
      ...(ticket.offline ? [{ type: 'text' as const, text: label('offline', lang), align: 'center' as const }] : []),
      { type: 'rule' },
      ...(ticket.trackUrl
        ? [
            { type: 'qr' as const, data: ticket.trackUrl, size: 6 },
            { type: 'text' as const, text: label('track', lang), align: 'center' as const },
          ]
        : []),
      { type: 'text', text: label('notice', lang), align: 'center' },
      { type: 'text', text: issuedAtText(ticket.issuedAt), align: 'center' },
      { type: 'feed', lines: 3 },
      { type: 'cut' },
    ],
  };
}

/**
 * A booking code as the citizen's phone shows it (a QR or printed code such as YY0001), read from
 * any scanner; null when the text is something else, so the screen can say so.
 */
export function parseAppointmentCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{2}\d{4,10}$/.test(code) ? code : null;
}
