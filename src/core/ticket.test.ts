import { describe, expect, it } from 'vitest';
import { parseReceiptDocument } from './receipt.ts';
import { formatTicketNumber, parseAppointmentCode, priorityReason, ticketReceipt, type IssuedTicket } from './ticket.ts';

const ticket: IssuedTicket = {
  number: 'A023',
  category: { code: 'household', name: { 'zh-CN': '户籍业务', 'zh-TW': '戶籍業務', en: 'Household registration' } },
  serviceDate: '2026-10-08',
  session: { id: 'morning', start: '09:00', end: '12:00' },
  peopleAhead: 4,
  hallName: { 'zh-CN': '示例市政务服务中心', 'zh-TW': '示例市政務服務中心', en: 'Example City Government Service Center' },
  trackUrl: 'http://127.0.0.1:8080/track/abc',
  priority: null,
  issuedAt: '2026-10-01T20:30:00+08:00',
  offline: false,
};

describe('tickets', () => {
  it('numbers tickets with the category prefix and three digits', () => {
    expect(formatTicketNumber('A', 23)).toBe('A023');
    expect(formatTicketNumber('B', 1)).toBe('B001');
    expect(formatTicketNumber('C', 1000)).toBe('C1000');
  });

  it('gives priority at 70 on the service day, and to valid appointments', () => {
    expect(priorityReason({ birthDate: '1956-10-08', serviceDate: '2026-10-08' })).toBe('elder');
    expect(priorityReason({ birthDate: '1956-10-09', serviceDate: '2026-10-08' })).toBeNull();
    expect(priorityReason({ serviceDate: '2026-10-08', appointment: true })).toBe('appointment');
    expect(priorityReason({ serviceDate: '2026-10-08' })).toBeNull();
  });

  it('prints the number, people ahead, service day and window, hall name and a QR to follow the queue', () => {
    const receipt = ticketReceipt(ticket, 'zh-CN');
    expect(parseReceiptDocument(receipt)).toEqual(receipt);
    const texts = receipt.items.flatMap((item) => (item.type === 'text' ? [item.text] : []));
    expect(texts).toContain('A023');
    expect(texts).toContain('示例市政务服务中心');
    expect(texts).toContain('您前面还有 4 人');
    expect(texts).toContain('办理时间: 2026-10-08 09:00-12:00');
    expect(texts).toContain('2026-10-01 20:30');
    expect(receipt.items).toContainEqual({ type: 'qr', data: 'http://127.0.0.1:8080/track/abc', size: 6 });
    expect(receipt.items.at(-1)).toEqual({ type: 'cut' });
  });

  it('says so on a priority or offline ticket, in the citizen language', () => {
    const texts = ticketReceipt({ ...ticket, priority: 'elder', offline: true }, 'en').items.flatMap((item) =>
      item.type === 'text' ? [item.text] : [],
    );
    expect(texts).toContain('Priority');
    expect(texts).toContain('Issued offline; registered when the network returns');
    expect(texts).toContain('4 people ahead of you');
  });

  it('leaves out people ahead and the QR on a ticket issued offline', () => {
    const receipt = ticketReceipt({ ...ticket, offline: true, peopleAhead: null, trackUrl: null }, 'zh-CN');
    expect(receipt.items.some((item) => item.type === 'qr')).toBe(false);
    expect(receipt.items.some((item) => item.type === 'text' && item.text.includes('前面'))).toBe(false);
  });

  it('reads a booking code from a scan and refuses anything else', () => {
    expect(parseAppointmentCode('YY0001')).toBe('YY0001');
    expect(parseAppointmentCode(' yy0002\r\n')).toBe('YY0002');
    expect(parseAppointmentCode('https://example.org/YY0001')).toBeNull();
    expect(parseAppointmentCode('eyJhbGciOiJFUzI1NiJ9.e30.sig')).toBeNull();
    expect(parseAppointmentCode('')).toBeNull();
    expect(parseAppointmentCode('Y0001')).toBeNull();
  });
});
