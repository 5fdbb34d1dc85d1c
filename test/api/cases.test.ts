import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { queuedReference } from '../../src/core/case-receipt.ts';
import type { CaseSubmission, CaseView } from '../../src/core/cases.ts';
import { DEMO_CATALOG } from '../../src/server/demo/catalog-data.ts';
import { DEMO_ENTERPRISES } from '../../src/server/demo/certificate-data.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { mintDemoCode } from '../../src/server/services/identity-codes.ts';
import { verifyUsageLog } from '../../src/server/services/usage-log.ts';
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
    const token = await hall.enrollTerminal('一楼大厅 1号机');
    const post = (url: string, payload: unknown) => hall.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload: payload as Record<string, unknown> });
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
    const mine = await progress({ caseNumber: view.caseNumber, identity: { kind: 'id', id: elder.idNumber } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual(view);
    const byReference = await progress({ reference: queuedReference(body.clientId), identity: { kind: 'id', id: elder.idNumber } });
    expect(byReference.json().caseNumber).toBe(view.caseNumber);
    const code = await mintDemoCode(hall.ctx, { subject: elder.idNumber, name: elder.name });
    expect((await progress({ caseNumber: view.caseNumber, identity: { kind: 'code', code } })).statusCode).toBe(200);

    const someoneElse = await progress({ caseNumber: view.caseNumber, identity: { kind: 'id', id: booked.idNumber } });
    const unknown = await progress({ caseNumber: 'ZW20261124999999', identity: { kind: 'id', id: elder.idNumber } });
    expect([someoneElse.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(someoneElse.json()).toEqual(unknown.json());
    expect((await progress({ reference: queuedReference(body.clientId), identity: { kind: 'id', id: booked.idNumber } })).statusCode).toBe(404);

    const public_ = await hall.app.inject(`/api/v1/cases/by-token/${view.evaluationToken}`);
    expect(public_.json()).toEqual({ caseNumber: view.caseNumber, itemCode: 'household-transfer-in-city', itemName: view.itemName, department: '示例市公安局', channel: 'self-service-terminal', handling: 'non-manual', status: 'accepted' });
    expect((await hall.app.inject('/api/v1/cases/by-token/AAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });
});

describe.each(DATABASES)('the staff case desk on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  /** A staff session lasts a shift: after the test moves the clock by days, the agent logs in again. */
  async function staffAt(username: string, windowNumber: number) {
    let cookie = '';
    const send = (method: 'GET' | 'POST', url: string, payload?: unknown) => hall.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
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

    const token = await hall.enrollTerminal();
    const terminalCase = await hall.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${token}` }, payload: transfer(elder) as never });
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
    expect((await admin('POST', `/staff/cases/${created.id}/decide`, { decision: 'refused', note: '迁入地址不符合落户条件' })).json()).toMatchObject({ status: 'decided', decision: 'refused', overdue: false });
  });
});
