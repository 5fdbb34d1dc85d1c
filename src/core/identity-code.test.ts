import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { creditCodeCheckChar } from './credit-code.ts';
import { idCheckChar } from './id-number.ts';
import {
  checkClaims,
  checkIdentityCode,
  CLOCK_SKEW_S,
  MAX_CODE_BYTES,
  readCodeHeader,
  type IdentityCodeCheckOptions,
  type ProviderKey,
  type SignatureCheck,
} from './identity-code.ts';

const ISSUER = 'https://idcode.example.invalid';
const PERSON = `99010119800101001${idCheckChar('99010119800101001')}`;
const ENTERPRISE = `91990101MA0000001${creditCodeCheckChar('91990101MA0000001')}`;
const NOW = 1_790_000_000;

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const code = (header: unknown, payload: unknown = {}) => `${segment(header)}.${segment(payload)}.c2lnbmF0dXJl`;
const claims = (overrides: Record<string, unknown> = {}) => ({ iss: ISSUER, sub: PERSON, name: '演示人', iat: NOW - 10, exp: NOW + 200, jti: 'jti-0001-abcd', ...overrides });

describe('identity code header, before any cryptography', () => {
  it('reads the key id of an ES256 code', () => {
    expect(readCodeHeader(code({ alg: 'ES256', kid: 'demo-2026' }))).toEqual({ ok: true, value: { keyId: 'demo-2026' } });
  });

  it('refuses any other algorithm, including none and HS256', () => {
    for (const alg of ['HS256', 'none', 'RS256', 'ES384', 'es256']) expect(readCodeHeader(code({ alg, kid: 'k' }))).toEqual({ ok: false, reason: 'algorithm' });
  });

  it('refuses oversized input before looking at it, and anything that is not a compact JWS', () => {
    expect(readCodeHeader('a'.repeat(MAX_CODE_BYTES + 1))).toEqual({ ok: false, reason: 'oversized' });
    expect(readCodeHeader('示'.repeat(700))).toEqual({ ok: false, reason: 'oversized' });
    for (const text of ['', 'YY0001', 'a.b', 'a.b.c.d', 'a..c', `${segment([1])}.e30.c2ln`, 'bm90IGpzb24.e30.c2ln', code({ alg: 'ES256', kid: 'k', crit: ['x'] })]) {
      expect(readCodeHeader(text)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(readCodeHeader(code({ alg: 'ES256' }))).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        expect(readCodeHeader(text).ok).toBeTypeOf('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (header, payload) => {
        readCodeHeader(code(header, payload));
        checkClaims(payload, ISSUER, NOW);
      }),
    );
  });
});

