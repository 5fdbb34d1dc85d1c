/**
 * Issue 13's critical findings, as an attacker holding a terminal's device token would try them:
 * the token lies on the kiosk PC's disk, and with it alone the hall used to open anyone's
 * certificates and hand out anyone's social-insurance record. Each attack must now fail.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseSubmission, CaseView } from '../../src/core/cases.ts';
import type { ConsentGrant } from '../../src/core/certificate-wire.ts';
import { cardAssertionPayload, CARD_ASSERTION_TYPE, nameHash } from '../../src/core/device-assertion.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { mintDemoCode } from '../../src/server/services/identity-codes.ts';
import { signAssertion } from '../../kiosk-shell/device/sign.ts';
import { enrollKeyedTerminal, newDeviceKey, proven, type KeyedTerminal } from './device-key.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

const { elder, booked, citizen } = DEMO_PEOPLE;
const TUESDAY = '2026-11-24T10:00:00+08:00';
const OWN_VIEW = { kind: 'own-view' as const };

type Person = { idNumber: string; name: string };

const socialInsurance = (person: Person, extra: Partial<CaseSubmission> = {}): CaseSubmission => ({
  clientId: randomUUID(),
  itemCode: 'social-insurance-payment-certificate',
  applicant: { kind: 'person', id: person.idNumber, name: person.name, method: 'card' },
  materials: [],
  formValues: { period: '12', use: 'loan' },
  commitment: null,
  submittedAt: '2026-11-24T09:59:00+08:00',
  ...extra,
});

describe.each(DATABASES)('identity claims a terminal cannot forge, on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function open(env: Record<string, string> = {}) {
    hall = await openTestHall(kind, { KIOSK_NOW: TUESDAY, ...env });
    hall.setNow(TUESDAY);
  }

  const post = (token: string, url: string, payload: unknown) =>
    hall.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload: payload as Record<string, unknown> });
  const consent = (token: string, identity: unknown, clientId = randomUUID()) => post(token, '/certificates/consents', { clientId, identity, purpose: OWN_VIEW });
  const card = async (device: KeyedTerminal, person: Person) => ({ kind: 'card', idNumber: person.idNumber, name: person.name, assertion: await device.assertCard(person) });
  const refusal = async (response: Promise<{ statusCode: number; json(): { error: { code: string; details?: { reason?: string } } } }>) => {
    const answered = await response;
    return [answered.statusCode, answered.json().error.code, answered.json().error.details?.reason];
  };
  const count = async (table: 'certificate_consents' | 'usage_log' | 'cases') => Number((await hall.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('opens nobody’s certificates with a stolen device token: a card without an assertion, or one signed by any other key', async () => {
    await open();
    // What a copy of Chromium's IndexedDB gives an attacker: a browser-enrolled device token.
    const stolen = await hall.enrollTerminal('被盗终端');
    const victim = { kind: 'card', idNumber: elder.idNumber, name: elder.name };
    expect((await consent(stolen, victim)).statusCode).toBe(400);
    // An assertion the attacker signs with a key of their own.
    const attacker = newDeviceKey();
    const attackerKid = await calculateJwkThumbprint(attacker.publicJwk);
    const terminalId = (await hall.ctx.db.selectFrom('terminals').select('id').where('name', '=', '被盗终端').executeTakeFirstOrThrow()).id;
    const forged = await signAssertion(
      { privateKey: attacker.privateKey, keyId: attackerKid },
      CARD_ASSERTION_TYPE,
      cardAssertionPayload({ terminalId, idNumber: elder.idNumber, nameHash: await nameHash(elder.name), cardType: 'resident', readAt: hall.ctx.clock.now(), issuedAt: Math.floor(hall.ctx.clock.now() / 1000), counter: 1 }),
    );
    expect(await refusal(consent(stolen, { ...victim, assertion: forged }))).toEqual([422, 'card-assertion-refused', 'unknown-key']);
    // Another terminal's genuine assertion, shown with this terminal's token.
    const honest = await enrollKeyedTerminal(hall, '一楼大厅 1号机');
    const other = await enrollKeyedTerminal(hall, '二楼 2号机');
    expect(await refusal(consent(other.token, await card(honest, elder)))).toEqual([422, 'card-assertion-refused', 'unknown-key']);
    // A genuine assertion for one card, claimed for another person.
    expect(await refusal(consent(honest.token, { ...victim, idNumber: booked.idNumber, name: booked.name, assertion: await honest.assertCard(elder) }))).toEqual([422, 'card-assertion-refused', 'mismatch']);
    expect(await refusal(consent(honest.token, { ...victim, name: '林某某', assertion: await honest.assertCard(elder) }))).toEqual([422, 'card-assertion-refused', 'mismatch']);
    expect(await count('certificate_consents')).toBe(0);
    // Each refusal is in the audit trail: the terminal and why, never whom it named.
    const refused = await hall.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'identity.refused').execute();
    expect(refused.map((row) => row.detail).sort()).toEqual(['card:mismatch', 'card:mismatch', 'card:unknown-key', 'card:unknown-key']);
    expect(JSON.stringify(refused)).not.toContain(elder.idNumber);
  });

  it('takes a card assertion once, while fresh, untampered and of its own kind', async () => {
    await open();
    const device = await enrollKeyedTerminal(hall);
    const identity = await card(device, elder);
    expect((await consent(device.token, identity)).statusCode).toBe(200);
    expect(await refusal(consent(device.token, identity))).toEqual([422, 'card-assertion-refused', 'replayed']);
    const old = { ...identity, assertion: await device.assertCard(elder, { issuedAtOffsetS: -180 }) };
    expect(await refusal(consent(device.token, old))).toEqual([422, 'card-assertion-refused', 'stale']);
    const early = { ...identity, assertion: await device.assertCard(elder, { issuedAtOffsetS: 120 }) };
    expect(await refusal(consent(device.token, early))).toEqual([422, 'card-assertion-refused', 'not-yet-valid']);
    const [header, payload, signature] = (await device.assertCard(elder)).split('.');
    const swapped = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), idn: booked.idNumber })).toString('base64url');
    expect(await refusal(consent(device.token, { ...identity, idNumber: booked.idNumber, name: booked.name, assertion: `${header}.${swapped}.${signature}` }))).toEqual([422, 'card-assertion-refused', 'bad-signature']);
    expect(await refusal(consent(device.token, { ...identity, assertion: await device.assertSession() }))).toEqual([422, 'card-assertion-refused', 'wrong-type']);
    expect(await count('certificate_consents')).toBe(1);
  });

  it('gives a key-bound terminal an hour’s session at a time, renewed only by its key, and ends it all on revocation', async () => {
    await open();
    const device = await enrollKeyedTerminal(hall);
    const ticket = (token: string) => post(token, '/tickets', { clientId: randomUUID(), category: 'tax' });
    expect((await ticket(device.token)).statusCode).toBe(200);
    hall.setNow('2026-11-24T11:00:01+08:00');
    expect((await ticket(device.token)).statusCode).toBe(401);
    const assertion = await device.assertSession();
    const renewed = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/session', payload: { assertion } });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json()).toMatchObject({ terminalId: device.terminalId, expiresAt: '2026-11-24T04:00:01.000Z', serverTime: '2026-11-24T03:00:01.000Z' });
    expect((await ticket(renewed.json().token)).statusCode).toBe(200);
    const replay = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/session', payload: { assertion } });
    expect([replay.statusCode, replay.json().error.details.reason]).toEqual([401, 'replayed']);
    const stale = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/session', payload: { assertion: await device.assertSession({ issuedAtOffsetS: -600 }) } });
    expect([stale.statusCode, stale.json().error.details.reason]).toEqual([401, 'stale']);

    const { revokeTerminal } = await import('../../src/server/services/terminals.ts');
    await revokeTerminal(hall.ctx, device.terminalId);
    expect((await ticket(renewed.json().token)).statusCode).toBe(401);
    const afterRevoke = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/session', payload: { assertion: await device.assertSession() } });
    expect([afterRevoke.statusCode, afterRevoke.json().error.details.reason]).toEqual([401, 'unknown-key']);
  });

  it('refuses a private key, a key off the curve and a non-P-256 key at enrollment', async () => {
    await open();
    const { createEnrollment } = await import('../../src/server/services/terminals.ts');
    const enroll = async (deviceKey: unknown) => {
      const { code } = await createEnrollment(hall.ctx, `terminal-${randomUUID().slice(0, 8)}`);
      return hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code, deviceKey } as never });
    };
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const withPrivate = await enroll(privateKey.export({ format: 'jwk' }));
    expect(withPrivate.statusCode).toBe(400);
    const { publicJwk } = newDeviceKey();
    const offCurve = await enroll({ ...publicJwk, y: publicJwk.x });
    expect([offCurve.statusCode, offCurve.json().error.code]).toEqual([400, 'invalid-device-key']);
    expect((await enroll({ kty: 'EC', crv: 'P-384', x: publicJwk.x, y: publicJwk.y })).statusCode).toBe(400);
  });

  it('attaches no one’s certificates and gives no rule result to a case that names them without proof', async () => {
    await open();
    const stolen = await hall.enrollTerminal('被盗终端');
    const [usesBefore, casesBefore] = [await count('usage_log'), await count('cases')];
    // A finished 社保缴费证明 with employer, months and bases, as the attack got it.
    const alone = await post(stolen, '/cases', socialInsurance(elder));
    const batched = await post(stolen, '/cases/batch', { submissions: [socialInsurance(elder), socialInsurance(citizen, { itemCode: 'housing-fund-deposit-certificate', formValues: { use: 'loan', copies: '1' } })] });
    // The result's own lines (the employer, the months and bases) are nowhere in either answer.
    for (const answer of [alone.body, batched.body]) expect(answer).not.toMatch(/参保单位|缴存单位|缴费基数|缴存基数/);
    if (alone.statusCode === 200) expect(alone.json()).toMatchObject({ result: null, channel: 'self-service-terminal', status: 'accepted' });
    else expect(alone.json().error.code).toBe('missing-materials');
    expect(await count('usage_log')).toBe(usesBefore);
    const stored = await hall.ctx.db.selectFrom('cases').select('document').where('created_at', '>=', hall.ctx.clock.now()).execute();
    expect(stored.every((row) => JSON.parse(row.document).result === null && JSON.parse(row.document).applicantProof === null)).toBe(true);
    expect(await count('cases')).toBeLessThanOrEqual(casesBefore + 3);

    // Which materials are missing says nothing of what the named person holds.
    const transfer = { ...socialInsurance(elder), itemCode: 'household-transfer-in-city', formValues: { reason: 'house-purchase', newAddress: '示例市示范区样板路88号', phone: '13912345678' }, materials: [] };
    const [holder, nobody] = await Promise.all([post(stolen, '/cases', transfer), post(stolen, '/cases', { ...transfer, clientId: randomUUID(), applicant: { ...transfer.applicant, id: DEMO_PEOPLE.early.idNumber, name: DEMO_PEOPLE.early.name } })]);
    expect(holder.json().error.details).toEqual(nobody.json().error.details);
  });

  it('takes a case’s proof only for its own applicant and item, and once', async () => {
    await open();
    const device = await enrollKeyedTerminal(hall);
    const granted = (await consent(device.token, await card(device, elder))).json() as ConsentGrant;
    // An own-view consent is not consent to apply for an item.
    expect(await refusal(post(device.token, '/cases', socialInsurance(elder, { proof: { kind: 'consent', consentToken: granted.consentToken } })))).toEqual([422, 'case-proof-refused', 'consent-other-item']);
    const itemConsent = (await post(device.token, '/certificates/consents', { clientId: randomUUID(), identity: await card(device, elder), purpose: { kind: 'item', itemCode: 'household-transfer-in-city' } })).json() as ConsentGrant;
    const transfer = (person: Person, consentToken: string): CaseSubmission => ({
      ...socialInsurance(person),
      itemCode: 'household-transfer-in-city',
      materials: [{ name: '迁入地房屋共有人同意迁入的书面意见', provision: 'deferred' }],
      formValues: { reason: 'house-purchase', newAddress: '示例市示范区样板路88号', phone: '13912345678' },
      proof: { kind: 'consent', consentToken },
    });
    expect(await refusal(post(device.token, '/cases', transfer(booked, itemConsent.consentToken)))).toEqual([422, 'case-proof-refused', 'consent-other-applicant']);
    const first = await post(device.token, '/cases', transfer(elder, itemConsent.consentToken));
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as CaseView).materials.filter((m) => m.provision === 'e-certificate')).toHaveLength(3);
    expect(await refusal(post(device.token, '/cases', transfer(elder, itemConsent.consentToken)))).toEqual([422, 'case-proof-refused', 'replayed']);
    // Another terminal cannot use the consent at all.
    const other = await enrollKeyedTerminal(hall);
    expect(await refusal(post(other.token, '/cases', transfer(elder, itemConsent.consentToken)))).toEqual([422, 'case-proof-refused', 'consent-unknown']);

    const assertion = await device.assertCard(elder);
    expect(await refusal(post(device.token, '/cases', socialInsurance(booked, { proof: { kind: 'card', assertion } })))).toEqual([422, 'case-proof-refused', 'mismatch']);
    expect((await post(device.token, '/cases', socialInsurance(elder, { proof: { kind: 'card', assertion } }))).json().result).not.toBeNull();
    expect(await refusal(post(device.token, '/cases', socialInsurance(elder, { proof: { kind: 'card', assertion } })))).toEqual([422, 'case-proof-refused', 'replayed']);
  });

  it('shows the whole case to the card on the reader, and to a typed number only where it stands', async () => {
    await open();
    const device = await enrollKeyedTerminal(hall);
    const submitted = (await post(device.token, '/cases', await proven(hall, device, socialInsurance(elder)))).json() as CaseView;
    const progress = (identity: unknown) => post(device.token, '/cases/progress', { caseNumber: submitted.caseNumber, identity });
    const identity = await card(device, elder);
    const full = await progress(identity);
    expect(full.json()).toMatchObject({ detail: 'full', caseNumber: submitted.caseNumber, result: { title: { 'zh-CN': '社会保险参保缴费证明' } } });
    expect(await refusal(progress(identity))).toEqual([422, 'card-assertion-refused', 'replayed']);
    const typed = (await progress({ kind: 'id', id: elder.idNumber })).json();
    expect(typed.detail).toBe('status-only');
    expect(typed).not.toHaveProperty('result');
    expect(typed).not.toHaveProperty('materials');
  });

  it('decides a case that waited in the outbox with the proof captured during the visit, and only such a case', async () => {
    await open();
    const device = await enrollKeyedTerminal(hall);
    // The card was read at 10:00 and the case submitted at 10:05, while the hall was away.
    const assertion = await device.assertCard(elder);
    const code = await mintDemoCode(hall.ctx, { subject: citizen.idNumber, name: citizen.name });
    const queued = socialInsurance(elder, { submittedAt: '2026-11-24T10:05:00+08:00', proof: { kind: 'card', assertion } });
    const queuedByCode: CaseSubmission = { ...socialInsurance(citizen, { itemCode: 'housing-fund-deposit-certificate', formValues: { use: 'loan', copies: '1' } }), submittedAt: '2026-11-24T10:03:00+08:00', proof: { kind: 'code', code } };
    // It arrives three hours later, long after the assertion and the code went stale (the shell renewed its session meanwhile).
    hall.setNow('2026-11-24T13:00:00+08:00');
    const session = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/session', payload: { assertion: await device.assertSession() } });
    device.token = session.json().token;
    const results = (await post(device.token, '/cases/batch', { submissions: [queued, queuedByCode] })).json().results as { status: string }[];
    expect(results.map((result) => result.status)).toEqual(['stored', 'stored']);
    const stored = await hall.ctx.db.selectFrom('cases').select(['client_id', 'channel', 'document']).where('client_id', 'in', [queued.clientId, queuedByCode.clientId]).execute();
    expect(stored.map((row) => row.channel)).toEqual(['smart-approval', 'smart-approval']);
    // A claim that the citizen submitted three hours after the card was read is no visit.
    const late = socialInsurance(elder, { submittedAt: '2026-11-24T12:59:00+08:00', proof: { kind: 'card', assertion: await device.assertCard(elder, { issuedAtOffsetS: -3 * 3600 }) } });
    expect(await refusal(post(device.token, '/cases', late))).toEqual([422, 'case-proof-refused', 'stale']);
    // Another terminal showing the same code as if from its outbox: the code belongs to the first.
    // A case from an outbox is never lost for its proof, so it is taken, as typed: nothing of the holder's.
    const elsewhere = await enrollKeyedTerminal(hall);
    const copied = await post(elsewhere.token, '/cases', { ...queuedByCode, clientId: randomUUID() });
    expect(copied.json()).toMatchObject({ channel: 'self-service-terminal', result: null });
    expect((copied.json() as CaseView).materials.some((material) => material.certificateId)).toBe(false);
    const refusedProof = await hall.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'identity.refused').execute();
    expect(refusedProof.map((row) => row.detail)).toContain('case-code:replayed');
  });

  it('takes an old proof only from a key-bound terminal’s outbox, and a consent only for a case submitted before it ended', async () => {
    await open();
    // A plain browser's token, copied off its disk with the identity code that waited beside it.
    const plain = await hall.enrollTerminal('浏览器终端');
    const code = await mintDemoCode(hall.ctx, { subject: citizen.idNumber, name: citizen.name });
    hall.setNow('2026-11-24T12:00:00+08:00');
    const fromPlain = await post(plain, '/cases', { ...socialInsurance(citizen, { itemCode: 'housing-fund-deposit-certificate', formValues: { use: 'loan', copies: '1' } }), submittedAt: '2026-11-24T10:02:00+08:00', proof: { kind: 'code', code } });
    expect(fromPlain.json()).toMatchObject({ result: null, channel: 'self-service-terminal' });

    hall.setNow(TUESDAY);
    const device = await enrollKeyedTerminal(hall);
    const itemConsent = (await post(device.token, '/certificates/consents', { clientId: randomUUID(), identity: await card(device, elder), purpose: { kind: 'item', itemCode: 'household-transfer-in-city' } })).json() as ConsentGrant;
    await post(device.token, '/certificates/consents/end', { consentToken: itemConsent.consentToken });
    hall.setNow('2026-11-24T10:01:00+08:00');
    // Submitted (the terminal says) a minute after the citizen pressed exit.
    const afterExit: CaseSubmission = {
      ...socialInsurance(elder, { submittedAt: '2026-11-24T10:01:00+08:00', proof: { kind: 'consent', consentToken: itemConsent.consentToken } }),
      itemCode: 'household-transfer-in-city',
      materials: [{ name: '迁入地房屋共有人同意迁入的书面意见', provision: 'deferred' }],
      formValues: { reason: 'house-purchase', newAddress: '示例市示范区样板路88号', phone: '13912345678' },
    };
    expect(await refusal(post(device.token, '/cases', afterExit))).toEqual([422, 'case-proof-refused', 'consent-ended']);
  });

  it('never loses a case from the outbox for its proof: a proof that no longer holds makes it a typed case', async () => {
    await open();
    const device = await enrollKeyedTerminal(hall);
    // The PC's clock ran 40 minutes ahead of the hall's when the citizen submitted.
    const assertion = await device.assertCard(elder);
    const queued = socialInsurance(elder, { submittedAt: '2026-11-24T10:40:00+08:00', proof: { kind: 'card', assertion } });
    hall.setNow('2026-11-24T12:00:00+08:00');
    await device.renew();
    const [outcome] = (await post(device.token, '/cases/batch', { submissions: [queued] })).json().results as { status: string }[];
    expect(outcome!.status).toBe('stored');
    const stored = await hall.ctx.db.selectFrom('cases').select(['channel', 'document']).where('client_id', '=', queued.clientId).executeTakeFirstOrThrow();
    expect(stored.channel).toBe('self-service-terminal');
    expect(JSON.parse(stored.document)).toMatchObject({ result: null, applicantProof: null });
  });

  it('asserts no card long after it was read: a card left on the reader is not the next citizen’s', async () => {
    await open();
    const device = await enrollKeyedTerminal(hall);
    const left = { kind: 'card', idNumber: elder.idNumber, name: elder.name, assertion: await device.assertCard(elder, { readAtOffsetS: -31 * 60 }) };
    expect(await refusal(consent(device.token, left))).toEqual([422, 'card-assertion-refused', 'stale']);
  });

  it('suspends a terminal that identifies more citizens in an hour than stand at one screen, until an administrator lifts it', async () => {
    await open({ KIOSK_LIMIT_HOLDERS_PER_HOUR: '3' });
    const device = await enrollKeyedTerminal(hall, '三楼 3号机');
    const people = [elder, booked, citizen, DEMO_PEOPLE.early];
    const grants: ConsentGrant[] = [];
    for (const person of people.slice(0, 3)) grants.push((await consent(device.token, await card(device, person))).json());
    expect(await refusal(consent(device.token, await card(device, people[3]!)))).toEqual([403, 'terminal-suspended', undefined]);
    // What the terminal had opened is closed as well, and no case of it gets certificates.
    expect((await post(device.token, '/certificates/list', { consentToken: grants[0]!.consentToken })).statusCode).toBe(403);
    const caseAnswer = await post(device.token, '/cases', await proven(hall, device, socialInsurance(elder)));
    expect(caseAnswer.json()).toMatchObject({ result: null, channel: 'self-service-terminal' });
    // Nor does the whole case answer a progress query; tickets go on.
    expect(await refusal(post(device.token, '/cases/progress', { caseNumber: caseAnswer.json().caseNumber, identity: await card(device, elder) }))).toEqual([403, 'terminal-suspended', undefined]);
    expect((await post(device.token, '/tickets', { clientId: randomUUID(), category: 'tax' })).statusCode).toBe(200);

    const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', headers: { origin: 'http://localhost:80' }, payload: { username: 'admin', password: 'demo-admin-2026' } });
    const admin = { cookie: String(login.headers['set-cookie']).split(';')[0]!, origin: 'http://localhost:80' };
    const fleet = (await hall.app.inject({ url: '/api/v1/admin/terminals', headers: admin })).json() as { id: string; keyBound: boolean; suspended: { reason: string } | null; alerts: { kind: string; observed: number; limit: number }[] }[];
    const entry = fleet.find((terminal) => terminal.id === device.terminalId)!;
    expect(entry).toMatchObject({ keyBound: true, suspended: { reason: 'distinct-holders' }, alerts: [{ kind: 'distinct-holders', observed: 4, limit: 3 }] });
    const audit = await hall.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'terminal.suspend').execute();
    expect(audit).toHaveLength(1);

    const resumed = await hall.app.inject({ method: 'POST', url: `/api/v1/admin/terminals/${device.terminalId}/resume`, headers: admin });
    expect(resumed.statusCode, resumed.body).toBe(200);
    const afterResume = (await consent(device.token, await card(device, people[3]!))).json() as ConsentGrant;
    expect((await post(device.token, '/certificates/list', { consentToken: afterResume.consentToken })).statusCode).toBe(200);
    const uses = (await hall.app.inject({ url: `/api/v1/admin/terminals/${device.terminalId}/certificate-uses`, headers: admin })).json().uses as { action: string }[];
    expect(uses.length).toBeGreaterThan(0);
    expect(JSON.stringify(uses)).not.toContain(elder.name);
  });

  it('suspends a terminal that asks for consents faster than a citizen can', async () => {
    await open({ KIOSK_LIMIT_CONSENTS_PER_MINUTE: '2' });
    const device = await enrollKeyedTerminal(hall);
    expect((await consent(device.token, await card(device, elder))).statusCode).toBe(200);
    expect((await consent(device.token, await card(device, elder))).statusCode).toBe(200);
    expect(await refusal(consent(device.token, await card(device, elder)))).toEqual([403, 'terminal-suspended', undefined]);
    const alerts = await hall.ctx.db.selectFrom('terminal_alerts').selectAll().execute();
    expect(alerts.map((alert) => [alert.kind, alert.observed, alert.limit_value])).toEqual([['consents-per-minute', 3, 2]]);
  });
});
