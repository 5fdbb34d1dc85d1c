import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseChannel } from '../../src/core/cases.ts';
import type { CardView } from '../../src/server/services/supervision-cards.ts';
import type { ReportRow, SupervisionReport } from '../../src/server/services/supervision-report.ts';
import { sweepCards } from '../../src/server/services/supervision.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

/** China time: "2027-01-11 10:00". */
const at = (text: string) => Date.parse(`${text.replace(' ', 'T')}:00+08:00`);

/** RFC 4180, enough to read back what the server wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  return rows;
}

describe.each(DATABASES)('efficiency supervision on %s', (kind) => {
  let hall: TestHall;
  let now = 0;
  let cookie: { at: number; value: string } | null = null;
  let staffIds: Record<string, string> = {};
  let sequence = 0;
  afterEach(async () => hall?.dispose());

  async function open() {
    hall = await openTestHall(kind);
    // A clean slate: the demo quarter is for people, not for exact sums.
    await sweepCards(hall.ctx);
    const db = hall.ctx.db;
    for (const table of ['card_appeals', 'supervision_cards', 'case_suspensions', 'case_events', 'cases'] as const) await db.deleteFrom(table).execute();
    await db.deleteFrom('hall_settings').where('key', '=', 'supervision_finished_swept_until').execute();
    staffIds = Object.fromEntries((await db.selectFrom('staff').select(['id', 'username']).execute()).map((row) => [row.username, row.id]));
    cookie = null;
    setNow('2027-01-11 09:00');
  }

  function setNow(text: string) {
    now = at(text);
    hall.setNow(new Date(now).toISOString());
  }

  /** Staff sessions last a shift of the (moving) hall clock: log in again at each new time. */
  async function adminCookie(): Promise<string> {
    if (cookie?.at === now) return cookie.value;
    const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username: 'admin', password: 'demo-admin-2026' } });
    cookie = { at: now, value: String(login.headers['set-cookie']).split(';')[0]! };
    return cookie.value;
  }
  const get = async (url: string) => hall.app.inject({ url: `/api/v1/admin/supervision${url}`, headers: { cookie: await adminCookie() } });
  const post = async (url: string, payload: Record<string, unknown>) => hall.app.inject({ method: 'POST', url: `/api/v1/admin/supervision${url}`, headers: { cookie: await adminCookie(), origin: 'http://localhost' }, payload });
  const cards = async (query = 'year=2027&quarter=1') => {
    const response = await get(`/cards?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { cards: CardView[] }).cards;
  };
  const report = async (by: string, query = 'year=2027&quarter=1') => {
    const response = await get(`/report?${query}&by=${by}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as SupervisionReport;
  };

  interface NewCase {
    channel?: CaseChannel;
    accepted: string;
    limit?: number;
    finished?: string;
    department?: string;
    window?: number | null;
    staff?: string | null;
    pause?: [string, string | null];
  }
  async function insertCase(spec: NewCase): Promise<{ id: string; caseNumber: string }> {
    const channel = spec.channel ?? 'window';
    const manual = channel === 'window';
    const id = randomUUID();
    const caseNumber = `ZW${spec.accepted.slice(0, 10).replaceAll('-', '')}${String(++sequence).padStart(6, '0')}`;
    await hall.ctx.db
      .insertInto('cases')
      .values({
        id,
        case_number: caseNumber,
        client_id: randomUUID(),
        item_code: 'housing-transfer-registration',
        department: spec.department ?? '示例市不动产登记中心',
        channel,
        handling: manual ? 'manual' : 'non-manual',
        status: spec.finished ? 'finished' : 'accepted',
        decision: spec.finished ? 'approved' : null,
        applicant_hash: 'h'.repeat(64),
        applicant_kind: 'person',
        applicant_masked: '王** 9901**********1234',
        document: JSON.stringify({ itemName: { 'zh-CN': '房屋转移登记', 'zh-TW': '房屋轉移登記', en: 'Transfer' }, materials: [], formValues: {}, commitment: null, deferred: null, result: null }),
        promised_limit_days: spec.limit ?? 3,
        submitted_at: at(spec.accepted),
        accepted_at: at(spec.accepted),
        due_date: null,
        decided_at: spec.finished ? at(spec.finished) : null,
        finished_at: spec.finished ? at(spec.finished) : null,
        window_number: manual ? (spec.window === undefined ? 9 : spec.window) : null,
        staff_id: manual ? (spec.staff === undefined ? staffIds.agent01! : spec.staff) : null,
        terminal_id: null,
        evaluation_token: randomUUID(),
        created_at: at(spec.accepted),
      })
      .execute();
    if (spec.pause) {
      const [start, end] = spec.pause;
      await hall.ctx.db.insertInto('case_suspensions').values({ id: randomUUID(), case_id: id, started_at: at(start), ended_at: end === null ? null : at(end) }).execute();
    }
    return { id, caseNumber };
  }
  const cardsOfCase = async (caseId: string) => (await hall.ctx.db.selectFrom('supervision_cards').select(['color', 'issued_at']).where('case_id', '=', caseId).orderBy('color').execute()).map((card) => card.color);

  it('issues a yellow card on the first working day over, then a red one, once each, and never for exempt cases', async () => {
    await open();
    // Accepted Monday 11 Jan 2027, 3 working days: due Thursday 14 Jan.
    const late = await insertCase({ accepted: '2027-01-11 10:00', limit: 3, window: 9, staff: staffIds.agent02! });
    const terminal = await insertCase({ channel: 'self-service-terminal', accepted: '2027-01-11 10:00', limit: 0 });
    const smart = await insertCase({ channel: 'smart-approval', accepted: '2027-01-04 10:00', limit: 0 });
    const paused = await insertCase({ accepted: '2027-01-11 10:00', limit: 3, pause: ['2027-01-12 15:00', null] });
    const finishedLate = await insertCase({ accepted: '2027-01-04 10:00', limit: 1, finished: '2027-01-07 16:00' });

    setNow('2027-01-14 23:59');
    expect(await cards()).toEqual([expect.objectContaining({ caseNumber: finishedLate.caseNumber, color: 'red' }), expect.objectContaining({ caseNumber: finishedLate.caseNumber, color: 'yellow' })]);
    expect(await cardsOfCase(late.id)).toEqual([]);

    setNow('2027-01-15 00:01');
    const yellow = (await cards()).filter((card) => card.caseNumber === late.caseNumber);
    expect(yellow).toEqual([
      expect.objectContaining({ color: 'yellow', department: '示例市不动产登记中心', windowNumber: 9, staffName: '窗口二号', dueDate: '2027-01-14', overdueWorkingDays: 1, issuedAt: '2027-01-15T00:01:00+08:00', revokedAt: null }),
    ]);

    // Saturday and Sunday add nothing; Monday is the second working day over.
    setNow('2027-01-17 12:00');
    expect(await cardsOfCase(late.id)).toEqual(['yellow']);
    setNow('2027-01-18 08:00');
    const both = (await cards()).filter((card) => card.caseNumber === late.caseNumber);
    expect(both.map((card) => card.color).sort()).toEqual(['red', 'yellow']);
    expect(both.find((card) => card.color === 'yellow')).toMatchObject({ id: yellow[0]!.id, issuedAt: '2027-01-15T00:01:00+08:00' });

    setNow('2027-03-31 12:00');
    expect(await sweepCards(hall.ctx)).toMatchObject({ issued: 0 });
    expect(await cardsOfCase(late.id)).toEqual(['red', 'yellow']);
    expect(await cardsOfCase(terminal.id)).toEqual([]);
    expect(await cardsOfCase(smart.id)).toEqual([]);
    expect(await cardsOfCase(paused.id)).toEqual([]);
    expect(await cardsOfCase(finishedLate.id)).toEqual(['red', 'yellow']);
  });

  it('takes an appeal until the end of day 15 after issue, revokes the card when approved, and refuses on day 16', async () => {
    await open();
    // Due Tuesday 12 Jan, finished on Wednesday: yellow.
    const first = await insertCase({ accepted: '2027-01-11 10:00', limit: 1, finished: '2027-01-13 10:00' });
    const second = await insertCase({ accepted: '2027-01-11 11:00', limit: 1, finished: '2027-01-13 11:00', department: '示例市公安局', window: 1 });
    setNow('2027-01-13 12:00');
    const issued = await cards();
    expect(issued).toHaveLength(2);
    const cardOf = (caseNumber: string) => issued.find((card) => card.caseNumber === caseNumber)!;
    expect(cardOf(first.caseNumber)).toMatchObject({ issuedAt: '2027-01-13T12:00:00+08:00', appealOpen: true, appealLastDay: '2027-01-28' });

    setNow('2027-01-28 23:59');
    const wrongDepartment = await post(`/cards/${cardOf(first.caseNumber).id}/appeals`, { reason: '系统停机', department: '示例市公安局' });
    expect(wrongDepartment.statusCode).toBe(403);
    expect(wrongDepartment.json().error.code).toBe('not-card-department');
    const filed = await post(`/cards/${cardOf(first.caseNumber).id}/appeals`, { reason: '  不动产登记系统停机两日，有通知为证。 ' });
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ status: 'pending', department: '示例市不动产登记中心', reason: '不动产登记系统停机两日，有通知为证。', filedAt: '2027-01-28T23:59:00+08:00' });
    const again = await post(`/cards/${cardOf(first.caseNumber).id}/appeals`, { reason: '再次申诉' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('appeal-pending');

    const pending = await cards('year=2027&quarter=1&status=appeal-pending');
    expect(pending.map((card) => card.id)).toEqual([cardOf(first.caseNumber).id]);

    setNow('2027-01-29 00:00');
    const refused = await post(`/cards/${cardOf(second.caseNumber).id}/appeals`, { reason: '迟到的申诉' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'appeal-window-closed', details: { lastDay: '2027-01-28' } });
    expect(refused.json().error.message).toContain('15 natural days');

    // Deciding is not bound to the appeal window.
    const approved = await post(`/appeals/${filed.json().id}/decision`, { approve: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ appeal: { status: 'approved', decidedAt: '2027-01-29T00:00:00+08:00' }, cardRevokedAt: '2027-01-29T00:00:00+08:00' });
    expect((await post(`/appeals/${filed.json().id}/decision`, { approve: false })).json().error.code).toBe('appeal-decided');
    expect((await post(`/cards/${cardOf(first.caseNumber).id}/appeals`, { reason: '再次' })).json().error.code).toBe('card-revoked');

    const revoked = await cards('year=2027&quarter=1&status=revoked');
    expect(revoked).toEqual([expect.objectContaining({ id: cardOf(first.caseNumber).id, revokedAt: '2027-01-29T00:00:00+08:00', appealOpen: false, appeal: expect.objectContaining({ status: 'approved' }) })]);
    expect((await cards('year=2027&quarter=1&status=live')).map((card) => card.caseNumber)).toEqual([second.caseNumber]);
    // A revoked card stays revoked: the sweep never issues it again.
    await sweepCards(hall.ctx, { full: true });
    expect(await cardsOfCase(first.id)).toEqual(['yellow']);

    expect((await post(`/cards/${randomUUID()}/appeals`, { reason: 'x' })).statusCode).toBe(404);
    expect((await post(`/appeals/${randomUUID()}/decision`, { approve: true })).json().error.code).toBe('unknown-appeal');
  });

  it('keeps a rejected appeal’s card, and lets the department appeal again within the window', async () => {
    await open();
    await insertCase({ accepted: '2027-01-11 10:00', limit: 0 });
    setNow('2027-01-12 10:00');
    const [card] = await cards();
    const filed = (await post(`/cards/${card!.id}/appeals`, { reason: '窗口排队人数过多' })).json() as { id: string };
    const rejected = await post(`/appeals/${filed.id}/decision`, { approve: false });
    expect(rejected.json()).toMatchObject({ appeal: { status: 'rejected' }, cardRevokedAt: null });
    expect((await post(`/cards/${card!.id}/appeals`, { reason: '补充：当日系统故障，附故障报告。' })).statusCode).toBe(200);
    const [listed] = await cards();
    expect(listed).toMatchObject({ revokedAt: null, appeal: { status: 'pending', reason: '补充：当日系统故障，附故障报告。' } });
  });

  it('aggregates the quarter by center, department, window and person', async () => {
    await open();
    const police = '示例市公安局';
    const estate = '示例市不动产登记中心';
    // Four police cases at window 1 (agent01): on time, yellow, red, still open; two estate cases at window 9 (agent02).
    await insertCase({ accepted: '2027-01-11 10:00', limit: 3, finished: '2027-01-14 16:00', department: police, window: 1 });
    const yellow = await insertCase({ accepted: '2027-01-11 10:00', limit: 3, finished: '2027-01-15 16:00', department: police, window: 1 });
    await insertCase({ accepted: '2027-01-11 10:00', limit: 3, finished: '2027-01-18 16:00', department: police, window: 1 });
    await insertCase({ accepted: '2027-03-29 10:00', limit: 5, department: police, window: 1 });
    const revokedCase = await insertCase({ accepted: '2027-01-11 10:00', limit: 1, finished: '2027-01-13 10:00', department: estate, window: 9, staff: staffIds.agent02! });
    await insertCase({ accepted: '2027-02-01 10:00', limit: 1, finished: '2027-02-01 16:00', department: estate, window: 9, staff: staffIds.agent02! });
    // Exempt, and a case of the previous quarter that is not counted.
    await insertCase({ channel: 'self-service-terminal', accepted: '2027-01-20 22:00', limit: 0, department: police });
    await insertCase({ channel: 'self-service-terminal', accepted: '2027-02-20 09:00', limit: 0, department: estate });
    await insertCase({ channel: 'smart-approval', accepted: '2027-03-01 03:00', limit: 0, department: estate });
    await insertCase({ accepted: '2026-12-28 10:00', limit: 1, finished: '2027-01-11 10:00', department: police, window: 1 });

    setNow('2027-01-20 10:00');
    const estateCard = (await cards()).find((card) => card.caseNumber === revokedCase.caseNumber)!;
    const appeal = (await post(`/cards/${estateCard.id}/appeals`, { reason: '系统停机' })).json() as { id: string };
    await post(`/appeals/${appeal.id}/decision`, { approve: true });
    const yellowCard = (await cards()).find((card) => card.caseNumber === yellow.caseNumber)!;
    const rejected = (await post(`/cards/${yellowCard.id}/appeals`, { reason: '排队过多' })).json() as { id: string };
    await post(`/appeals/${rejected.id}/decision`, { approve: false });

    setNow('2027-03-30 10:00');
    const counts = (row: ReportRow | SupervisionReport['total']) => [row.cases, row.onTime, row.inProgress, row.yellow, row.red, row.revoked, row.appealsFiled, row.appealsApproved, row.exemptTerminal, row.exemptSmartApproval];
    const center = await report('center');
    expect(center.rows.map((row) => row.label)).toEqual(['示例市政务服务中心']);
    expect(counts(center.rows[0]!)).toEqual([6, 3, 1, 1, 1, 1, 2, 1, 2, 1]);
    expect(counts(center.total)).toEqual(counts(center.rows[0]!));

    const byDepartment = await report('department');
    expect(byDepartment.rows.map((row) => [row.label, ...counts(row)])).toEqual([
      [police, 4, 1, 1, 1, 1, 0, 1, 0, 1, 0],
      [estate, 2, 2, 0, 0, 0, 1, 1, 1, 1, 1],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'zh-CN')));

    const byWindow = await report('window');
    expect(byWindow.rows.map((row) => [row.label, ...counts(row)])).toEqual([
      ['1号窗口', 4, 1, 1, 1, 1, 0, 1, 0, 0, 0],
      ['9号窗口', 2, 2, 0, 0, 0, 1, 1, 1, 0, 0],
      ['无窗口（自助终端 / 智能审批）', 0, 0, 0, 0, 0, 0, 0, 0, 2, 1],
    ]);
    const byPerson = await report('person');
    expect(byPerson.rows.map((row) => [row.label, row.key, row.cases, row.red, row.exemptTerminal])).toEqual([
      ['窗口二号', staffIds.agent02, 2, 0, 0],
      ['窗口一号', staffIds.agent01, 4, 1, 0],
      ['无经办人（非人工办理）', '', 0, 0, 2],
    ]);
    expect(counts(byPerson.total)).toEqual(counts(center.total));

    const previous = await report('center', 'year=2026&quarter=4');
    expect(previous.total).toMatchObject({ cases: 1, red: 1 });

    const exempt = await get('/exempt-cases?year=2027&quarter=1');
    expect(exempt.json()).toMatchObject({ total: 3, cases: [{ channel: 'smart-approval' }, { channel: 'self-service-terminal' }, { channel: 'self-service-terminal', department: police }] });
  });

  it('exports the report as CSV that Excel reads as UTF-8 and that parses back to the same numbers', async () => {
    await open();
    const awkward = '示例市"便民",服务局';
    await insertCase({ accepted: '2027-01-11 10:00', limit: 1, finished: '2027-01-14 10:00', department: awkward });
    await insertCase({ accepted: '2027-01-11 10:00', limit: 1, finished: '2027-01-12 10:00', department: '=cmd|calc' });
    await insertCase({ channel: 'self-service-terminal', accepted: '2027-01-11 10:00', department: awkward });
    setNow('2027-02-01 10:00');
    const response = await get('/report.csv?year=2027&quarter=1&by=department');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="supervision-2027-Q1-department.csv"; filename*=UTF-8''${encodeURIComponent('效能督查_2027年第1季度_按部门.csv')}`,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(response.body.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['季度', '统计维度', '名称', '人工办件', '按时办结', '办理中', '黄牌', '红牌', '已撤销牌', '申诉', '申诉通过', '自助终端件（免督查）', '智能审批件（免督查）']);
    const json = await report('department');
    expect(rows.slice(1, -1).map((row) => row[2])).toEqual(json.rows.map((row) => (row.label.startsWith('=') ? `'${row.label}` : row.label)));
    expect(rows.find((row) => row[2] === awkward)).toEqual(['2027年第1季度', '部门', awkward, '1', '0', '0', '0', '1', '0', '0', '0', '1', '0']);
    expect(rows.at(-1)).toEqual(['2027年第1季度', '部门', '合计', '2', '1', '0', '0', '1', '0', '0', '0', '1', '0']);
  });

  it('is for administrators only, and refuses malformed requests with a 400', async () => {
    await open();
    const urls = ['/report', '/report.csv', '/cards', '/exempt-cases'];
    for (const url of urls) expect((await hall.app.inject(`/api/v1/admin/supervision${url}`)).statusCode).toBe(401);
    expect((await hall.app.inject({ method: 'POST', url: `/api/v1/admin/supervision/cards/${randomUUID()}/appeals`, payload: { reason: 'x' } })).statusCode).toBe(401);
    const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username: 'agent01', password: 'demo-agent-2026' } });
    const agent = String(login.headers['set-cookie']).split(';')[0]!;
    for (const url of urls) {
      const response = await hall.app.inject({ url: `/api/v1/admin/supervision${url}`, headers: { cookie: agent } });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    expect((await hall.app.inject({ method: 'POST', url: `/api/v1/admin/supervision/appeals/${randomUUID()}/decision`, headers: { cookie: agent, origin: 'http://localhost' }, payload: { approve: true } })).statusCode).toBe(403);

    expect((await get('/report?year=2027&quarter=5')).statusCode).toBe(400);
    expect((await get('/report?by=province')).statusCode).toBe(400);
    expect((await get('/cards?status=lost')).statusCode).toBe(400);
    expect((await post('/cards/not-a-uuid/appeals', { reason: 'x' })).statusCode).toBe(400);
    expect((await post(`/cards/${randomUUID()}/appeals`, { reason: '' })).statusCode).toBe(400);
    expect((await post(`/cards/${randomUUID()}/appeals`, { reason: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await post(`/appeals/${randomUUID()}/decision`, { approve: 'yes' })).statusCode).toBe(400);
    const defaults = (await get('/report')).json() as SupervisionReport;
    expect([defaults.year, defaults.quarter]).toEqual([2027, 1]);
  });
});
