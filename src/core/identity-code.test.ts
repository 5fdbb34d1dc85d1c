import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from './credit-code.ts';
import { idCheckChar } from './id-number.ts';
import { checkClaims, MAX_CODE_BYTES, readCodeHeader } from './identity-code.ts';

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
