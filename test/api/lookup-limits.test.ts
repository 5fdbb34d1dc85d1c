import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { newQueryCode } from '../../src/core/case-progress.ts';
import { queuedReference } from '../../src/core/case-receipt.ts';
import type { CaseDocument } from '../../src/core/cases.ts';
import { checkIdNumber, idCheckChar, maskIdNumber } from '../../src/core/id-number.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { holderHash, randomToken } from '../../src/server/security.ts';
import { mintDemoCode } from '../../src/server/services/identity-codes.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

const { elder, citizen } = DEMO_PEOPLE;
const TUESDAY = '2026-11-24T10:00:00+08:00';
const CASE_NUMBER = 'ZW20991231000001';

/** What a case may hold that only a verified applicant may see: none of it may leave with status-only. */
const SECRETS = {
  employer: '示例市演示科技有限公司',
  months: '连续缴费 36 个月',
  phone: '13912345678',
  deferredName: '迁入地房屋共有人同意迁入的书面意见',
  note: '请补正：缺少房屋共有人签字',
  certificateId: randomUUID(),
};

/**
 * The 282-request attack of issue 13: a receipt prints 9901**********0139; the attacker tries
 * every ID number that fits the mask and has a right check character, oldest birth dates first,
 * until one opens the case. The true number is the 282nd.
 */
function candidatesFor(idNumber: string, count: number): string[] {
  const mask = maskIdNumber(idNumber);
  const found: string[] = [];
  // The mask shows the area's first 4 digits and the sequence's last 4 characters: the birth date is what is hidden.
  for (let day = Date.UTC(1930, 0, 1); found.length < count - 1 && day < Date.UTC(2030, 0, 1); day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `${idNumber.slice(0, 6)}${date}${idNumber.slice(14, 17)}`;
    const candidate = first17 + idCheckChar(first17);
    if (candidate !== idNumber && maskIdNumber(candidate) === mask && checkIdNumber(candidate).ok) found.push(candidate);
  }
  return [...found, idNumber];
}

