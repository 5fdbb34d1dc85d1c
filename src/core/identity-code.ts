/**
 * The identity QR code (DESIGN.md, "Identity QR code"): a compact JWS, ES256 only, issued by a
 * trusted identity-code provider for a person (resident ID number) or an enterprise (unified
 * social credit code). This module holds the rules that need no cryptography, so both the PWA
 * (offline, before and after jose checks the signature) and the hall server apply the same ones:
 * the size and shape checked before anything is parsed, the header, and the claims.
 */
import { checkCreditCode } from './credit-code.ts';
import { checkIdNumber } from './id-number.ts';

/** Refused before parsing: a real code is a few hundred bytes. */
export const MAX_CODE_BYTES = 2048;
/** `exp` at most 5 minutes after `iat`. */
export const MAX_LIFETIME_S = 300;
/** Clocks of phone, provider and terminal may disagree this much. */
export const CLOCK_SKEW_S = 60;
export const CODE_ALGORITHM = 'ES256';

/** Why a code identifies nobody; each maps to a citizen-facing message `code.<reason>`. */
export const IDENTITY_CODE_REFUSALS = [
  'oversized',
  'malformed',
  'algorithm',
  'unknown-issuer',
  'unknown-key',
  'bad-signature',
  'expired',
  'not-yet-valid',
  'lifetime',
  'replayed',
  'bad-subject',
] as const;
export type IdentityCodeRefusal = (typeof IDENTITY_CODE_REFUSALS)[number];

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: IdentityCodeRefusal };

