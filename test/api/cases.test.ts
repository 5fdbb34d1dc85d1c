import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queuedReference } from '../../src/core/case-receipt.ts';
import type { CaseSubmission, CaseView } from '../../src/core/cases.ts';
import { DEMO_CATALOG } from '../../src/server/demo/catalog-data.ts';
import { DEMO_ENTERPRISES } from '../../src/server/demo/certificate-data.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import type { BatchOutcome } from '../../src/server/services/case-batch.ts';
import { mintDemoCode } from '../../src/server/services/identity-codes.ts';
import { verifyUsageLog } from '../../src/server/services/usage-log.ts';
import { enrollKeyedTerminal, proven } from './device-key.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

const { elder, early, booked, citizen } = DEMO_PEOPLE;
const TECH = DEMO_ENTERPRISES[0]!;
type Person = { idNumber: string; name: string };

const TUESDAY = '2026-11-24T10:00:00+08:00';
const CO_OWNERS = '迁入地房屋共有人同意迁入的书面意见';
const RESIDENCE = '迁入地住所证明（不动产权证书或房屋租赁登记备案证明）';
const SIGNATURE = 'M12 80L40 60L75 95L120 40L160 90M200 70L260 72';

const applicant = (person: Person) => ({ kind: 'person' as const, id: person.idNumber, name: person.name, method: 'card' as const });

function submission(itemCode: string, person: Person, extra: Partial<CaseSubmission> = {}): CaseSubmission {
  return { clientId: randomUUID(), itemCode, applicant: applicant(person), materials: [], formValues: {}, commitment: null, submittedAt: '2026-11-24T09:58:00+08:00', ...extra };
}

const transfer = (person: Person, extra: Partial<CaseSubmission> = {}) =>
  submission('household-transfer-in-city', person, {
    materials: [{ name: CO_OWNERS, provision: 'deferred' }],
    formValues: { reason: 'house-purchase', newAddress: '示例市示范区样板路88号3栋2单元501室', phone: '13912345678' },
    ...extra,
  });

const establishment = (person: Person, extra: Partial<CaseSubmission> = {}) =>
  submission('company-establishment', person, {
    materials: [{ name: '住所使用证明', provision: 'commitment' }],
    formValues: { companyName: '示例市演示咨询有限公司', capital: '100', domicile: '示例市演示区示例大道188号', scope: '企业管理咨询', phone: '010-12345678' },
    commitment: { accepted: true, signature: SIGNATURE },
    ...extra,
  });

const statuses = (view: Pick<CaseView, 'timeline'>) => view.timeline.map((event) => event.status);

