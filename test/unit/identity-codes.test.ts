import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { CompactSign, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/credit-code.ts';
import { idCheckChar } from '../../src/core/id-number.ts';
import { CLOCK_SKEW_S, MAX_CODE_BYTES } from '../../src/core/identity-code.ts';
import { pinClock } from '../../src/platform/clock.ts';
import { KIOSK_DB_NAME, openKioskDb } from '../../src/platform/db.ts';
import { forgetIdentityProviderCache, refreshIdentityProviders, verifyIdentityCode } from '../../src/platform/identity-codes.ts';

const ISSUER_A = 'https://idcode-a.example.invalid';
const ISSUER_B = 'https://idcode-b.example.invalid';
const KID_A = 'provider-a-2026';
const KID_B = 'provider-b-2026';
// Fictional people and enterprises only: area code 990101 does not exist.
const PERSON = `99010119800101001${idCheckChar('99010119800101001')}`;
const WOMAN = `99010119921231002${idCheckChar('99010119921231002')}`;
const ENTERPRISE = `91990101MA0000001${creditCodeCheckChar('91990101MA0000001')}`;
const NAME = '演示人';

const PIN = '2026-11-24T10:00:00+08:00';
const PIN_S = Date.parse(PIN) / 1000;

const providerA = await generateKeyPair('ES256', { extractable: true });
const providerB = await generateKeyPair('ES256', { extractable: true });
const impostor = await generateKeyPair('ES256', { extractable: true });
const publicJwk = async (key: CryptoKey, kid: string): Promise<JWK> => ({ ...(await exportJWK(key)), kid, alg: 'ES256', use: 'sig' });
const PROVIDERS_BODY = {
  providers: [
    { issuer: ISSUER_A, keys: [await publicJwk(providerA.publicKey, KID_A)] },
    { issuer: ISSUER_B, keys: [await publicJwk(providerB.publicKey, KID_B)] },
  ],
};

let serial = 0;
const claims = (overrides: Record<string, unknown> = {}, nowS = PIN_S) => ({
  iss: ISSUER_A,
  sub: PERSON,
  name: NAME,
  iat: nowS - 10,
  exp: nowS + 200,
  jti: `jti-${String(++serial).padStart(6, '0')}-test`,
  ...overrides,
});

function sign(payload: Record<string, unknown>, { key = providerA.privateKey, kid = KID_A }: { key?: CryptoKey; kid?: string } = {}) {
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid }).sign(key);
}

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** What the mocked hall server answers to GET /api/v1/identity/providers. */
let answer: () => Promise<Response> = async () => Response.json(PROVIDERS_BODY);
const fetchMock = vi.fn((_url: string, _init?: RequestInit) => answer());
const realFetch = globalThis.fetch;
globalThis.fetch = fetchMock as unknown as typeof fetch;
const offline = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};

afterAll(() => {
  globalThis.fetch = realFetch;
});

afterEach(() => {
  answer = async () => Response.json(PROVIDERS_BODY);
  pinClock(PIN);
});

describe('the terminal database, version 3', () => {
  it('upgrades a version 2 database, keeping its data and adding the store of seen codes', async () => {
    const old = await openDB(KIOSK_DB_NAME, 2, {
      upgrade(db) {
        db.createObjectStore('settings');
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        db.createObjectStore('leases');
      },
    });
    await old.put('settings', 'T-07', 'terminalName');
    old.close();
    const db = await openKioskDb();
    expect(db.version).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(['leases', 'outbox', 'seenCodes', 'settings']);
    expect(await db.get('settings', 'terminalName')).toBe('T-07');
  });

  it('trusts no code before it has ever fetched the provider keys', async () => {
    pinClock(PIN);
    answer = offline;
    expect(await refreshIdentityProviders()).toBe(false);
    expect(await verifyIdentityCode(await sign(claims()))).toEqual({ ok: false, reason: 'unknown-key' });
  });
});