describe('identity code claims', () => {
  it('accepts a person code and an enterprise code', () => {
    expect(checkClaims(claims(), ISSUER, NOW)).toMatchObject({ ok: true, value: { subject: PERSON, subjectKind: 'person', tokenId: 'jti-0001-abcd' } });
    expect(checkClaims(claims({ sub: ENTERPRISE }), ISSUER, NOW)).toMatchObject({ ok: true, value: { subjectKind: 'enterprise' } });
  });

  it('allows 60 s of clock skew either way and not one second more', () => {
    const window = claims({ iat: NOW, exp: NOW + 300 });
    expect(checkClaims(window, ISSUER, NOW + 360).ok).toBe(true);
    expect(checkClaims(window, ISSUER, NOW + 361)).toEqual({ ok: false, reason: 'expired' });
    expect(checkClaims(window, ISSUER, NOW - 60).ok).toBe(true);
    expect(checkClaims(window, ISSUER, NOW - 61)).toEqual({ ok: false, reason: 'not-yet-valid' });
  });

  it('refuses a lifetime over 5 minutes, another issuer, a bad check character and missing claims', () => {
    expect(checkClaims(claims({ iat: NOW, exp: NOW + 301 }), ISSUER, NOW)).toEqual({ ok: false, reason: 'lifetime' });
    expect(checkClaims(claims({ iat: NOW, exp: NOW }), ISSUER, NOW)).toEqual({ ok: false, reason: 'lifetime' });
    expect(checkClaims(claims({ iss: 'https://other.invalid' }), ISSUER, NOW)).toEqual({ ok: false, reason: 'unknown-issuer' });
    const wrongCheck = PERSON.slice(0, 17) + (PERSON[17] === '0' ? '1' : '0');
    expect(checkClaims(claims({ sub: wrongCheck }), ISSUER, NOW)).toEqual({ ok: false, reason: 'bad-subject' });
    const wrongCredit = ENTERPRISE.slice(0, 17) + (ENTERPRISE[17] === 'Y' ? 'X' : 'Y');
    expect(checkClaims(claims({ sub: wrongCredit }), ISSUER, NOW)).toEqual({ ok: false, reason: 'bad-subject' });
    expect(checkClaims(claims({ jti: undefined }), ISSUER, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkClaims(claims({ name: ' ' }), ISSUER, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkClaims(claims({ iat: '1790000000' }), ISSUER, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('checking a whole identity code, with the cryptography supplied', () => {
  const KEY: ProviderKey = { issuer: ISSUER, jwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'demo-2026' } };
  const signed = (payload: unknown = claims()) => code({ alg: 'ES256', kid: 'demo-2026' }, payload);

  /** Callbacks that accept everything: the signature says the payload is the code's own. */
  function fakes(overrides: Partial<IdentityCodeCheckOptions> = {}) {
    const seen = new Set<string>();
    const options = {
      keyFor: vi.fn((kid: string) => (kid === KEY.jwk.kid ? KEY : undefined)),
      verifySignature: vi.fn(async (text: string): Promise<SignatureCheck> => ({ ok: true, payload: JSON.parse(Buffer.from(text.split('.')[1]!, 'base64url').toString()) })),
      nowS: NOW,
      claimTokenId: vi.fn(async (issuer: string, tokenId: string) => !seen.has(`${issuer}\n${tokenId}`) && !!seen.add(`${issuer}\n${tokenId}`)),
      ...overrides,
    };
    return options;
  }

  it('accepts a good code once, recording its token id until exp plus the clock skew', async () => {
    const options = fakes();
    expect(await checkIdentityCode(signed(), options)).toMatchObject({ ok: true, value: { subject: PERSON, tokenId: 'jti-0001-abcd' } });
    expect(options.claimTokenId).toHaveBeenCalledWith(ISSUER, 'jti-0001-abcd', NOW + 200 + CLOCK_SKEW_S);
    expect(await checkIdentityCode(signed(), options)).toEqual({ ok: false, reason: 'replayed' });
    expect((await checkIdentityCode(signed(claims({ jti: 'jti-0002-abcd' })), options)).ok).toBe(true);
  });

  it('refuses on the header alone without looking up a key or checking a signature', async () => {
    const options = fakes();
    expect(await checkIdentityCode('a'.repeat(MAX_CODE_BYTES + 1), options)).toEqual({ ok: false, reason: 'oversized' });
    expect(await checkIdentityCode('not a code', options)).toEqual({ ok: false, reason: 'malformed' });
    expect(await checkIdentityCode(code({ alg: 'HS256', kid: 'demo-2026' }, claims()), options)).toEqual({ ok: false, reason: 'algorithm' });
    expect(await checkIdentityCode(code({ alg: 'ES256' }, claims()), options)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(options.keyFor).not.toHaveBeenCalled();
    expect(options.verifySignature).not.toHaveBeenCalled();
  });

  it('refuses a key id it has no key for, without checking a signature', async () => {
    const options = fakes();
    expect(await checkIdentityCode(code({ alg: 'ES256', kid: 'other' }, claims()), options)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(await checkIdentityCode(signed(), fakes({ keyFor: () => { throw new Error('broken key store'); } }))).toEqual({ ok: false, reason: 'unknown-key' });
    expect(options.verifySignature).not.toHaveBeenCalled();
  });

  it('passes on the signature check\'s refusal, and counts a throwing check as malformed', async () => {
    const bad = fakes({ verifySignature: async () => ({ ok: false, reason: 'bad-signature' }) });
    expect(await checkIdentityCode(signed(), bad)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await checkIdentityCode(signed(), fakes({ verifySignature: async () => ({ ok: false, reason: 'malformed' }) }))).toEqual({ ok: false, reason: 'malformed' });
    expect(await checkIdentityCode(signed(), fakes({ verifySignature: () => Promise.reject(new Error('no crypto')) }))).toEqual({ ok: false, reason: 'malformed' });
    expect(await checkIdentityCode(signed(), fakes({ verifySignature: () => { throw new Error('sync'); } }))).toEqual({ ok: false, reason: 'malformed' });
    expect(bad.claimTokenId).not.toHaveBeenCalled();
  });

  it('checks the claims against the issuer of the key that signed, not the one the payload names', async () => {
    const options = fakes();
    expect(await checkIdentityCode(signed(claims({ iss: 'https://other.invalid' })), options)).toEqual({ ok: false, reason: 'unknown-issuer' });
    expect(options.claimTokenId).not.toHaveBeenCalled();
  });

  it('does not use up the token id of a code refused for its claims', async () => {
    const options = fakes();
    for (const [overrides, reason] of [
      [{ iat: NOW - 500, exp: NOW - 300 }, 'expired'],
      [{ iat: NOW + 100, exp: NOW + 200 }, 'not-yet-valid'],
      [{ iat: NOW, exp: NOW + 301 }, 'lifetime'],
      [{ sub: PERSON.slice(0, 17) + (PERSON[17] === '0' ? '1' : '0') }, 'bad-subject'],
    ] as const) {
      expect(await checkIdentityCode(signed(claims(overrides)), options)).toEqual({ ok: false, reason });
    }
    expect(options.claimTokenId).not.toHaveBeenCalled();
    expect((await checkIdentityCode(signed(), options)).ok).toBe(true);
  });

  it('refuses as replayed when the record of used codes cannot be written', async () => {
    const options = fakes({ claimTokenId: () => Promise.reject(new Error('QuotaExceededError')) });
    expect(await checkIdentityCode(signed(), options)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('never throws, whatever the code and whatever the callbacks do', async () => {
    const outcome = fc.oneof(fc.constant('ok'), fc.constant('refuse'), fc.constant('throw'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue().map((payload) => signed(payload))), outcome, outcome, async (text, signature, claim) => {
        const result = await checkIdentityCode(text, {
          keyFor: () => KEY,
          nowS: NOW,
          verifySignature: async (): Promise<SignatureCheck> => {
            if (signature === 'throw') throw new Error('verify');
            return signature === 'ok' ? { ok: true, payload: claims() } : { ok: false, reason: 'bad-signature' };
          },
          claimTokenId: async () => {
            if (claim === 'throw') throw new Error('claim');
            return claim === 'ok';
          },
        });
        expect(result.ok).toBeTypeOf('boolean');
      }),
    );
  });
});