export interface IdentityClaims {
  issuer: string;
  /** An 18-character resident ID number (person) or unified social credit code (enterprise). */
  subject: string;
  subjectKind: 'person' | 'enterprise';
  name: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
  /** The code's unique id: a code is accepted once, on any terminal. */
  tokenId: string;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const KEY_ID = /^[\x21-\x7e]{1,128}$/;
const TOKEN_ID = /^[\x21-\x7e]{8,128}$/;
const MAX_NAME = 64;
const MAX_ISSUER = 256;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Decodes one base64url segment as UTF-8 JSON; undefined when it is not. */
export function decodeSegment(segment: string): unknown {
  try {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    return decodeJsonBytes(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** Decodes UTF-8 JSON bytes (a verified payload); undefined when they are not. */
export function decodeJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Everything that can be said before the signature is checked: size, shape, the header's
 * algorithm and key id. The key id then picks the provider key to verify with.
 */
export function readCodeHeader(code: string): Checked<{ keyId: string }> {
  if (new TextEncoder().encode(code).length > MAX_CODE_BYTES) return { ok: false, reason: 'oversized' };
  if (!COMPACT_JWS.test(code)) return { ok: false, reason: 'malformed' };
  const header = decodeSegment(code.slice(0, code.indexOf('.')));
  if (!isRecord(header) || typeof header.alg !== 'string') return { ok: false, reason: 'malformed' };
  if (header.alg !== CODE_ALGORITHM) return { ok: false, reason: 'algorithm' };
  // Extensions a verifier must understand (`crit`) are none that this one does.
  if (header.crit !== undefined) return { ok: false, reason: 'malformed' };
  if (typeof header.kid !== 'string' || !KEY_ID.test(header.kid)) return { ok: false, reason: 'unknown-key' };
  return { ok: true, value: { keyId: header.kid } };
}

const isWholeSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

function subjectKind(subject: string): IdentityClaims['subjectKind'] | null {
  if (/^\d{17}[\dXx]$/.test(subject)) return checkIdNumber(subject).ok ? 'person' : null;
  return checkCreditCode(subject).ok ? 'enterprise' : null;
}

/**
 * The claims of a code whose signature checked out with a key of `issuer`, at `nowS` (seconds).
 * Replay is the caller's to check, with the returned token id.
 */
export function checkClaims(payload: unknown, issuer: string, nowS: number): Checked<IdentityClaims> {
  if (!isRecord(payload)) return { ok: false, reason: 'malformed' };
  const { iss, sub, name, iat, exp, jti } = payload;
  if (typeof iss !== 'string' || iss.length > MAX_ISSUER || iss !== issuer) return { ok: false, reason: 'unknown-issuer' };
  if (!isWholeSeconds(iat) || !isWholeSeconds(exp) || typeof jti !== 'string' || !TOKEN_ID.test(jti)) return { ok: false, reason: 'malformed' };
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME) return { ok: false, reason: 'malformed' };
  if (exp <= iat || exp - iat > MAX_LIFETIME_S) return { ok: false, reason: 'lifetime' };
  if (nowS > exp + CLOCK_SKEW_S) return { ok: false, reason: 'expired' };
  if (nowS < iat - CLOCK_SKEW_S) return { ok: false, reason: 'not-yet-valid' };
  if (typeof sub !== 'string') return { ok: false, reason: 'bad-subject' };
  const kind = subjectKind(sub);
  if (!kind) return { ok: false, reason: 'bad-subject' };
  return {
    ok: true,
    value: { issuer: iss, subject: sub.toUpperCase(), subjectKind: kind, name: name.trim(), issuedAt: iat, expiresAt: exp, tokenId: jti },
  };
}

/** A provider's public key as a verifier holds it: the JWK and the issuer it signs for. */
export interface ProviderKey {
  issuer: string;
  jwk: JsonWebKey & { kid: string };
}

export type SignatureCheck = { ok: true; payload: unknown } | { ok: false; reason: 'bad-signature' | 'malformed' };

/** What a verifier supplies: its keys, its cryptography, its clock and its record of used codes. */
export interface IdentityCodeCheckOptions {
  keyFor(kid: string): ProviderKey | undefined;
  /** Checks the ES256 signature of `code` with `key`; `payload` is the decoded JSON payload. */
  verifySignature(code: string, key: ProviderKey): Promise<SignatureCheck>;
  nowS: number;
  /**
   * Records the code's (issuer, jti) until expiresAtS (seconds: the code's exp plus the clock
   * skew, the last moment it could still be accepted); false when it was already there (replay).
   */
  claimTokenId(issuer: string, tokenId: string, expiresAtS: number): Promise<boolean>;
}

/**
 * Every step of checking a code, in one order for the PWA and the server: header (size, shape,
 * algorithm, key id), key lookup, signature, claims, and only then the token id, so that a code
 * refused for any other reason does not use up its jti. It never throws: a callback that throws
 * refuses the code. A verifySignature that throws counts as 'malformed'; a claimTokenId that
 * throws (storage broken or full) as 'replayed', since the code cannot be shown to be unused.
 */
export async function checkIdentityCode(code: string, options: IdentityCodeCheckOptions): Promise<Checked<IdentityClaims>> {
  const header = readCodeHeader(code);
  if (!header.ok) return header;
  const key = keyOrUndefined(options, header.value.keyId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  let signature: SignatureCheck;
  try {
    signature = await options.verifySignature(code, key);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!signature?.ok) return { ok: false, reason: signature?.reason === 'bad-signature' ? 'bad-signature' : 'malformed' };
  const claims = checkClaims(signature.payload, key.issuer, options.nowS);
  if (!claims.ok) return claims;
  let unused = false;
  try {
    unused = await options.claimTokenId(claims.value.issuer, claims.value.tokenId, claims.value.expiresAt + CLOCK_SKEW_S);
  } catch {
    // Refuse rather than risk accepting a code twice; the citizen can still use the ID card.
  }
  return unused === true ? claims : { ok: false, reason: 'replayed' };
}

function keyOrUndefined(options: IdentityCodeCheckOptions, keyId: string): ProviderKey | undefined {
  try {
    return options.keyFor(keyId);
  } catch {
    return undefined;
  }
}

/**
 * Whether a scanned text is meant as an identity code (a JWS: three base64url parts, the first a
 * JSON header, so "eyJ…"), as opposed to a booking code or anything else a scanner reads. Such a
 * text is then checked, and refused with a reason if it is no good one.
 */
export function looksLikeIdentityCode(text: string): boolean {
  return text.startsWith('eyJ') || /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/.test(text);
}