describe.each(DATABASES)('self-service cases on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function open() {
    // The demo hall seeds a quarter of cases up to its clock: their numbers of the day come first.
    hall = await openTestHall(kind, { KIOSK_NOW: TUESDAY });
    hall.setNow(TUESDAY);
    const device = await enrollKeyedTerminal(hall, '一楼大厅 1号机');
    // A case goes with a proof of its applicant made at the terminal, as the kiosk sends it; a
    // session that ran out while the test moved the clock is renewed, as the shell renews it.
    const post = async (url: string, payload: unknown) => {
      const body = (url === '/cases' ? await proven(hall, device, payload as CaseSubmission) : payload) as Record<string, unknown>;
      const send = () => hall.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${device.token}` }, payload: body });
      const response = await send();
      if (response.statusCode !== 401) return response;
      await device.renew();
      return send();
    };
    const submit = async (body: CaseSubmission) => {
      const response = await post('/cases', body);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as CaseView;
    };
    return { post, submit };
  }

  const lastSeq = async (date: string) => Number((await hall.ctx.db.selectFrom('case_counters').select('last_seq').where('service_date', '=', date).executeTakeFirst())?.last_seq ?? 0);
  const caseNumber = (date: string, seq: number) => `ZW${date.replaceAll('-', '')}${String(seq).padStart(6, '0')}`;
  const count = async (table: 'cases' | 'case_events' | 'usage_log' | 'case_counters') => Number((await hall.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('attaches the applicant’s e-certificates, logs each use in the chain, and lists the 容缺 material with its deadline', async () => {
    const { submit } = await open();
    const usesBefore = await count('usage_log');
    const seq = await lastSeq('2026-11-24');
    const view = await submit(transfer(elder));
    expect(view).toMatchObject({
      caseNumber: caseNumber('2026-11-24', seq + 1),
      channel: 'self-service-terminal',
      handling: 'non-manual',
      status: 'accepted',
      decision: null,
      applicantMasked: `林** 9901**********${elder.idNumber.slice(-4)}`,
      promisedLimitDays: 3,
      // Accepted on Tuesday: three working days end on Friday, for the case and for the deferred material alike.
      dueDate: '2026-11-27',
      deferred: { names: [CO_OWNERS], dueDate: '2026-11-27' },
      result: null,
    });
    expect(view.materials.map((m) => [m.name, m.provision, typeof m.certificateId])).toEqual([
      ['居民户口簿', 'e-certificate', 'string'],
      ['居民身份证', 'e-certificate', 'string'],
      [RESIDENCE, 'e-certificate', 'string'],
      [CO_OWNERS, 'deferred', 'undefined'],
    ]);
    expect(view.timeline).toEqual([
      { at: '2026-11-24T01:58:00.000Z', status: 'submitted' },
      { at: '2026-11-24T02:00:00.000Z', status: 'accepted' },
    ]);
    const attached = await hall.ctx.db.selectFrom('usage_log').selectAll().where('action', '=', 'case-attach').orderBy('seq').execute();
    expect(attached.map((row) => row.certificate_type)).toEqual(['household-register', 'resident-id', 'real-estate']);
    expect(attached.every((row) => row.user_name === '自助终端 一楼大厅 1号机' && row.purpose === `户口迁移（市内）（${view.caseNumber}）`)).toBe(true);
    expect(await count('usage_log')).toBe(usesBefore + 3);
    expect(await verifyUsageLog(hall.ctx.db)).toMatchObject({ ok: true });
    expect(JSON.stringify(await hall.ctx.db.selectFrom('cases').selectAll().where('case_number', '=', view.caseNumber).execute())).not.toContain(elder.idNumber);
  });

  it('takes a signed commitment where the item allows it, and refuses it unsigned, unasked for or on another item', async () => {
    const { post, submit } = await open();
    const casesBefore = await count('cases');
    const view = await submit(establishment(early));
    expect(view.materials).toContainEqual({ name: '住所使用证明', provision: 'commitment' });
    expect(view).toMatchObject({ dueDate: '2026-11-25', deferred: null });
    const stored = await hall.ctx.db.selectFrom('cases').select('document').where('case_number', '=', view.caseNumber).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.document).commitment).toEqual({ accepted: true, signature: SIGNATURE });

    const code = async (body: CaseSubmission) => {
      const response = await post('/cases', body);
      expect(response.statusCode, response.body).toBe(422);
      return response.json().error.code as string;
    };
    expect(await code(establishment(early, { commitment: null }))).toBe('commitment-required');
    expect(await code(establishment(early, { commitment: { accepted: true, signature: '<svg onload=alert(1)>' } }))).toBe('invalid-signature');
    expect(await code(transfer(elder, { commitment: { accepted: true, signature: SIGNATURE } }))).toBe('commitment-not-allowed');
    expect(await count('cases')).toBe(casesBefore + 1);
  });

  it('refuses each kind of form error with the field and its message key, and stores nothing', async () => {
    const { post } = await open();
    const before = await Promise.all([count('cases'), count('usage_log'), count('case_counters')]);
    const errors = async (body: CaseSubmission) => {
      const response = await post('/cases', body);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.code).toBe('invalid-form');
      return response.json().error.details.errors as { field: string; messageKey: string }[];
    };
    const form = transfer(elder).formValues;
    expect(await errors(transfer(elder, { formValues: { ...form, newAddress: ' ' } }))).toEqual([{ field: 'newAddress', messageKey: 'caseForm.required' }]);
    expect(await errors(transfer(elder, { formValues: { ...form, phone: '12345' } }))).toEqual([{ field: 'phone', messageKey: 'caseForm.phone' }]);
    expect(await errors(transfer(elder, { formValues: { ...form, movingMembers: 'two' } }))).toEqual([{ field: 'movingMembers', messageKey: 'caseForm.digits' }]);
    expect(await errors(transfer(elder, { formValues: { ...form, reason: 'bogus' } }))).toEqual([{ field: 'reason', messageKey: 'caseForm.choice' }]);
    expect(await errors(transfer(elder, { formValues: { ...form, newAddress: '样'.repeat(61) } }))).toEqual([{ field: 'newAddress', messageKey: 'caseForm.tooLong' }]);
    expect(await errors(transfer(elder, { formValues: { ...form, idNumber: elder.idNumber } }))).toEqual([{ field: 'idNumber', messageKey: 'caseForm.unknown' }]);
    expect(await errors(establishment(early, { formValues: { ...establishment(early).formValues, startDate: '2026-02-30' } }))).toEqual([{ field: 'startDate', messageKey: 'caseForm.date' }]);
    const permit = submission('hk-macao-endorsement', elder, { formValues: { endorsementType: 'L', destination: 'HK', trips: '1', nameLatin: '林示范', phone: '13912345678' } });
    expect(await errors(permit)).toEqual([{ field: 'nameLatin', messageKey: 'caseForm.latin' }]);
    expect(await Promise.all([count('cases'), count('usage_log'), count('case_counters')])).toEqual(before);
  });

  it('refuses missing materials, a deferral the item does not allow, a wrong check digit and a window-only item', async () => {
    const { post } = await open();
    const casesBefore = await count('cases');
    const refusal = async (body: CaseSubmission) => {
      const response = await post('/cases', body);
      expect(response.statusCode, response.body).toBe(422);
      return response.json().error as { code: string; details?: { materials?: string[]; problem?: string } };
    };
    // 吴演示 has no real-estate certificate: the residence proof is missing, and cannot be deferred.
    expect(await refusal(transfer(early))).toMatchObject({ code: 'missing-materials', details: { materials: [RESIDENCE] } });
    expect(await refusal(transfer(elder, { materials: [] }))).toMatchObject({ code: 'missing-materials', details: { materials: [CO_OWNERS] } });
    expect(await refusal(transfer(early, { materials: [{ name: CO_OWNERS, provision: 'deferred' }, { name: RESIDENCE, provision: 'deferred' }] }))).toMatchObject({ code: 'deferral-not-allowed', details: { materials: [RESIDENCE] } });
    const wrongDigit = `${elder.idNumber.slice(0, 17)}${elder.idNumber.endsWith('0') ? '1' : '0'}`;
    expect(await refusal(transfer(elder, { applicant: { ...applicant(elder), id: wrongDigit } }))).toMatchObject({ code: 'invalid-applicant-id', details: { problem: 'check-digit' } });
    expect((await refusal(submission('passport-issuance', elder))).code).toBe('item-not-kiosk-submittable');
    expect((await post('/cases', submission('no-such-item', elder))).statusCode).toBe(404);
    expect(await count('cases')).toBe(casesBefore);
  });

  it('answers a submission with one part replaced by anything with a 4xx, and stores nothing', async () => {
    const { post } = await open();
    const before = await Promise.all([count('cases'), count('usage_log'), count('case_counters')]);
    const valid = transfer(elder) as unknown as Record<string, unknown>;
    await fc.assert(
      fc.asyncProperty(
        // Not the commitment: its valid value is null, which the validator's coercion (false, 0, "", [null]) also gives.
        fc.tuple(fc.constantFrom(...Object.keys(valid).filter((key) => key !== 'commitment')), fc.jsonValue()).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(valid[key])),
        async ([key, value]) => {
          const response = await post('/cases', { ...valid, clientId: randomUUID(), [key]: value });
          expect(response.statusCode, `${key} ${JSON.stringify(value).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(typeof response.json().error.code).toBe('string');
        },
      ),
      { numRuns: kind === 'sqlite' ? 120 : 30 },
    );
    expect(await Promise.all([count('cases'), count('usage_log'), count('case_counters')])).toEqual(before);
  });

  it('answers a repeated clientId with the first case, also when the repeats race', async () => {
    const { post, submit } = await open();
    const [casesBefore, attachesBefore] = [await count('cases'), await count('usage_log')];
    const body = transfer(elder);
    const first = await submit(body);
    expect(await submit({ ...body, formValues: { ...body.formValues, phone: '13800000000' } })).toEqual(first);
    const racing = transfer(elder);
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/cases', racing)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.json().caseNumber)).size).toBe(1);
    expect(await count('cases')).toBe(casesBefore + 2);
    expect(await count('usage_log')).toBe(attachesBefore + 6);
    expect(await verifyUsageLog(hall.ctx.db)).toMatchObject({ ok: true });
  });

  it('numbers 50 concurrent submissions with 50 distinct consecutive case numbers', async () => {
    const { post } = await open();
    const seq = await lastSeq('2026-11-24');
    const bodies = Array.from({ length: 50 }, (_, i) => submission('medical-insurance-certificate', [elder, booked, citizen][i % 3]!, { formValues: { use: 'school', copies: '1' } }));
    const answers = await Promise.all(bodies.map((body) => post('/cases', body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(200));
    const numbers = answers.map((a) => a.json().caseNumber as string).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => caseNumber('2026-11-24', seq + i + 1)));
    hall.setNow('2026-11-25T00:00:01+08:00');
    const tomorrow = await post('/cases', submission('medical-insurance-certificate', elder, { formValues: { use: 'school', copies: '1' } }));
    expect(tomorrow.json().caseNumber).toBe(caseNumber('2026-11-25', (await lastSeq('2026-11-25'))));
    expect(await lastSeq('2026-11-25')).toBe(1);
  });

  it('decides items with an automatic rule at once, as smart approvals with a result document', async () => {
    const { submit } = await open();
    const contributions = await submit(submission('social-insurance-payment-certificate', elder, { formValues: { period: '12', use: 'loan' } }));
    expect(contributions).toMatchObject({ channel: 'smart-approval', handling: 'non-manual', status: 'finished', decision: 'approved', result: { title: { 'zh-CN': '社会保险参保缴费证明' } } });
    expect(statuses(contributions)).toEqual(['submitted', 'decided', 'finished']);
    const months = contributions.result!.lines.filter((line) => /^\d{4}-\d{2}\u3000/.test(line));
    expect(months).toHaveLength(12);
    expect(months[0]).toMatch(/^2025-11/);
    expect(months.at(-1)).toMatch(/^2026-10/);
    expect(contributions.result!.lines.join('\n')).not.toContain(elder.idNumber);
    const again = await submit(submission('social-insurance-payment-certificate', elder, { formValues: { period: '12', use: 'loan' } }));
    expect(again.result!.lines.slice(1)).toEqual(contributions.result!.lines.slice(1));

    const fund = await submit(submission('housing-fund-deposit-certificate', citizen, { formValues: { use: 'loan', copies: '1' } }));
    expect(fund).toMatchObject({ channel: 'smart-approval', status: 'finished', decision: 'approved', result: { title: { 'zh-CN': '住房公积金缴存证明' } } });

    const extract = await submit(submission('company-archive-print', TECH as never, { applicant: { kind: 'enterprise', id: TECH.creditCode, name: TECH.name, method: 'code' }, formValues: { use: 'tender', copies: '2' } }));
    expect(extract).toMatchObject({ channel: 'smart-approval', status: 'finished', decision: 'approved', result: { title: { 'zh-CN': '企业登记信息摘要' } } });
    expect(extract.result!.lines).toContain(`企业名称：${TECH.name}`);
    expect(extract.result!.lines).toContain(`法定代表人：${TECH.representative}`);
    expect(extract.materials.map((m) => m.provision)).toEqual(['e-certificate', 'e-certificate']);
  });

  it('shows progress to the applicant only: by case number or queued reference, by ID number or identity code', async () => {
    const { post, submit } = await open();
    const body = transfer(elder);
    const view = await submit(body);
    const progress = (query: Record<string, unknown>) => post('/cases/progress', query);
    // A typed ID number sees status and dates only (lookup-limits.test.ts); an identity code the whole case.
    const mine = await progress({ caseNumber: view.caseNumber, identity: { kind: 'id', id: elder.idNumber } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ detail: 'status-only', caseNumber: view.caseNumber, status: view.status, dueDate: view.dueDate });
    const byReference = await progress({ reference: queuedReference(body.clientId), identity: { kind: 'id', id: elder.idNumber } });
    expect(byReference.json().caseNumber).toBe(view.caseNumber);
    const code = await mintDemoCode(hall.ctx, { subject: elder.idNumber, name: elder.name });
    const { queryCode, ...whole } = view as CaseView & { queryCode: string };
    expect(queryCode).toMatch(/^[0-9A-Z]{8}$/);
    expect((await progress({ caseNumber: view.caseNumber, identity: { kind: 'code', code } })).json()).toEqual({ detail: 'full', ...whole });

    const someoneElse = await progress({ caseNumber: view.caseNumber, identity: { kind: 'id', id: booked.idNumber } });
    const unknown = await progress({ caseNumber: 'ZW20261124999999', identity: { kind: 'id', id: elder.idNumber } });
    expect([someoneElse.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(someoneElse.json()).toEqual(unknown.json());
    expect((await progress({ reference: queuedReference(body.clientId), identity: { kind: 'id', id: booked.idNumber } })).statusCode).toBe(404);

    const public_ = await hall.app.inject(`/api/v1/cases/by-token/${view.evaluationToken}`);
    expect(public_.json()).toEqual({ caseNumber: view.caseNumber, itemCode: 'household-transfer-in-city', itemName: view.itemName, department: '示例市公安局', channel: 'self-service-terminal', handling: 'non-manual', status: 'accepted' });
    expect((await hall.app.inject('/api/v1/cases/by-token/AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });

  it('opens the receipt’s progress QR: status, timeline, deadlines, 容缺 materials and decision, the applicant only masked', async () => {
    const { submit } = await open();
    const body = transfer(elder);
    const view = await submit(body);
    const response = await hall.app.inject(`/api/v1/cases/by-token/${view.evaluationToken}/progress`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      caseNumber: view.caseNumber,
      itemCode: 'household-transfer-in-city',
      itemName: view.itemName,
      department: '示例市公安局',
      channel: 'self-service-terminal',
      handling: 'non-manual',
      status: 'accepted',
      decision: null,
      applicantMasked: `林** 9901**********${elder.idNumber.slice(-4)}`,
      promisedLimitDays: 3,
      dueDate: '2026-11-27',
      deferred: { names: [CO_OWNERS], dueDate: '2026-11-27' },
      timeline: [
        { at: '2026-11-24T01:58:00.000Z', status: 'submitted' },
        { at: '2026-11-24T02:00:00.000Z', status: 'accepted' },
      ],
    });
    // Nothing of the applicant beyond the receipt's mask, nothing of the form, and not the key itself.
    for (const secret of [elder.idNumber, elder.name, body.formValues.phone!, body.formValues.newAddress!, view.evaluationToken]) expect(response.body).not.toContain(secret);

    const ruled = await submit(submission('social-insurance-payment-certificate', elder, { formValues: { period: '12', use: 'loan' } }));
    const decided = (await hall.app.inject(`/api/v1/cases/by-token/${ruled.evaluationToken}/progress`)).json();
    expect(decided).toMatchObject({ channel: 'smart-approval', status: 'finished', decision: 'approved', deferred: null });
    expect(statuses(decided)).toEqual(['submitted', 'decided', 'finished']);
    // The result document names the applicant in full: it is printed at the terminal, never put behind a link.
    expect(decided).not.toHaveProperty('result');
    expect(decided).not.toHaveProperty('materials');
  });

  it('answers every unknown progress token alike with 404, and a token of the wrong shape with 400', async () => {
    await open();
    const unknown = await Promise.all(['AAAAAAAAAAAAAAAAAAAAAAAA', 'zzzzzzzzzzzzzzzzzzzzzzzz', 'A1b2C3d4E5f6G7h8'].map((token) => hall.app.inject(`/api/v1/cases/by-token/${token}/progress`)));
    expect(unknown.map((r) => r.statusCode)).toEqual([404, 404, 404]);
    expect(new Set(unknown.map((r) => r.body)).size).toBe(1);
    expect(unknown[0]!.json().error.code).toBe('case-not-found');
    expect(unknown[0]!.body).not.toContain('AAAAAAAA');
    for (const malformed of ['short', 'A'.repeat(65), 'AAAAAAAA.AAAAAAAAAAAA', "AAAAAAAAAAAAAAAA'--", '%00AAAAAAAAAAAAAAAA']) {
      const response = await hall.app.inject(`/api/v1/cases/by-token/${malformed}/progress`);
      expect(response.statusCode, malformed).toBe(400);
      expect(response.json().error.code).toBe('invalid-request');
    }
  });
});

describe.each(DATABASES)('the staff case desk on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  /** A staff session lasts a shift: after the test moves the clock by days, the agent logs in again. */
  async function staffAt(username: string, windowNumber: number) {
    let cookie = '';
    const send = (method: 'GET' | 'POST', url: string, payload?: unknown) => hall.app.inject({ method, url: `/api/v1${url}`, headers: { cookie, origin: 'http://localhost' }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    const logIn = async () => {
      const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username, password: username === 'admin' ? 'demo-admin-2026' : 'demo-agent-2026' } });
      cookie = String(login.headers['set-cookie']).split(';')[0]!;
      await send('POST', '/staff/window', { windowNumber });
    };
    await logIn();
    return async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
      const response = await send(method, url, payload);
      if (response.statusCode !== 401) return response;
      await logIn();
      return send(method, url, payload);
    };
  }

  const register = (person: Person, itemCode = 'household-transfer-in-city') => ({ clientId: randomUUID(), itemCode, applicant: { kind: 'person', id: person.idNumber, name: person.name } });

  it('registers a walk-in case and takes it through supplement, decision and finish, the due date moving by the paused days', async () => {
    hall = await openTestHall(kind, { KIOSK_NOW: TUESDAY });
    hall.setNow(TUESDAY);
    const desk = await staffAt('agent01', 1);
    const registered = await desk('POST', '/staff/cases', register(citizen));
    expect(registered.statusCode, registered.body).toBe(200);
    const created = registered.json();
    expect(created).toMatchObject({ channel: 'window', handling: 'manual', status: 'accepted', windowNumber: 1, dueDate: '2026-11-27', applicantMasked: `王** 9901**********${citizen.idNumber.slice(-4)}`, overdue: false });
    expect(created.materials.every((m: { provision: string }) => m.provision === 'paper')).toBe(true);
    const id = created.id as string;

    expect((await desk('POST', `/staff/cases/${id}/finish`, {})).json().error.code).toBe('case-wrong-status');
    expect((await desk('POST', `/staff/cases/${id}/supplement`, { note: ' ' })).json().error.code).toBe('note-required');
    hall.setNow('2026-11-25T10:00:00+08:00');
    const paused = (await desk('POST', `/staff/cases/${id}/supplement`, { note: '请补交迁入地房屋共有人同意迁入的书面意见' })).json();
    expect(paused).toMatchObject({ status: 'supplement-requested', suspendedSince: '2026-11-25T02:00:00.000Z' });
    // While the clock stands still the case is not late, however long the applicant takes.
    hall.setNow('2026-11-27T15:00:00+08:00');
    const resumed = (await desk('POST', `/staff/cases/${id}/supplement-received`, {})).json();
    // Paused Wednesday, received Friday: Thursday and Friday did not count; due Friday + 2 working days.
    expect(resumed).toMatchObject({ status: 'accepted', suspendedSince: null, dueDate: '2026-12-01' });
    const pause = await hall.ctx.db.selectFrom('case_suspensions').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    expect([Number(pause.started_at), Number(pause.ended_at)]).toEqual([Date.parse('2026-11-25T10:00:00+08:00'), Date.parse('2026-11-27T15:00:00+08:00')]);

    expect((await desk('POST', `/staff/cases/${id}/decide`, { decision: 'refused' })).json().error.code).toBe('note-required');
    hall.setNow('2026-11-30T11:00:00+08:00');
    expect((await desk('POST', `/staff/cases/${id}/decide`, { decision: 'approved' })).json()).toMatchObject({ status: 'decided', decision: 'approved' });
    const finished = (await desk('POST', `/staff/cases/${id}/finish`, { note: '新户口簿已当场发放' })).json();
    expect(finished).toMatchObject({ status: 'finished', finishedAt: '2026-11-30T03:00:00.000Z' });
    expect(finished.timeline).toEqual([
      { at: '2026-11-24T02:00:00.000Z', status: 'submitted' },
      { at: '2026-11-24T02:00:00.000Z', status: 'accepted' },
      { at: '2026-11-25T02:00:00.000Z', status: 'supplement-requested', note: '请补交迁入地房屋共有人同意迁入的书面意见' },
      { at: '2026-11-27T07:00:00.000Z', status: 'accepted' },
      { at: '2026-11-30T03:00:00.000Z', status: 'decided' },
      { at: '2026-11-30T03:00:00.000Z', status: 'finished', note: '新户口簿已当场发放' },
    ]);
    const progress = await hall.app.inject({ method: 'POST', url: '/api/v1/cases/progress', headers: { authorization: `Bearer ${await hall.enrollTerminal()}` }, payload: { caseNumber: finished.caseNumber, identity: { kind: 'id', id: citizen.idNumber } } });
    expect(statuses(progress.json())).toEqual(statuses(finished));
  });

  it('shows the desk’s steps and their notes on the progress page of a terminal case, the due date moved by the pause', async () => {
    hall = await openTestHall(kind, { KIOSK_NOW: TUESDAY });
    hall.setNow(TUESDAY);
    const device = await enrollKeyedTerminal(hall);
    const submitted = await hall.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${device.token}` }, payload: (await proven(hall, device, transfer(elder))) as never });
    const { caseNumber, evaluationToken } = submitted.json() as CaseView;
    const { id } = await hall.ctx.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow();
    const desk = await staffAt('agent01', 1);
    hall.setNow('2026-11-25T10:00:00+08:00');
    expect((await desk('POST', `/staff/cases/${id}/supplement`, { note: '请补交房屋共有人签字的书面意见' })).statusCode).toBe(200);
    const progress = async () => (await hall.app.inject(`/api/v1/cases/by-token/${evaluationToken}/progress`)).json();
    expect(await progress()).toMatchObject({ status: 'supplement-requested', decision: null });
    hall.setNow('2026-11-27T15:00:00+08:00');
    await desk('POST', `/staff/cases/${id}/supplement-received`, {});
    await desk('POST', `/staff/cases/${id}/decide`, { decision: 'refused', note: '迁入地址不符合落户条件' });
    const refused = await progress();
    expect(refused).toMatchObject({ status: 'decided', decision: 'refused', dueDate: '2026-12-01' });
    expect(refused.timeline.slice(2)).toEqual([
      { at: '2026-11-25T02:00:00.000Z', status: 'supplement-requested', note: '请补交房屋共有人签字的书面意见' },
      { at: '2026-11-27T07:00:00.000Z', status: 'accepted' },
      { at: '2026-11-27T07:00:00.000Z', status: 'decided', note: '迁入地址不符合落户条件' },
    ]);
  });

  it('checks the typed ID number, keeps to the window’s business, and lists terminal cases as non-manual', async () => {
    hall = await openTestHall(kind, { KIOSK_NOW: TUESDAY });
    hall.setNow(TUESDAY);
    const household = await staffAt('agent01', 1);
    const exitEntry = await staffAt('agent02', 4);
    const wrongDigit = `${citizen.idNumber.slice(0, 17)}${citizen.idNumber.endsWith('0') ? '1' : '0'}`;
    const refused = await household('POST', '/staff/cases', { ...register(citizen), applicant: { kind: 'person', id: wrongDigit, name: citizen.name } });
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'invalid-applicant-id']);
    expect((await exitEntry('POST', '/staff/cases', register(citizen))).json().error.code).toBe('item-not-served-here');
    expect((await household('GET', '/staff/cases/items')).json().items.map((i: { code: string }) => i.code)).toContain('household-transfer-in-city');

    const body = register(citizen);
    const created = (await household('POST', '/staff/cases', body)).json();
    expect((await household('POST', '/staff/cases', body)).json().caseNumber).toBe(created.caseNumber);
    expect((await exitEntry('POST', `/staff/cases/${created.id}/supplement`, { note: '请补材料' })).json().error.code).toBe('case-not-at-this-window');
    const waiting = (await household('POST', '/staff/cases', { ...register(elder), accept: false })).json();
    expect(waiting).toMatchObject({ status: 'submitted', dueDate: null, acceptedAt: null });
    hall.setNow('2026-11-25T09:00:00+08:00');
    expect((await household('POST', `/staff/cases/${waiting.id}/accept`)).json()).toMatchObject({ status: 'accepted', dueDate: '2026-11-30' });

    const device = await enrollKeyedTerminal(hall);
    const terminalCase = await hall.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${device.token}` }, payload: (await proven(hall, device, transfer(elder))) as never });
    const listed = (await household('GET', '/staff/cases')).json();
    expect(listed.today).toBe('2026-11-25');
    const mine = listed.cases.filter((c: { caseNumber: string }) => [created.caseNumber, terminalCase.json().caseNumber].includes(c.caseNumber));
    expect(mine.map((c: { channel: string; handling: string }) => `${c.channel}/${c.handling}`).sort()).toEqual(['self-service-terminal/non-manual', 'window/manual']);
    const householdItems = DEMO_CATALOG.items.filter((item) => item.categoryCode === 'household').map((item) => item.code);
    expect(listed.cases.every((c: { itemCode: string }) => householdItems.includes(c.itemCode))).toBe(true);
    expect(listed.cases.some((c: { status: string }) => c.status === 'finished')).toBe(false);
    expect((await exitEntry('GET', '/staff/cases')).json().cases.some((c: { caseNumber: string }) => c.caseNumber === created.caseNumber)).toBe(false);

    // Three working days from Tuesday end on Friday: on the next Wednesday the case is late.
    hall.setNow('2026-12-02T09:00:00+08:00');
    const late = (await household('GET', '/staff/cases')).json().cases.find((c: { caseNumber: string }) => c.caseNumber === created.caseNumber);
    expect(late).toMatchObject({ dueDate: '2026-11-27', overdue: true });
    const admin = await staffAt('admin', 4);
    // Decided is not finished (办结): the supervision still counts the days, and so does the desk.
    expect((await admin('POST', `/staff/cases/${created.id}/decide`, { decision: 'refused', note: '迁入地址不符合落户条件' })).json()).toMatchObject({ status: 'decided', decision: 'refused', overdue: true });
  });
});