describe('identity QR codes verified offline', () => {
  beforeAll(async () => {
    pinClock(PIN);
    expect(await refreshIdentityProviders()).toBe(true);
    expect(fetchMock).toHaveBeenLastCalledWith('/api/v1/identity/providers', expect.objectContaining({ method: 'GET' }));
  });

  it('accepts a person code signed by a trusted provider', async () => {
    const result = await verifyIdentityCode(await sign(claims({ sub: WOMAN })));
    expect(result).toEqual({
      ok: true,
      value: { issuer: ISSUER_A, subject: WOMAN, subjectKind: 'person', name: NAME, issuedAt: PIN_S - 10, expiresAt: PIN_S + 200, tokenId: expect.any(String) },
    });
  });

  it('accepts an enterprise code with a unified social credit code, from a second provider', async () => {
    const result = await verifyIdentityCode(await sign(claims({ iss: ISSUER_B, sub: ENTERPRISE }), { key: providerB.privateKey, kid: KID_B }));
    expect(result).toMatchObject({ ok: true, value: { issuer: ISSUER_B, subject: ENTERPRISE, subjectKind: 'enterprise' } });
  });

  it('refuses an expired code and one not yet valid, allowing 60 s of clock skew', async () => {
    expect(await verifyIdentityCode(await sign(claims({ iat: PIN_S - 300, exp: PIN_S - CLOCK_SKEW_S - 1 })))).toEqual({ ok: false, reason: 'expired' });
    expect(await verifyIdentityCode(await sign(claims({ iat: PIN_S + CLOCK_SKEW_S + 5, exp: PIN_S + 300 })))).toEqual({ ok: false, reason: 'not-yet-valid' });
    expect((await verifyIdentityCode(await sign(claims({ iat: PIN_S - 300, exp: PIN_S - 30 })))).ok).toBe(true);
  });

  it('follows the pinned clock (KIOSK_NOW), not the machine time', async () => {
    pinClock('2031-05-01T09:00:00+08:00');
    const later = Date.parse('2031-05-01T09:00:00+08:00') / 1000;
    expect(await verifyIdentityCode(await sign(claims()))).toEqual({ ok: false, reason: 'expired' });
    expect((await verifyIdentityCode(await sign(claims({}, later)))).ok).toBe(true);
  });

  it('refuses a code that lives longer than 5 minutes', async () => {
    expect(await verifyIdentityCode(await sign(claims({ iat: PIN_S - 10, exp: PIN_S + 291 })))).toEqual({ ok: false, reason: 'lifetime' });
  });

  it('accepts a code once; the next code, or the same jti from another provider, still passes', async () => {
    const code = await sign(claims({ jti: 'replay-0001-abcd' }));
    expect((await verifyIdentityCode(code)).ok).toBe(true);
    expect(await verifyIdentityCode(code)).toEqual({ ok: false, reason: 'replayed' });
    forgetIdentityProviderCache();
    expect(await verifyIdentityCode(code)).toEqual({ ok: false, reason: 'replayed' });
    expect((await verifyIdentityCode(await sign(claims({ jti: 'replay-0002-abcd' })))).ok).toBe(true);
    const fromB = await sign(claims({ iss: ISSUER_B, jti: 'replay-0001-abcd' }), { key: providerB.privateKey, kid: KID_B });
    expect((await verifyIdentityCode(fromB)).ok).toBe(true);
  });

  it('does not use up the jti of a code it refused', async () => {
    const jti = 'refused-0001-abcd';
    expect(await verifyIdentityCode(await sign(claims({ jti, sub: PERSON.slice(0, 17) + (PERSON[17] === '0' ? '1' : '0') })))).toEqual({ ok: false, reason: 'bad-subject' });
    expect((await verifyIdentityCode(await sign(claims({ jti })))).ok).toBe(true);
  });

  it('keeps the jti until exp plus the skew, then forgets it when the next code is recorded', async () => {
    const code = await sign(claims({ jti: 'purge-0001-abcd' }));
    expect((await verifyIdentityCode(code)).ok).toBe(true);
    const key = `${ISSUER_A}\npurge-0001-abcd`;
    expect(await (await openKioskDb()).get('seenCodes', key)).toEqual({ expiresAt: PIN_S + 200 + CLOCK_SKEW_S });
    pinClock(new Date((PIN_S + 200 + CLOCK_SKEW_S + 1) * 1000).toISOString());
    expect(await verifyIdentityCode(code)).toEqual({ ok: false, reason: 'expired' });
    expect(await (await openKioskDb()).get('seenCodes', key)).toBeDefined();
    const nowS = PIN_S + 200 + CLOCK_SKEW_S + 1;
    expect(await verifyIdentityCode(await sign(claims({}, nowS)))).toMatchObject({ ok: true });
    expect(await (await openKioskDb()).get('seenCodes', key)).toBeUndefined();
  });

  it('refuses a code whose issuer is not the one the signing key belongs to', async () => {
    expect(await verifyIdentityCode(await sign(claims({ iss: ISSUER_B })))).toEqual({ ok: false, reason: 'unknown-issuer' });
    expect(await verifyIdentityCode(await sign(claims({ iss: 'https://rogue.example.invalid' })))).toEqual({ ok: false, reason: 'unknown-issuer' });
  });

  it('refuses a key id it does not know, or none', async () => {
    expect(await verifyIdentityCode(await sign(claims(), { key: impostor.privateKey, kid: 'impostor-1' }))).toEqual({ ok: false, reason: 'unknown-key' });
    const noKid = await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256' }).sign(providerA.privateKey);
    expect(await verifyIdentityCode(noKid)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('refuses HS256, even with the trusted key id, and alg none', async () => {
    const secret = new TextEncoder().encode('a shared secret of thirty-two b!');
    const hs256 = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: KID_A }).sign(secret);
    expect(await verifyIdentityCode(hs256)).toEqual({ ok: false, reason: 'algorithm' });
    // An unsecured JWT has an empty signature: not even the shape of a code.
    const unsecured = new UnsecuredJWT(claims()).encode();
    expect(await verifyIdentityCode(unsecured)).toEqual({ ok: false, reason: 'malformed' });
    const withSignature = `${segment({ alg: 'none', kid: KID_A })}.${segment(claims())}.c2lnbmF0dXJl`;
    expect(await verifyIdentityCode(withSignature)).toEqual({ ok: false, reason: 'algorithm' });
  });

  it('refuses a code signed by another key under the trusted key id', async () => {
    expect(await verifyIdentityCode(await sign(claims(), { key: impostor.privateKey }))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await verifyIdentityCode(await sign(claims(), { key: providerB.privateKey }))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a code whose payload was changed after signing', async () => {
    const original = claims();
    const [header, , signature] = (await sign(original)).split('.');
    const tampered = `${header}.${segment({ ...original, sub: WOMAN })}.${signature}`;
    expect(await verifyIdentityCode(tampered)).toEqual({ ok: false, reason: 'bad-signature' });
    expect((await verifyIdentityCode(`${header}.${segment(original)}.${signature}`)).ok).toBe(true);
  });

  it('refuses strings that are not codes, and signed payloads that are not claims', async () => {
    const good = await sign(claims());
    for (const text of ['', 'hello', 'YY0001', good.split('.').slice(0, 2).join('.'), `${good}.x`, ` ${good}`, `${good}\n`, 'bm90IGpzb24.e30.c2ln', `${segment([1])}.e30.c2ln`]) {
      expect(await verifyIdentityCode(text)).toEqual({ ok: false, reason: 'malformed' });
    }
    const protectedHeader = { alg: 'ES256', kid: KID_A };
    const notJson = await new CompactSign(new TextEncoder().encode('not json')).setProtectedHeader(protectedHeader).sign(providerA.privateKey);
    expect(await verifyIdentityCode(notJson)).toEqual({ ok: false, reason: 'malformed' });
    const array = await new CompactSign(new TextEncoder().encode('[1,2]')).setProtectedHeader(protectedHeader).sign(providerA.privateKey);
    expect(await verifyIdentityCode(array)).toEqual({ ok: false, reason: 'malformed' });
    const shortSignature = `${good.split('.').slice(0, 2).join('.')}.c2ln`;
    // A signature of the wrong length is no ES256 signature of this code: it does not verify.
    expect(await verifyIdentityCode(shortSignature)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a code over 2 KB before parsing it, even a correctly signed one', async () => {
    const padded = await sign(claims({ note: 'x'.repeat(MAX_CODE_BYTES) }));
    expect(await verifyIdentityCode(padded)).toEqual({ ok: false, reason: 'oversized' });
    expect(await verifyIdentityCode('.'.repeat(MAX_CODE_BYTES + 1))).toEqual({ ok: false, reason: 'oversized' });
  });

  it('refuses a subject with a wrong check character', async () => {
    const wrongId = PERSON.slice(0, 17) + (PERSON[17] === '0' ? '1' : '0');
    expect(await verifyIdentityCode(await sign(claims({ sub: wrongId })))).toEqual({ ok: false, reason: 'bad-subject' });
    const wrongCredit = ENTERPRISE.slice(0, 17) + (ENTERPRISE[17] === 'Y' ? 'X' : 'Y');
    expect(await verifyIdentityCode(await sign(claims({ sub: wrongCredit })))).toEqual({ ok: false, reason: 'bad-subject' });
  });

  it('stores no subject, name or code anywhere, only issuer and jti', async () => {
    const code = await sign(claims({ sub: WOMAN }));
    expect((await verifyIdentityCode(code)).ok).toBe(true);
    const db = await openKioskDb();
    const stored = JSON.stringify([await db.getAll('settings'), await db.getAllKeys('seenCodes'), await db.getAll('seenCodes')]);
    for (const secret of [WOMAN, PERSON, ENTERPRISE, NAME, code.split('.')[1]!]) expect(stored).not.toContain(secret);
  });
});

describe('provider keys cached for offline use', () => {
  it('keeps verifying from IndexedDB when the server is unreachable, also after a reload', async () => {
    answer = async () => Response.json(PROVIDERS_BODY);
    expect(await refreshIdentityProviders()).toBe(true);
    answer = offline;
    expect(await refreshIdentityProviders()).toBe(false);
    expect((await verifyIdentityCode(await sign(claims()))).ok).toBe(true);
    forgetIdentityProviderCache();
    expect((await verifyIdentityCode(await sign(claims()))).ok).toBe(true);

    // A page reload: every module, and its memory, starts afresh; only IndexedDB remains.
    vi.resetModules();
    const reloaded = await import('../../src/platform/identity-codes.ts');
    (await import('../../src/platform/clock.ts')).pinClock(PIN);
    expect((await reloaded.verifyIdentityCode(await sign(claims()))).ok).toBe(true);
    expect(await reloaded.verifyIdentityCode(await sign(claims(), { key: impostor.privateKey }))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('keeps the cached keys when the server fails or answers something else', async () => {
    for (const failing of [
      async () => Response.json({ error: { code: 'internal' } }, { status: 500 }),
      async () => new Response('<html>proxy error</html>', { status: 200 }),
      async () => Response.json({ providers: 'none' }),
      async () => Response.json({ providers: [{ issuer: 42, keys: [] }] }),
    ]) {
      answer = failing;
      expect(await refreshIdentityProviders()).toBe(false);
    }
    forgetIdentityProviderCache();
    expect((await verifyIdentityCode(await sign(claims()))).ok).toBe(true);
  });

  it('keeps only public EC P-256 signing keys with a key id', async () => {
    const jwkA = await publicJwk(providerA.publicKey, KID_A);
    const privateB = { ...(await exportJWK(providerB.privateKey)), kid: KID_B };
    const p384 = { ...(await exportJWK((await generateKeyPair('ES384', { extractable: true })).publicKey)), kid: 'p384' };
    const { kid: _kid, ...noKid } = await publicJwk(impostor.publicKey, 'none');
    answer = async () =>
      Response.json({
        providers: [
          { issuer: ISSUER_A, keys: [jwkA, p384, noKid, { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'rsa' }, { ...jwkA, kid: 'enc', use: 'enc' }] },
          { issuer: ISSUER_B, keys: [privateB] },
          { issuer: 'https://empty.example.invalid', keys: [p384] },
        ],
      });
    expect(await refreshIdentityProviders()).toBe(true);
    const stored = (await (await openKioskDb()).get('settings', 'identityProviders')) as { providers: { issuer: string; keys: JWK[] }[] };
    expect(stored.providers.map((provider) => [provider.issuer, provider.keys.map((key) => key.kid)])).toEqual([
      [ISSUER_A, [KID_A]],
      [ISSUER_B, [KID_B]],
    ]);
    expect(stored.providers[1]!.keys[0]).not.toHaveProperty('d');
    expect((await verifyIdentityCode(await sign(claims({ iss: ISSUER_B }), { key: providerB.privateKey, kid: KID_B }))).ok).toBe(true);
  });

  it('stops trusting a provider the server no longer lists', async () => {
    answer = async () => Response.json({ providers: [PROVIDERS_BODY.providers[0]] });
    expect(await refreshIdentityProviders()).toBe(true);
    expect(await verifyIdentityCode(await sign(claims({ iss: ISSUER_B }), { key: providerB.privateKey, kid: KID_B }))).toEqual({ ok: false, reason: 'unknown-key' });
    answer = async () => Response.json(PROVIDERS_BODY);
    expect(await refreshIdentityProviders()).toBe(true);
    expect((await verifyIdentityCode(await sign(claims({ iss: ISSUER_B }), { key: providerB.privateKey, kid: KID_B }))).ok).toBe(true);
  });
});
