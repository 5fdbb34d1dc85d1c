import { describe, expect, it } from 'vitest';
import {
  ASSERTION_SKEW_S,
  cardAssertionPayload,
  checkCardClaims,
  checkFresh,
  checkMadeForSubmission,
  checkSessionClaims,
  FRESH_ASSERTION_S,
  MAX_ASSERTION_BYTES,
  MAX_QUEUED_PROOF_AGE_S,
  MAX_VISIT_S,
  nameHash,
  readAssertionHeader,
} from './device-assertion.ts';

const TERMINAL = '0f8e2d4c-1b3a-4c5d-9e7f-123456789abc';
const KID = 'A'.repeat(43);
const b64 = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jws = (header: unknown, payload: unknown = {}) => `${b64(header)}.${b64(payload)}.c2lnbmF0dXJl`;

describe('device assertions', () => {
  it('reads the key of a card assertion from its header, and refuses any other algorithm, kind or shape', () => {
    expect(readAssertionHeader(jws({ alg: 'ES256', typ: 'kiosk24-card+jwt', kid: KID }), 'kiosk24-card+jwt')).toEqual({ ok: true, value: { keyId: KID } });
    expect(readAssertionHeader(jws({ alg: 'HS256', typ: 'kiosk24-card+jwt', kid: KID }), 'kiosk24-card+jwt')).toEqual({ ok: false, reason: 'algorithm' });
    expect(readAssertionHeader(jws({ alg: 'none', typ: 'kiosk24-card+jwt', kid: KID }), 'kiosk24-card+jwt')).toEqual({ ok: false, reason: 'algorithm' });
    expect(readAssertionHeader(jws({ alg: 'ES256', typ: 'kiosk24-session+jwt', kid: KID }), 'kiosk24-card+jwt')).toEqual({ ok: false, reason: 'wrong-type' });
    expect(readAssertionHeader(jws({ alg: 'ES256', typ: 'kiosk24-card+jwt', kid: 'short' }), 'kiosk24-card+jwt')).toEqual({ ok: false, reason: 'unknown-key' });
    expect(readAssertionHeader(jws({ alg: 'ES256', typ: 'kiosk24-card+jwt', kid: KID, crit: ['x'] }), 'kiosk24-card+jwt')).toEqual({ ok: false, reason: 'malformed' });
    expect(readAssertionHeader('not.a.jws!', 'kiosk24-card+jwt')).toEqual({ ok: false, reason: 'malformed' });
    expect(readAssertionHeader(`${'A'.repeat(MAX_ASSERTION_BYTES)}.a.b`, 'kiosk24-card+jwt')).toEqual({ ok: false, reason: 'oversized' });
  });

  it('reads the claims of a card assertion for its own terminal only', async () => {
    const claims = { terminalId: TERMINAL, idNumber: '11010119900307123X', nameHash: await nameHash('林示范'), cardType: 'resident' as const, readAt: 1_764_000_000_000, issuedAt: 1_764_000_000, counter: 7 };
    const payload = cardAssertionPayload(claims);
    expect(checkCardClaims(payload, TERMINAL)).toEqual({ ok: true, value: claims });
    expect(checkCardClaims(payload, '11111111-2222-3333-4444-555555555555')).toEqual({ ok: false, reason: 'wrong-terminal' });
    for (const broken of [{ ...payload, ctr: 0 }, { ...payload, ct: 'passport' }, { ...payload, nh: 'x' }, { ...payload, idn: 12 }, { ...payload, iat: 1.5 }, null, []]) {
      expect(checkCardClaims(broken, TERMINAL)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(checkSessionClaims({ tid: TERMINAL, iat: 1, ctr: 1 }, TERMINAL)).toEqual({ ok: true, value: { terminalId: TERMINAL, issuedAt: 1, counter: 1 } });
    expect(checkSessionClaims({ tid: TERMINAL, iat: 1 }, TERMINAL)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('hashes the name as the card holds it, whatever space or Unicode form surrounds it', async () => {
    expect(await nameHash(' 林示范 ')).toBe(await nameHash('林示范'));
    expect(await nameHash('Zoe\u0301')).toBe(await nameHash('Zoé'));
    expect(await nameHash('林示范')).not.toBe(await nameHash('林示'));
    expect(await nameHash('林示范')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('opens certificates with an assertion of the last two minutes only', () => {
    const now = 1_764_000_000;
    expect(checkFresh(now - FRESH_ASSERTION_S, now).ok).toBe(true);
    expect(checkFresh(now - FRESH_ASSERTION_S - 1, now)).toEqual({ ok: false, reason: 'stale' });
    expect(checkFresh(now + ASSERTION_SKEW_S, now).ok).toBe(true);
    expect(checkFresh(now + ASSERTION_SKEW_S + 1, now)).toEqual({ ok: false, reason: 'not-yet-valid' });
  });

  it('takes an older proof for a case submitted during the visit it was made in, within the outbox’s time', () => {
    const madeAt = 1_764_000_000;
    const hours = (h: number) => madeAt + h * 3600;
    expect(checkMadeForSubmission(madeAt, madeAt + 300, hours(3)).ok).toBe(true);
    expect(checkMadeForSubmission(madeAt, madeAt + MAX_VISIT_S, hours(3)).ok).toBe(true);
    expect(checkMadeForSubmission(madeAt, madeAt + MAX_VISIT_S + 1, hours(3))).toEqual({ ok: false, reason: 'stale' });
    // Submitted before the card was read, or after the case arrived: the terminal's word does not add up.
    expect(checkMadeForSubmission(madeAt, madeAt - ASSERTION_SKEW_S - 1, hours(3))).toEqual({ ok: false, reason: 'stale' });
    expect(checkMadeForSubmission(madeAt, hours(4), hours(3))).toEqual({ ok: false, reason: 'stale' });
    expect(checkMadeForSubmission(madeAt, madeAt + 60, madeAt + MAX_QUEUED_PROOF_AGE_S + 1)).toEqual({ ok: false, reason: 'stale' });
    // Fresh proofs need no story about the visit.
    expect(checkMadeForSubmission(madeAt, madeAt - 3600, madeAt + 60).ok).toBe(true);
  });
});
