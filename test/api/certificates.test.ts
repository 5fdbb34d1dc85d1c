import { randomUUID } from 'node:crypto';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateSummary, CertificateView, ConsentGrant, CopyIssued, CopyVerification, UsageRecord } from '../../src/core/certificate-wire.ts';
import { DEMO_ENTERPRISES } from '../../src/server/demo/certificate-data.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { DEMO_ISSUER, mintDemoCode, type MintOptions } from '../../src/server/services/identity-codes.ts';
import { trustProvider } from '../../src/server/services/identity-providers.ts';
import { verifyUsageLog } from '../../src/server/services/usage-log.ts';
import { enrollKeyedTerminal, type KeyedTerminal } from './device-key.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

const { elder, booked } = DEMO_PEOPLE;
/** A card identity; the terminal's device key signs its assertion when it is sent (see terminal()). */
const card = (person: { idNumber: string; name: string }) => ({ kind: 'card' as const, idNumber: person.idNumber, name: person.name });
const OWN_VIEW = { kind: 'own-view' as const };

describe.each(DATABASES)('certificate-free retrieval on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function open() {
    hall = await openTestHall(kind);
    hall.setNow('2026-10-01T20:30:00+08:00');
    return terminal(await enrollKeyedTerminal(hall, '一楼大厅 1号机'));
  }

  /** A card identity gets a fresh assertion of this terminal's key, as kiosk-shell gives the page for each request. */
  async function asserted(device: KeyedTerminal, identity: unknown): Promise<unknown> {
    const shown = identity as { kind?: string; idNumber?: string; name?: string; assertion?: string };
    if (shown.kind !== 'card' || shown.assertion !== undefined) return identity;
    return { ...shown, assertion: await device.assertCard({ idNumber: shown.idNumber!, name: shown.name! }) };
  }

  function terminal(device: KeyedTerminal) {
    const { token } = device;
    const post = (url: string, payload: unknown) => hall.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload: payload as Record<string, unknown> });
    const consent = async (identity: unknown, purpose: unknown = OWN_VIEW, clientId = randomUUID()) => post('/certificates/consents', { clientId, identity: await asserted(device, identity), purpose });
    const grant = async (identity: unknown, purpose: unknown = OWN_VIEW) => {
      const response = await consent(identity, purpose);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as ConsentGrant;
    };
    const list = async (consentToken: string) => (await post('/certificates/list', { consentToken })).json().certificates as CertificateSummary[];
    return { token, post, consent, grant, list };
  }

  const mint = (options: Partial<MintOptions> & { subject: string; name: string }) => mintDemoCode(hall.ctx, options);

  it('opens a card holder’s certificates only after consent, and logs every retrieval, view and copy in the chain', async () => {
    const { post, grant, list } = await open();
    const before = await post('/certificates/list', { consentToken: 'A'.repeat(43) });
    expect(before.statusCode).toBe(403);
    expect(before.json().error.code).toBe('consent-required');

    const granted = await grant(card(elder));
    expect(granted.holder).toEqual({ kind: 'person', name: elder.name, idMasked: `${elder.idNumber.slice(0, 4)}**********${elder.idNumber.slice(-4)}` });
    expect(granted).toMatchObject({ purpose: { kind: 'own-view', name: { 'zh-CN': '查看本人证照' } }, terminalName: '一楼大厅 1号机' });
    const certificates = await list(granted.consentToken);
    expect(certificates.map((c) => c.typeCode).sort()).toEqual(['driving-licence', 'household-register', 'marriage', 'real-estate', 'real-estate', 'resident-id', 'social-security-card']);
    expect(certificates.find((c) => c.typeCode === 'driving-licence')).toMatchObject({ valid: false, number: expect.stringMatching(/^\d{4}\*{10}\w{4}$/) });
    await list(granted.consentToken);

    const household = certificates.find((c) => c.typeCode === 'household-register')!;
    const view = (await post('/certificates/view', { consentToken: granted.consentToken, certificateId: household.id })).json() as CertificateView;
    expect(view).toMatchObject({ holderName: elder.name, typeCode: 'household-register' });
    expect(view.fields.map((f) => f.key)).toContain('householder');
    expect(JSON.stringify(view)).not.toContain(elder.idNumber);

    const a4 = (await post('/certificates/copies', { clientId: randomUUID(), consentToken: granted.consentToken, certificateId: household.id, format: 'a4' })).json() as CopyIssued;
    expect(Buffer.from(a4.pdf!, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(a4).toMatchObject({ watermark: '仅供本人查阅使用', verifyUrl: `http://localhost:80/verify/${a4.copyId}` });
    const verification = (await hall.app.inject(`/api/v1/copies/${a4.copyId}/verification`)).json() as CopyVerification;
    expect(verification).toMatchObject({ typeCode: 'household-register', purpose: '查看本人证照', format: 'a4', terminalName: '一楼大厅 1号机', holderMasked: `林** 9901**********${elder.idNumber.slice(-4)}` });
    expect((await hall.app.inject('/api/v1/copies/AAAAAAAAAAAAAAAAAAAAAAAA/verification')).statusCode).toBe(404);

    const usage = (await post('/certificates/usage', { consentToken: granted.consentToken })).json().records as UsageRecord[];
    const terminalUses = usage.filter((record) => record.user === '自助终端 一楼大厅 1号机');
    expect(terminalUses.filter((record) => record.action === 'retrieve')).toHaveLength(certificates.length);
    expect(terminalUses.map((record) => record.action).slice(0, 2)).toEqual(['copy-a4', 'view']);
    expect(usage.some((record) => record.action === 'window-use')).toBe(true);
    expect(await verifyUsageLog(hall.ctx.db)).toMatchObject({ ok: true });
  });

  it('refuses another person’s certificate, another terminal’s consent, and an ended or expired one', async () => {
    const first = await open();
    const elderGrant = await first.grant(card(elder));
    const bookedGrant = await first.grant(card(booked));
    const bookedCertificate = (await first.list(bookedGrant.consentToken))[0]!;
    const stolen = await first.post('/certificates/view', { consentToken: elderGrant.consentToken, certificateId: bookedCertificate.id });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error.code).toBe('certificate-not-found');
    const copy = await first.post('/certificates/copies', { clientId: randomUUID(), consentToken: elderGrant.consentToken, certificateId: bookedCertificate.id, format: 'a4' });
    expect(copy.statusCode).toBe(404);

    const other = terminal(await enrollKeyedTerminal(hall, '二楼 2号机'));
    expect((await other.post('/certificates/list', { consentToken: elderGrant.consentToken })).json().error.code).toBe('consent-required');

    await first.post('/certificates/consents/end', { consentToken: elderGrant.consentToken });
    expect((await first.post('/certificates/list', { consentToken: elderGrant.consentToken })).json().error.code).toBe('consent-expired');
    hall.setNow('2026-10-01T20:46:00+08:00');
    expect((await first.post('/certificates/list', { consentToken: bookedGrant.consentToken })).json().error.code).toBe('consent-expired');
  });

  it('opens only the certificate types the chosen service item needs', async () => {
    const { grant, list, consent } = await open();
    const granted = await grant(card(elder), { kind: 'item', itemCode: 'household-transfer-in-city' });
    expect(granted.typeCodes.sort()).toEqual(['household-register', 'real-estate']);
    expect(granted.purpose).toMatchObject({ kind: 'item', name: { 'zh-CN': expect.any(String) } });
    expect(new Set((await list(granted.consentToken)).map((c) => c.typeCode))).toEqual(new Set(['household-register', 'real-estate']));
    expect((await consent(card(elder), { kind: 'item', itemCode: 'no-such-item' })).statusCode).toBe(404);
    expect((await consent(card(elder), { kind: 'item', itemCode: 'passport-issuance' })).json().error.code).toBe('purpose-needs-no-certificate');
  });

  it('accepts an identity code at one terminal only, and refuses expired, forged and other-algorithm codes', async () => {
    const first = await open();
    const second = terminal(await enrollKeyedTerminal(hall, '二楼 2号机'));
    const code = await mint({ subject: booked.idNumber, name: booked.name });
    const granted = await first.grant({ kind: 'code', code });
    expect(granted.holder).toMatchObject({ kind: 'person', name: booked.name });
    const reason = async (response: Promise<{ statusCode: number; json(): { error: { code: string; details?: { reason?: string } } } }>) => {
      const answered = await response;
      expect(answered.statusCode).toBe(422);
      return answered.json().error.details?.reason;
    };
    expect(await reason(second.consent({ kind: 'code', code }))).toBe('replayed');
    // The terminal that took the code may use it again while it lives: the same visit, another purpose.
    expect((await first.consent({ kind: 'code', code }, { kind: 'item', itemCode: 'household-transfer-in-city' })).statusCode).toBe(200);
    expect(await reason(first.consent({ kind: 'code', code: await mint({ subject: booked.idNumber, name: booked.name, issuedAtOffsetS: -600 }) }))).toBe('expired');

    const impostor = await generateKeyPair('ES256');
    const kid = JSON.parse(Buffer.from(code.split('.')[0]!, 'base64url').toString()).kid as string;
    const claims = { iss: DEMO_ISSUER, sub: booked.idNumber, name: booked.name, iat: Math.floor(hall.ctx.clock.now() / 1000), exp: Math.floor(hall.ctx.clock.now() / 1000) + 120, jti: randomUUID() };
    const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'ES256', kid }).sign(impostor.privateKey);
    expect(await reason(first.consent({ kind: 'code', code: forged }))).toBe('bad-signature');
    const [header, , signature] = (await mint({ subject: booked.idNumber, name: booked.name })).split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: elder.idNumber })).toString('base64url')}.${signature}`;
    expect(await reason(first.consent({ kind: 'code', code: tampered }))).toBe('bad-signature');
    const hs256 = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
    expect(await reason(first.consent({ kind: 'code', code: hs256 }))).toBe('algorithm');
    expect(await reason(first.consent({ kind: 'code', code: 'not a code' }))).toBe('malformed');
  });

  it('opens an enterprise’s business licence with its enterprise code', async () => {
    const { grant, list } = await open();
    const [enterprise] = DEMO_ENTERPRISES;
    const granted = await grant({ kind: 'code', code: await mint({ subject: enterprise!.creditCode, name: enterprise!.name }) });
    expect(granted.holder.kind).toBe('enterprise');
    expect((await list(granted.consentToken)).map((c) => c.typeCode)).toEqual(['business-licence']);
  });

  it('answers a repeated consent and copy with the first, and logs each once', async () => {
    const { post, consent, list } = await open();
    const clientId = randomUUID();
    const first = (await consent(card(elder), OWN_VIEW, clientId)).json() as ConsentGrant;
    const again = (await consent(card(elder), OWN_VIEW, clientId)).json() as ConsentGrant;
    expect(again.consentToken).toBe(first.consentToken);
    const certificate = (await list(first.consentToken))[0]!;
    const order = { clientId: randomUUID(), consentToken: first.consentToken, certificateId: certificate.id, format: 'receipt' };
    const copies = await Promise.all([post('/certificates/copies', order), post('/certificates/copies', order)]);
    expect(new Set(copies.map((copy) => copy.json().copyId)).size).toBe(1);
    const usage = (await post('/certificates/usage', { consentToken: first.consentToken })).json().records as UsageRecord[];
    expect(usage.filter((record) => record.action === 'copy-receipt')).toHaveLength(1);
    expect(await verifyUsageLog(hall.ctx.db)).toMatchObject({ ok: true });
  });

  it('keeps one unbroken chain under concurrent uses, and names a row altered or deleted afterwards', async () => {
    const { post, grant, list } = await open();
    const grants = await Promise.all([elder, booked, DEMO_PEOPLE.citizen].map((person) => grant(card(person))));
    const listed = await Promise.all(grants.map((granted) => list(granted.consentToken)));
    await Promise.all(
      grants.flatMap((granted, index) => listed[index]!.map((certificate) => post('/certificates/view', { consentToken: granted.consentToken, certificateId: certificate.id }))),
    );
    const verdict = await verifyUsageLog(hall.ctx.db);
    expect(verdict.ok).toBe(true);
    const rows = verdict.ok ? verdict.rows : 0;
    expect(rows).toBeGreaterThan(30);

    const head = await hall.ctx.db.selectFrom('usage_log_head').select(['last_seq', 'last_hash']).executeTakeFirstOrThrow();
    const last = await hall.ctx.db.selectFrom('usage_log').selectAll().where('seq', '=', Number(head.last_seq)).executeTakeFirstOrThrow();
    await hall.ctx.db.insertInto('usage_log').values({ ...last, seq: Number(head.last_seq) + 1, prev_hash: last.hash, purpose: '伪造' }).execute();
    expect(await verifyUsageLog(hall.ctx.db)).toEqual({ ok: false, seq: Number(head.last_seq) + 1, problem: 'altered' });
    await hall.ctx.db.deleteFrom('usage_log').where('seq', '=', Number(head.last_seq) + 1).execute();

    await hall.ctx.db.updateTable('usage_log').set({ purpose: '别的用途' }).where('seq', '=', 12).execute();
    expect(await verifyUsageLog(hall.ctx.db)).toEqual({ ok: false, seq: 12, problem: 'altered' });
    await hall.ctx.db.deleteFrom('usage_log').where('seq', '=', 12).execute();
    expect(await verifyUsageLog(hall.ctx.db)).toEqual({ ok: false, seq: 12, problem: 'deleted' });
  });

  it('refuses malformed bodies with a clear message and records nothing', async () => {
    const { post, consent } = await open();
    const count = async () => Number((await hall.ctx.db.selectFrom('certificate_consents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const bad = [
      { clientId: randomUUID(), identity: card(elder), purpose: OWN_VIEW, extra: 1 },
      { clientId: 'not-a-uuid', identity: card(elder), purpose: OWN_VIEW },
      { clientId: randomUUID(), identity: { kind: 'typed', idNumber: elder.idNumber }, purpose: OWN_VIEW },
      { clientId: randomUUID(), identity: { kind: 'code', code: 'x'.repeat(3000) }, purpose: OWN_VIEW },
    ];
    for (const body of bad) {
      const response = await post('/certificates/consents', body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid-request');
    }
    const wrongCheck = `${elder.idNumber.slice(0, 17)}${elder.idNumber.endsWith('0') ? '1' : '0'}`;
    expect((await consent({ kind: 'card', idNumber: wrongCheck, name: elder.name })).json().error.code).toBe('invalid-id-number');
    expect(await count()).toBe(0);
  });

  it('trusts a provider’s public keys only, and publishes them to terminals', async () => {
    const { token } = await open();
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const issuer = 'https://idcode.example-province.invalid';
    expect(await trustProvider(hall.ctx.db, issuer, { keys: [{ ...(await exportJWK(privateKey)), kid: 'p-1' }] }, 0)).toMatchObject({ ok: false, error: { code: 'invalid-jwks' } });
    expect(await trustProvider(hall.ctx.db, 'http://insecure.invalid', { keys: [{ ...(await exportJWK(publicKey)), kid: 'p-1' }] }, 0)).toMatchObject({ ok: false, error: { code: 'invalid-issuer' } });
    expect(await trustProvider(hall.ctx.db, issuer, { keys: [{ ...(await exportJWK(publicKey)), kid: 'p-1' }] }, 0)).toMatchObject({ ok: true });
    const published = await hall.app.inject({ url: '/api/v1/identity/providers', headers: { authorization: `Bearer ${token}` } });
    const providers = published.json().providers as { issuer: string; keys: { kid: string; d?: string }[] }[];
    expect(providers.map((provider) => provider.issuer)).toEqual([DEMO_ISSUER, issuer]);
    expect(providers.flatMap((provider) => provider.keys).every((key) => key.d === undefined)).toBe(true);
    expect((await hall.app.inject('/api/v1/identity/providers')).statusCode).toBe(401);
  });
});