describe.each(DATABASES)('batches of queued cases on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function open() {
    hall = await openTestHall(kind, { KIOSK_NOW: TUESDAY });
    hall.setNow(TUESDAY);
    const device = await enrollKeyedTerminal(hall, '一楼大厅 1号机');
    const post = async (url: string, payload: unknown, bearer = device.token) =>
      hall.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(url === '/cases' ? await proven(hall, device, payload as CaseSubmission) : payload),
      });
    const batch = async (submissions: CaseSubmission[]) => {
      const response = await post('/cases/batch', { submissions: await Promise.all(submissions.map((body) => proven(hall, device, body))) });
      expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
      return (response.json() as { results: BatchOutcome[] }).results;
    };
    return { post, batch };
  }

  const lastSeq = async () => Number((await hall.ctx.db.selectFrom('case_counters').select('last_seq').where('service_date', '=', '2026-11-24').executeTakeFirst())?.last_seq ?? 0);
  const caseNumber = (seq: number) => `ZW20261124${String(seq).padStart(6, '0')}`;
  const count = async (table: 'cases' | 'usage_log') => Number((await hall.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const certificate = (person: Person) => submission('medical-insurance-certificate', person, { formValues: { use: 'school', copies: '1' } });

  it('stores a batch of 100 with 100 consecutive case numbers, in the order submitted', async () => {
    const { batch } = await open();
    const [seq, casesBefore] = [await lastSeq(), await count('cases')];
    const bodies = Array.from({ length: 100 }, (_, i) => certificate([elder, booked, citizen][i % 3]!));
    const results = await batch(bodies);
    expect(results).toEqual(bodies.map((body, i) => ({ clientId: body.clientId, status: 'stored', caseNumber: caseNumber(seq + i + 1) })));
    expect(await count('cases')).toBe(casesBefore + 100);
  });

  it('answers each submission on its own: stored, refused with the code POST /cases gives, or the first case of a clientId sent before', async () => {
    const { post, batch } = await open();
    const earlier = transfer(elder);
    const first = (await post('/cases', earlier)).json() as CaseView;
    const [seq, casesBefore, usesBefore] = [await lastSeq(), await count('cases'), await count('usage_log')];
    const wrongDigit = `${elder.idNumber.slice(0, 17)}${elder.idNumber.endsWith('0') ? '1' : '0'}`;
    const bodies = [
      transfer(elder),
      transfer(elder, { formValues: { ...earlier.formValues, phone: '12345' } }),
      submission('no-such-item', elder),
      { ...earlier, formValues: { ...earlier.formValues, phone: '13800000000' } },
      transfer(elder, { applicant: { ...applicant(elder), id: wrongDigit } }),
      certificate(citizen),
    ];
    const results = await batch(bodies);
    expect(results.map((result) => result.clientId)).toEqual(bodies.map((body) => body.clientId));
    expect(results).toEqual([
      { clientId: bodies[0]!.clientId, status: 'stored', caseNumber: caseNumber(seq + 1) },
      { clientId: bodies[1]!.clientId, status: 'refused', error: { code: 'invalid-form', message: expect.any(String), details: { errors: [{ field: 'phone', messageKey: 'caseForm.phone' }] } } },
      { clientId: bodies[2]!.clientId, status: 'refused', error: { code: 'unknown-item', message: expect.any(String) } },
      { clientId: earlier.clientId, status: 'stored', caseNumber: first.caseNumber },
      { clientId: bodies[4]!.clientId, status: 'refused', error: { code: 'invalid-applicant-id', message: expect.any(String), details: { problem: 'check-digit' } } },
      { clientId: bodies[5]!.clientId, status: 'stored', caseNumber: caseNumber(seq + 2) },
    ]);
    // Nothing of the refused ones: no case, no number taken, no certificate use logged.
    expect(await count('cases')).toBe(casesBefore + 2);
    expect(await lastSeq()).toBe(seq + 2);
    expect(await hall.ctx.db.selectFrom('cases').select('id').where('client_id', 'in', [bodies[1]!.clientId, bodies[2]!.clientId, bodies[4]!.clientId]).execute()).toEqual([]);
    // Three e-certificates attached to the transfer, one to the insurance certificate.
    expect(await count('usage_log')).toBe(usesBefore + 4);
    expect(await verifyUsageLog(hall.ctx.db)).toMatchObject({ ok: true });
  });

  it('stores one case for a clientId sent twice in one batch', async () => {
    const { batch } = await open();
    const [casesBefore, usesBefore] = [await count('cases'), await count('usage_log')];
    const body = transfer(elder);
    const results = await batch([body, certificate(booked), { ...body, submittedAt: '2026-11-24T09:59:00+08:00' }]);
    expect(results.map((result) => result.status)).toEqual(['stored', 'stored', 'stored']);
    expect(results[2]).toEqual(results[0]);
    expect(await count('cases')).toBe(casesBefore + 2);
    expect(await count('usage_log')).toBe(usesBefore + 4);
  });

  it('refuses more than 100 submissions, none, and a malformed one with a 400 for the whole batch, and stores nothing', async () => {
    const { post } = await open();
    const casesBefore = await count('cases');
    const refusals = [
      { submissions: Array.from({ length: 101 }, () => certificate(elder)) },
      { submissions: [] },
      { submissions: [certificate(elder), { ...certificate(elder), clientId: 'not-a-uuid' }] },
      [certificate(elder)],
    ];
    for (const body of refusals) {
      const response = await post('/cases/batch', body);
      expect(response.statusCode, response.body.slice(0, 300)).toBe(400);
      expect(response.json().error.code).toBe('invalid-request');
    }
    expect(await count('cases')).toBe(casesBefore);
  });

  it('takes a body over the app-wide 64 KB, signed commitments of 32 KB each, and refuses one over 4 MiB with a 413', async () => {
    const { post, batch } = await open();
    const signature = `M10 10${' L123 45 L67 89'.repeat(2185)}`.slice(0, 32_768);
    expect(signature).toHaveLength(32_768);
    const bodies = Array.from({ length: 12 }, () => establishment(early, { commitment: { accepted: true, signature } }));
    expect(JSON.stringify({ submissions: bodies }).length).toBeGreaterThan(6 * 64 * 1024);
    expect((await batch(bodies)).map((result) => result.status)).toEqual(Array(12).fill('stored'));
    const tooLarge = await post('/cases/batch', `{"submissions":[${' '.repeat(4 * 1024 * 1024)}]}`);
    expect([tooLarge.statusCode, tooLarge.json().error.code]).toEqual([413, 'body-too-large']);
  });

  it('refuses a token of no terminal, or none, with a 401', async () => {
    const { post } = await open();
    const unknown = await post('/cases/batch', { submissions: [certificate(elder)] }, 'A'.repeat(43));
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([401, 'unauthorized']);
    const none = await hall.app.inject({ method: 'POST', url: '/api/v1/cases/batch', payload: { submissions: [certificate(elder)] } as never });
    expect(none.statusCode).toBe(401);
  });

  it('answers retry for a submission the hall fails on, logs it without the applicant, and stores the others', async () => {
    const { batch } = await open();
    const seq = await lastSeq();
    const failing = transfer(elder);
    // A fault no check can foresee: the database refuses this one case's row.
    if (kind === 'sqlite') {
      await sql.raw(`CREATE TRIGGER batch_fault BEFORE INSERT ON cases WHEN NEW.client_id = '${failing.clientId}' BEGIN SELECT RAISE(ABORT, 'injected fault'); END`).execute(hall.ctx.db);
    } else {
      await sql.raw(`CREATE FUNCTION batch_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.client_id = '${failing.clientId}' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`).execute(hall.ctx.db);
      await sql.raw('CREATE TRIGGER batch_fault BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION batch_fault()').execute(hall.ctx.db);
    }
    const logged = vi.spyOn(hall.app.log, 'error');
    try {
      const bodies = [certificate(booked), failing, certificate(citizen)];
      expect(await batch(bodies)).toEqual([
        { clientId: bodies[0]!.clientId, status: 'stored', caseNumber: caseNumber(seq + 1) },
        { clientId: failing.clientId, status: 'retry' },
        { clientId: bodies[2]!.clientId, status: 'stored', caseNumber: caseNumber(seq + 2) },
      ]);
      expect(logged).toHaveBeenCalledTimes(1);
      const entry = JSON.stringify(logged.mock.calls[0]);
      expect(entry).toContain(failing.clientId);
      for (const secret of [elder.idNumber, elder.name, failing.formValues.phone!, failing.formValues.newAddress!]) expect(entry).not.toContain(secret);
    } finally {
      logged.mockRestore();
    }
    expect(await hall.ctx.db.selectFrom('cases').select('id').where('client_id', '=', failing.clientId).execute()).toEqual([]);
    await sql.raw('DROP TRIGGER batch_fault' + (kind === 'postgres' ? ' ON cases' : '')).execute(hall.ctx.db);
    const [again] = await batch([failing]);
    expect(again).toEqual({ clientId: failing.clientId, status: 'stored', caseNumber: caseNumber(seq + 3) });
  });
});
