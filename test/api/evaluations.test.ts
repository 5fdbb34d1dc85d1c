import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { holderHash, randomToken } from '../../src/server/security.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

interface Recorded {
  evaluation: {
    subject: { kind: string; reference: string; title: Record<string, string>; date: string };
    level: number;
    reason: string | null;
    comment: string | null;
    source: string;
    rectification: { status: string; dueAt: string; overdue: boolean; outcome: string | null; resolvedAt: string | null } | null;
  };
  repeated: boolean;
}

interface AdminList {
  summary: { total: number; byLevel: { level: number; count: number }[]; openRectifications: number; overdueRectifications: number };
  evaluations: { id: string; reference: string; department: string; level: number; rectification: { id: string; status: string; dueAt: string; overdue: boolean; outcome: string | null; resolvedBy: string | null } | null }[];
}

describe.each(DATABASES)('evaluations on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function open() {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const token = await hall.enrollTerminal('terminal-e');
    const auth = { authorization: `Bearer ${token}` };
    const terminalId = (await hall.ctx.db.selectFrom('terminals').select('id').where('name', '=', 'terminal-e').executeTakeFirstOrThrow()).id;
    const takeTicket = async (category = 'household') => {
      const clientId = randomUUID();
      const response = await hall.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: { clientId, category } });
      const { ticket } = response.json() as { ticket: { id: string; number: string; trackToken: string } };
      return { ...ticket, clientId };
    };
    const evaluate = (body: Record<string, unknown>) =>
      hall.app.inject({ method: 'POST', url: '/api/v1/evaluations', headers: auth, payload: { clientId: randomUUID(), ...body } });
    const fromPhone = (body: Record<string, unknown>) => hall.app.inject({ method: 'POST', url: '/api/v1/evaluations/by-token', payload: { clientId: randomUUID(), ...body } });
    return { auth, terminalId, takeTicket, evaluate, fromPhone };
  }

  /**
   * A case row as the case journey stores it; inserted directly so these tests do not depend on it.
   * Numbers of a day far from the demo's, which seeds cases of its own.
   */
  async function insertCase(terminalId: string, overrides: { caseNumber?: string; idNumber?: string } = {}) {
    const row = {
      id: randomUUID(),
      case_number: overrides.caseNumber ?? 'ZW20991231000001',
      client_id: randomUUID(),
      item_code: 'social-insurance-payment-certificate',
      department: '示例市人力资源和社会保障局',
      channel: 'self-service-terminal' as const,
      handling: 'non-manual' as const,
      status: 'finished' as const,
      decision: 'approved' as const,
      applicant_hash: holderHash(hall.ctx.pepper, overrides.idNumber ?? DEMO_PEOPLE.elder.idNumber),
      applicant_kind: 'person' as const,
      applicant_masked: '林** 4453**********013X',
      document: '{}',
      promised_limit_days: 0,
      submitted_at: hall.ctx.clock.now(),
      accepted_at: null,
      due_date: null,
      decided_at: null,
      finished_at: null,
      window_number: null,
      staff_id: null,
      terminal_id: terminalId,
      evaluation_token: randomToken(18),
      created_at: hall.ctx.clock.now(),
    };
    await hall.ctx.db.insertInto('cases').values(row).execute();
    return row;
  }

  async function adminCookie() {
    const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username: 'admin', password: 'demo-admin-2026' } });
    return { cookie: String(login.headers['set-cookie']).split(';')[0]! };
  }

  const count = async (table: 'evaluations' | 'rectifications') => Number((await hall.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('records a good rating of the ticket just taken, named by its clientId, with nothing to rectify', async () => {
    const { takeTicket, evaluate } = await open();
    const ticket = await takeTicket();
    const response = await evaluate({ subject: { kind: 'ticket', clientId: ticket.clientId }, level: 5 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      repeated: false,
      evaluation: { subject: { kind: 'ticket', reference: ticket.number, title: { 'zh-CN': '户籍业务' }, date: '2026-11-24' }, level: 5, reason: null, source: 'terminal', rectification: null },
    });
    const stored = await hall.ctx.db.selectFrom('evaluations').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ subject_kind: 'ticket', subject_id: ticket.id, department: '示例市公安局' });
    expect(await count('rectifications')).toBe(0);
  });

  it('answers a repeated clientId with the first result and stores one evaluation', async () => {
    const { takeTicket, evaluate } = await open();
    const ticket = await takeTicket();
    const body = { clientId: randomUUID(), subject: { kind: 'ticket', token: ticket.trackToken }, level: 2, reason: 'slow' };
    const first = (await evaluate(body)).json() as Recorded;
    const repeats = await Promise.all(Array.from({ length: 4 }, () => evaluate(body)));
    for (const repeat of repeats) {
      expect(repeat.statusCode).toBe(200);
      expect((repeat.json() as Recorded).evaluation).toEqual(first.evaluation);
    }
    expect((repeats[0]!.json() as Recorded).repeated).toBe(true);
    expect(await count('evaluations')).toBe(1);
    expect(await count('rectifications')).toBe(1);
  });

  it('refuses a second evaluation of the same service with 409 already-evaluated, whatever the channel', async () => {
    const { takeTicket, evaluate, fromPhone } = await open();
    const ticket = await takeTicket();
    expect((await evaluate({ subject: { kind: 'ticket', clientId: ticket.clientId }, level: 4 })).statusCode).toBe(200);
    const again = await evaluate({ subject: { kind: 'ticket', token: ticket.trackToken }, level: 1, reason: 'attitude' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'already-evaluated', message: expect.stringContaining('满意'), details: { evaluation: { level: 4 } } });
    const phone = await fromPhone({ kind: 'ticket', token: ticket.trackToken, level: 3 });
    expect(phone.statusCode).toBe(409);
    expect(await count('evaluations')).toBe(1);
    expect(await count('rectifications')).toBe(0);
  });

  it('keeps one evaluation per service when several arrive at the same moment', async () => {
    const { takeTicket, evaluate, fromPhone } = await open();
    const ticket = await takeTicket();
    const responses = await Promise.all([
      ...Array.from({ length: 3 }, () => evaluate({ subject: { kind: 'ticket', clientId: ticket.clientId }, level: 2, reason: 'slow' })),
      ...Array.from({ length: 3 }, () => fromPhone({ kind: 'ticket', token: ticket.trackToken, level: 1, reason: 'other' })),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await count('evaluations')).toBe(1);
    expect(await count('rectifications')).toBe(1);
  });

  it('opens a rectification for a bad rating, due at the end of the next working day, overdue once the clock passes it', async () => {
    const { takeTicket, evaluate } = await open();
    // Friday afternoon: the next working day is Monday.
    hall.setNow('2026-11-27T15:00:00+08:00');
    const ticket = await takeTicket('tax');
    const recorded = (await evaluate({ subject: { kind: 'ticket', clientId: ticket.clientId }, level: 1, reason: 'repeat-visits', comment: '跑了三趟' })).json() as Recorded;
    expect(recorded.evaluation.rectification).toEqual({ status: 'open', dueAt: new Date('2026-12-01T00:00:00+08:00').toISOString(), overdue: false, outcome: null, resolvedAt: null });
    const rectification = await hall.ctx.db.selectFrom('rectifications').selectAll().executeTakeFirstOrThrow();
    expect(rectification).toMatchObject({ department: '示例市税务局', status: 'open' });

    // Logged in afresh at each instant: a staff session does not last for days.
    const list = async () => (await hall.app.inject({ url: '/api/v1/admin/evaluations?rectification=open', headers: await adminCookie() })).json() as AdminList;
    hall.setNow('2026-11-30T23:59:59+08:00');
    expect((await list()).evaluations[0]!.rectification).toMatchObject({ overdue: false });
    expect((await list()).summary).toMatchObject({ total: 1, openRectifications: 1, overdueRectifications: 0 });
    hall.setNow('2026-12-01T00:00:00+08:00');
    expect((await list()).evaluations[0]!.rectification).toMatchObject({ overdue: true });
    expect((await list()).summary).toMatchObject({ overdueRectifications: 1 });
    const status = await hall.app.inject(`/api/v1/evaluations/by-token/ticket/${ticket.trackToken}`);
    expect(status.json().evaluation.rectification).toMatchObject({ status: 'open', overdue: true });
  });

  it('counts a holiday out of the deadline', async () => {
    const { takeTicket, evaluate } = await open();
    hall.setNow('2026-09-30T11:00:00+08:00');
    const ticket = await takeTicket('tax');
    const recorded = (await evaluate({ subject: { kind: 'ticket', clientId: ticket.clientId }, level: 2, reason: 'system' })).json() as Recorded;
    expect(recorded.evaluation.rectification!.dueAt).toBe(new Date('2026-10-09T00:00:00+08:00').toISOString());
  });

  it('lets an administrator resolve a rectification once; the citizen then sees the outcome', async () => {
    const { takeTicket, evaluate } = await open();
    const ticket = await takeTicket();
    await evaluate({ subject: { kind: 'ticket', clientId: ticket.clientId }, level: 2, reason: 'attitude' });
    const { cookie } = await adminCookie();
    const listed = (await hall.app.inject({ url: '/api/v1/admin/evaluations', headers: { cookie } })).json() as AdminList;
    expect(listed.evaluations).toHaveLength(1);
    const id = listed.evaluations[0]!.rectification!.id;
    const resolve = (outcome: string) => hall.app.inject({ method: 'POST', url: `/api/v1/admin/rectifications/${id}/resolve`, headers: { cookie, origin: 'http://localhost' }, payload: { outcome } });

    expect((await resolve('   ')).json().error.code).toBe('outcome-required');
    hall.setNow('2026-11-24T16:00:00+08:00');
    const resolved = await resolve('已约谈窗口人员并电话回访致歉，群众表示认可。');
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().rectification).toMatchObject({ status: 'resolved', overdue: false, outcome: '已约谈窗口人员并电话回访致歉，群众表示认可。', resolvedBy: '系统管理员' });
    const twice = await resolve('再次处理');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already-resolved');

    const seen = (await hall.app.inject(`/api/v1/evaluations/by-token/ticket/${ticket.trackToken}`)).json();
    expect(seen.evaluation.rectification).toMatchObject({ status: 'resolved', outcome: '已约谈窗口人员并电话回访致歉，群众表示认可。', resolvedAt: new Date('2026-11-24T16:00:00+08:00').toISOString() });
    expect((await hall.app.inject({ method: 'POST', url: `/api/v1/admin/rectifications/${randomUUID()}/resolve`, headers: { cookie, origin: 'http://localhost' }, payload: { outcome: 'x' } })).statusCode).toBe(404);
    // Resolved in time, it stays so as the clock moves on.
    hall.setNow('2026-12-24T10:00:00+08:00');
    expect((await hall.app.inject(`/api/v1/evaluations/by-token/ticket/${ticket.trackToken}`)).json().evaluation.rectification.overdue).toBe(false);
  });

  it('keeps the back office to administrators', async () => {
    await open();
    expect((await hall.app.inject('/api/v1/admin/evaluations')).statusCode).toBe(401);
    const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username: 'agent01', password: 'demo-agent-2026' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect((await hall.app.inject({ url: '/api/v1/admin/evaluations', headers: { cookie } })).statusCode).toBe(403);
  });

  it('takes an evaluation from the phone by the token of the QR code, once, and tells the page its state', async () => {
    const { takeTicket, fromPhone, terminalId } = await open();
    const ticket = await takeTicket();
    const before = (await hall.app.inject(`/api/v1/evaluations/by-token/ticket/${ticket.trackToken}`)).json();
    expect(before).toEqual({ subject: { kind: 'ticket', reference: ticket.number, title: expect.objectContaining({ en: 'Household Registration' }), date: '2026-11-24' }, evaluation: null });
    const response = await fromPhone({ kind: 'ticket', token: ticket.trackToken, level: 3, comment: '等候时间稍长' });
    expect(response.json()).toMatchObject({ repeated: false, evaluation: { level: 3, comment: '等候时间稍长', source: 'phone' } });
    const after = (await hall.app.inject(`/api/v1/evaluations/by-token/ticket/${ticket.trackToken}`)).json();
    expect(after.evaluation).toMatchObject({ level: 3, source: 'phone' });

    const row = await insertCase(terminalId);
    const caseRating = await fromPhone({ kind: 'case', token: row.evaluation_token, level: 1, reason: 'too-many-materials' });
    expect(caseRating.json().evaluation).toMatchObject({ subject: { kind: 'case', reference: row.case_number, title: { 'zh-CN': '社会保险参保缴费证明打印' } }, rectification: { status: 'open' } });
    expect(await hall.ctx.db.selectFrom('rectifications').select('department').executeTakeFirstOrThrow()).toEqual({ department: '示例市人力资源和社会保障局' });
    expect((await hall.app.inject(`/api/v1/evaluations/by-token/case/${ticket.trackToken}`)).statusCode).toBe(404);
    expect((await fromPhone({ kind: 'ticket', token: 'NoSuchTicketToken1234', level: 5 })).json().error.code).toBe('unknown-subject');
  });

  it('finds a case at the terminal by clientId, and by number only for its identified applicant', async () => {
    const { evaluate, terminalId, auth } = await open();
    const row = await insertCase(terminalId);
    const other = await insertCase(terminalId, { caseNumber: 'ZW20991231000002' });
    const status = await hall.app.inject({ method: 'POST', url: '/api/v1/evaluations/status', headers: auth, payload: { subject: { kind: 'case', clientId: row.client_id } } });
    expect(status.json()).toMatchObject({ subject: { kind: 'case', reference: 'ZW20991231000001' }, evaluation: null });
    expect((await evaluate({ subject: { kind: 'case', clientId: row.client_id }, level: 5 })).statusCode).toBe(200);

    const byNumber = (idNumber: string) => evaluate({ subject: { kind: 'case', caseNumber: 'zw20991231000002', applicantId: idNumber }, level: 4 });
    const stranger = await byNumber(DEMO_PEOPLE.booked.idNumber);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.code).toBe('unknown-subject');
    expect((await byNumber(DEMO_PEOPLE.elder.idNumber)).json().evaluation.subject.reference).toBe(other.case_number);
  });

  it('finds a ticket by clientId only at the terminal that issued it', async () => {
    const { takeTicket } = await open();
    const ticket = await takeTicket();
    const otherToken = await hall.enrollTerminal('terminal-f');
    const response = await hall.app.inject({
      method: 'POST',
      url: '/api/v1/evaluations',
      headers: { authorization: `Bearer ${otherToken}` },
      payload: { clientId: randomUUID(), subject: { kind: 'ticket', clientId: ticket.clientId }, level: 5 },
    });
    expect(response.statusCode).toBe(404);
  });

  it('refuses bad bodies with a 4xx and a stable code, and stores nothing', async () => {
    const { takeTicket, evaluate, fromPhone } = await open();
    const ticket = await takeTicket();
    const subject = { kind: 'ticket', clientId: ticket.clientId };
    const cases: [Record<string, unknown>, string][] = [
      [{ subject, level: 2 }, 'reason-required'],
      [{ subject, level: 1, comment: '很差' }, 'reason-required'],
      [{ subject, level: 5, reason: 'slow' }, 'reason-not-allowed'],
      [{ subject, level: 4, comment: '好'.repeat(201) }, 'comment-too-long'],
      [{ subject, level: 4, comment: 'a\u0007b' }, 'comment-invalid'],
      [{ subject, level: 0 }, 'invalid-request'],
      [{ subject, level: 6 }, 'invalid-request'],
      [{ subject, level: '5' }, 'invalid-request'],
      [{ subject, level: 2, reason: 'rude' }, 'invalid-request'],
      [{ subject, level: 5, extra: true }, 'invalid-request'],
      [{ subject: { kind: 'ticket' }, level: 5 }, 'invalid-request'],
      [{ subject: { kind: 'ticket', caseNumber: 'ZW1', applicantId: DEMO_PEOPLE.elder.idNumber }, level: 5 }, 'invalid-request'],
      [{ subject: { kind: 'case', clientId: 'not-a-uuid' }, level: 5 }, 'invalid-request'],
      [{ subject: { kind: 'ticket', clientId: ticket.clientId, token: ticket.trackToken }, level: 5 }, 'invalid-request'],
      [{ subject, level: 5, clientId: 'nope' }, 'invalid-request'],
    ];
    for (const [body, code] of cases) {
      const response = await evaluate(body);
      expect(response.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, JSON.stringify(body)).toBeLessThan(500);
      expect(response.json().error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await fromPhone({ kind: 'ticket', token: 'short', level: 5 })).statusCode).toBe(400);
    expect((await fromPhone({ kind: 'other', token: ticket.trackToken, level: 5 })).statusCode).toBe(400);
    expect((await hall.app.inject({ method: 'POST', url: '/api/v1/evaluations', payload: { clientId: randomUUID(), subject, level: 5 } })).statusCode).toBe(401);
    expect((await hall.app.inject({ method: 'POST', url: '/api/v1/evaluations/by-token', headers: { 'content-type': 'application/json' }, payload: '{"kind":' })).statusCode).toBe(400);
    expect(await count('evaluations')).toBe(0);
    expect(await count('rectifications')).toBe(0);
  });
});