describe.each(DATABASES)('guessable lookups on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function open() {
    hall = await openTestHall(kind, { KIOSK_NOW: TUESDAY });
    hall.setNow(TUESDAY);
    const tokens = await Promise.all(Array.from({ length: 10 }, () => hall.enrollTerminal()));
    const terminal = await hall.ctx.db.selectFrom('terminals').select('id').where('token_hash', 'is not', null).executeTakeFirstOrThrow();
    const post = (url: string, payload: unknown, token = tokens[0]!) =>
      hall.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload: payload as Record<string, unknown> });
    return { tokens, post, terminalId: terminal.id };
  }

  /** A finished 社保缴费证明 with its result, as the rule leaves it; inserted directly, so the case journey's own rules do not matter here. */
  async function insertCase(terminalId: string, extra: Partial<CaseDocument> = {}) {
    const now = hall.ctx.clock.now();
    const document: CaseDocument = {
      itemName: { 'zh-CN': '社会保险参保缴费证明打印', 'zh-TW': '社會保險參保繳費證明打印', en: 'Social insurance certificate' },
      materials: [{ name: '居民身份证', provision: 'e-certificate', certificateId: SECRETS.certificateId }],
      formValues: { phone: SECRETS.phone },
      commitment: null,
      deferred: { names: [SECRETS.deferredName], dueDate: '2026-11-27' },
      result: { title: { 'zh-CN': '参保缴费证明', 'zh-TW': '參保繳費證明', en: 'Certificate' }, lines: [`单位：${SECRETS.employer}`, SECRETS.months] },
      queryCode: '7K3M9Q01',
      ...extra,
    };
    const id = randomUUID();
    await hall.ctx.db
      .insertInto('cases')
      .values({
        id,
        case_number: CASE_NUMBER,
        client_id: randomUUID(),
        item_code: 'social-insurance-payment-certificate',
        department: '示例市人力资源和社会保障局',
        channel: 'smart-approval',
        handling: 'non-manual',
        status: 'finished',
        decision: 'approved',
        applicant_hash: holderHash(hall.ctx.pepper, elder.idNumber),
        applicant_kind: 'person',
        applicant_masked: `林** ${maskIdNumber(elder.idNumber)}`,
        document: JSON.stringify(document),
        promised_limit_days: 0,
        submitted_at: now,
        accepted_at: now,
        due_date: '2026-11-24',
        decided_at: now,
        finished_at: now,
        window_number: null,
        staff_id: null,
        terminal_id: terminalId,
        evaluation_token: randomToken(18),
        created_at: now,
      })
      .execute();
    await hall.ctx.db
      .insertInto('case_events')
      .values([
        { id: `${id}:0000`, case_id: id, at: now, status: 'submitted', note: null, staff_id: null },
        { id: `${id}:0001`, case_id: id, at: now, status: 'decided', note: SECRETS.note, staff_id: null },
      ])
      .execute();
  }

  it('stops the 282-request attack: 5 wrong ID numbers for a case number, then 429 for that case, even for the right one', async () => {
    const { tokens, post, terminalId } = await open();
    await insertCase(terminalId);
    const candidates = candidatesFor(elder.idNumber, 282);
    expect(candidates).toHaveLength(282);
    // Spread over ten stolen device tokens, so no per-terminal rate holds it up: the case's own count does.
    const answers = [];
    for (const [index, id] of candidates.entries()) {
      answers.push(await post('/cases/progress', { caseNumber: CASE_NUMBER, identity: { kind: 'id', id } }, tokens[index % tokens.length]));
    }
    expect(answers.slice(0, 5).map((answer) => answer.statusCode)).toEqual([404, 404, 404, 404, 404]);
    expect(answers.slice(5).every((answer) => answer.statusCode === 429)).toBe(true);
    const last = answers.at(-1)!;
    expect(last.json().error).toMatchObject({ code: 'case-lookups-locked', details: { retryAfterSeconds: 3600 } });
    expect(last.headers['retry-after']).toBe('3600');
    for (const answer of answers) expect(answer.body).not.toContain(SECRETS.employer);

    // The applicant with a verified identity code is not held up by someone else's guesses.
    const code = await mintDemoCode(hall.ctx, { subject: elder.idNumber, name: elder.name });
    const kiosk = await hall.enrollTerminal();
    const verified = await post('/cases/progress', { caseNumber: CASE_NUMBER, identity: { kind: 'code', code } }, kiosk);
    expect(verified.json()).toMatchObject({ detail: 'full', caseNumber: CASE_NUMBER, result: { lines: [`单位：${SECRETS.employer}`, SECRETS.months] } });

    // An hour later the guesses have aged out: the typed number works again, for status and dates.
    hall.setNow('2026-11-24T11:00:01+08:00');
    expect((await post('/cases/progress', { caseNumber: CASE_NUMBER, identity: { kind: 'id', id: elder.idNumber } }, kiosk)).json().detail).toBe('status-only');
  }, 120_000);

  it('answers a typed ID number with status and dates only: no materials, form, result, notes or 容缺 names', async () => {
    const { post, terminalId } = await open();
    await insertCase(terminalId);
    const response = await post('/cases/progress', { caseNumber: CASE_NUMBER, identity: { kind: 'id', id: elder.idNumber } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      detail: 'status-only',
      caseNumber: CASE_NUMBER,
      itemCode: 'social-insurance-payment-certificate',
      itemName: expect.objectContaining({ 'zh-CN': '社会保险参保缴费证明打印' }),
      channel: 'smart-approval',
      handling: 'non-manual',
      status: 'finished',
      decision: 'approved',
      promisedLimitDays: 0,
      dueDate: '2026-11-24',
      deferredDueDate: '2026-11-27',
      timeline: [
        { at: '2026-11-24T02:00:00.000Z', status: 'submitted' },
        { at: '2026-11-24T02:00:00.000Z', status: 'decided' },
      ],
    });
    for (const secret of [...Object.values(SECRETS), elder.name, 'evaluationToken', '7K3M9Q01']) expect(response.body).not.toContain(secret);
  });

  it('opens status and dates with the receipt’s query code, by case number or queued reference; a wrong code counts as a guess', async () => {
    const { post } = await open();
    const body = {
      clientId: randomUUID(),
      itemCode: 'social-insurance-payment-certificate',
      applicant: { kind: 'person', id: citizen.idNumber, name: citizen.name, method: 'card' },
      materials: [],
      formValues: { period: '12', use: 'loan' },
      commitment: null,
      submittedAt: '2026-11-24T09:58:00+08:00',
      queryCode: 'abcd-efgh',
    };
    const submitted = await post('/cases', body);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const { caseNumber, queryCode } = submitted.json() as { caseNumber: string; queryCode: string };
    expect(queryCode).toBe('ABCDEFGH');
    // Typed as read off the receipt: dash, lower case, an O for the zero it cannot hold here.
    const byNumber = await post('/cases/progress', { caseNumber, identity: { kind: 'query-code', queryCode: 'ABCD-efgh' } });
    expect(byNumber.json()).toMatchObject({ detail: 'status-only', caseNumber });
    const byReference = await post('/cases/progress', { reference: queuedReference(body.clientId), identity: { kind: 'query-code', queryCode: 'ABCDEFGH' } });
    expect(byReference.json()).toMatchObject({ detail: 'status-only', caseNumber });
    expect(byNumber.body).not.toContain(queryCode);

    // 40 random bits, and 5 tries an hour: random codes miss, then the case is locked to codes.
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push((await post('/cases/progress', { caseNumber, identity: { kind: 'query-code', queryCode: newQueryCode() } })).statusCode);
    expect(guesses).toEqual([404, 404, 404, 404, 404, 429]);
    expect((await post('/cases/progress', { caseNumber, identity: { kind: 'query-code', queryCode } })).statusCode).toBe(429);

    // A terminal that sends no code (an older kiosk) gets one made by the server, in the answer.
    const second = await post('/cases', { ...body, clientId: randomUUID(), queryCode: undefined });
    expect(second.json().queryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    const made = await post('/cases/progress', { caseNumber: second.json().caseNumber, identity: { kind: 'query-code', queryCode: second.json().queryCode } });
    expect(made.json().detail).toBe('status-only');
    expect((await post('/cases', { ...body, clientId: randomUUID(), queryCode: 'ABCD-EFGU' })).statusCode).toBe(400);
  });

  it('limits progress lookups per terminal, with Retry-After', async () => {
    const { post, tokens } = await open();
    const statuses: number[] = [];
    for (let i = 1; i <= 31; i++) {
      const caseNumber = `ZW20991230${String(i).padStart(6, '0')}`;
      statuses.push((await post('/cases/progress', { caseNumber, identity: { kind: 'id', id: elder.idNumber } })).statusCode);
    }
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
    const limited = await post('/cases/progress', { caseNumber: CASE_NUMBER, identity: { kind: 'id', id: elder.idNumber } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('too-many-lookups');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another terminal is not held up by this one.
    expect((await post('/cases/progress', { caseNumber: CASE_NUMBER, identity: { kind: 'id', id: elder.idNumber } }, tokens[1])).statusCode).toBe(404);
  });

  it('counts wrong applicants of an evaluation by case number against the case, as the progress query does', async () => {
    const { post, terminalId } = await open();
    await insertCase(terminalId);
    const ask = (applicantId: string) => post('/evaluations/status', { subject: { kind: 'case', caseNumber: CASE_NUMBER, applicantId } });
    expect((await ask(elder.idNumber)).statusCode).toBe(200);
    const wrong = candidatesFor(elder.idNumber, 6).slice(0, 5);
    for (const id of wrong) expect((await ask(id)).statusCode).toBe(404);
    const locked = await ask(elder.idNumber);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('case-lookups-locked');
    expect((await post('/cases/progress', { caseNumber: CASE_NUMBER, identity: { kind: 'id', id: elder.idNumber } })).statusCode).toBe(429);
  });

  it('limits the public by-token pages per address', async () => {
    await open();
    const statuses: number[] = [];
    for (let i = 0; i < 601; i++) statuses.push((await hall.app.inject(`/api/v1/tickets/track/${randomToken(18)}`)).statusCode);
    expect(statuses.slice(0, 600).every((status) => status === 404)).toBe(true);
    expect(statuses[600]).toBe(429);
    const other = await hall.app.inject({ url: `/api/v1/cases/by-token/${randomToken(18)}`, remoteAddress: '192.0.2.7' });
    expect(other.statusCode).toBe(404);
  });
});
