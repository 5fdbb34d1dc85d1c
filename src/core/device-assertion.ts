/**
 * Device assertions: what kiosk-shell signs with its device key (a P-256 key made at enrollment,
 * whose private half never leaves the shell's key file) so that the hall server need not take a
 * terminal's word for anything that opens a citizen's certificates. Compact JWS, ES256 only,
 * `kid` the key's RFC 7638 thumbprint, `typ` saying which of two kinds it is:
 *
 * - a **card assertion** (`kiosk24-card+jwt`): "my reader read this card": the terminal, the
 *   card's number, a hash of its name, its type, when it was read, when this was signed and a
 *   counter that never repeats for the key. The shell signs only a card its reader holds.
 * - a **session assertion** (`kiosk24-session+jwt`): "give this terminal a session token": the
 *   terminal, when, and the counter.
 *
 * The rules here need no cryptography, so the shell (signing) and the server (checking) share
 * them; the signature itself is checked with jose on the server.
 */
import { ID_CARD_TYPES, type IdCardType } from './id-card.ts';
import { decodeSegment } from './identity-code.ts';

export const DEVICE_ALGORITHM = 'ES256';
export const CARD_ASSERTION_TYPE = 'kiosk24-card+jwt';
export const SESSION_ASSERTION_TYPE = 'kiosk24-session+jwt';
export type AssertionType = typeof CARD_ASSERTION_TYPE | typeof SESSION_ASSERTION_TYPE;

/** A card assertion is a few hundred bytes; anything much larger is refused unread. */
export const MAX_ASSERTION_BYTES = 1024;
/** An assertion opens certificates only this soon after it was signed (the two minutes). */
export const FRESH_ASSERTION_S = 120;
/** The shell's and the hall's clocks may disagree this much. */
export const ASSERTION_SKEW_S = 30;
/** A citizen's visit: a case is submitted at most this long after the card was read. */
export const MAX_VISIT_S = 30 * 60;
/**
 * How long a case may wait in a terminal's outbox and still carry the proof made at the terminal:
 * a hall closed over a long holiday. Later, the case is still taken, as typed (case-proof.ts).
 */
export const MAX_QUEUED_PROOF_AGE_S = 7 * 24 * 60 * 60;

/** Why an assertion proves nothing; `details.reason` of a 422 `card-assertion-refused`. */
export const ASSERTION_REFUSALS = [
  'oversized',
  'malformed',
  'algorithm',
  'wrong-type',
  'unknown-key',
  'bad-signature',
  'wrong-terminal',
  'stale',
  'not-yet-valid',
  'mismatch',
  'replayed',
  /** A proof older than two minutes, from a terminal without a device key: only a key-bound terminal has an outbox the hall trusts. */
  'not-key-bound',
] as const;
export type AssertionRefusal = (typeof ASSERTION_REFUSALS)[number];
export type AssertionChecked<T> = { ok: true; value: T } | { ok: false; reason: AssertionRefusal };

export interface CardAssertionClaims {
  terminalId: string;
  idNumber: string;
  /** base64url SHA-256 of the name as the card holds it (nameHash). */
  nameHash: string;
  cardType: IdCardType;
  /** Epoch ms: when the reader read the card. */
  readAt: number;
  /** Epoch seconds: when the shell signed. */
  issuedAt: number;
  /** Never repeats for a key: with the key's thumbprint, what makes each assertion usable once. */
  counter: number;
}

export interface SessionAssertionClaims {
  terminalId: string;
  issuedAt: number;
  counter: number;
}

/** The JSON payload of a card assertion, as the shell signs it. */
export function cardAssertionPayload(claims: CardAssertionClaims): Record<string, unknown> {
  return { tid: claims.terminalId, idn: claims.idNumber, nh: claims.nameHash, ct: claims.cardType, rt: claims.readAt, iat: claims.issuedAt, ctr: claims.counter };
}

export function sessionAssertionPayload(claims: SessionAssertionClaims): Record<string, unknown> {
  return { tid: claims.terminalId, iat: claims.issuedAt, ctr: claims.counter };
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;
const TERMINAL_ID = /^[0-9a-f-]{36}$/;
const NAME_HASH = /^[A-Za-z0-9_-]{43}$/;
const ID_NUMBER = /^[0-9A-Z]{15,18}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** Size, shape, algorithm and kind: everything said before a key is looked up. */
export function readAssertionHeader(jws: string, type: AssertionType): AssertionChecked<{ keyId: string }> {
  if (jws.length > MAX_ASSERTION_BYTES) return { ok: false, reason: 'oversized' };
  if (!COMPACT_JWS.test(jws)) return { ok: false, reason: 'malformed' };
  const header = decodeSegment(jws.slice(0, jws.indexOf('.')));
  if (!isRecord(header) || typeof header.alg !== 'string') return { ok: false, reason: 'malformed' };
  if (header.alg !== DEVICE_ALGORITHM) return { ok: false, reason: 'algorithm' };
  if (header.crit !== undefined) return { ok: false, reason: 'malformed' };
  if (header.typ !== type) return { ok: false, reason: 'wrong-type' };
  if (typeof header.kid !== 'string' || !THUMBPRINT.test(header.kid)) return { ok: false, reason: 'unknown-key' };
  return { ok: true, value: { keyId: header.kid } };
}

/** The card must have been read before the assertion was signed, and within a visit of it. */
export function checkReadInVisit(readAtMs: number, issuedAtS: number): AssertionChecked<true> {
  if (readAtMs > (issuedAtS + ASSERTION_SKEW_S) * 1000) return { ok: false, reason: 'malformed' };
  return issuedAtS * 1000 - readAtMs <= MAX_VISIT_S * 1000 ? { ok: true, value: true } : { ok: false, reason: 'stale' };
}

/** The claims of a verified card assertion of `terminalId`'s key. */
export function checkCardClaims(payload: unknown, terminalId: string): AssertionChecked<CardAssertionClaims> {
  if (!isRecord(payload)) return { ok: false, reason: 'malformed' };
  const { tid, idn, nh, ct, rt, iat, ctr } = payload;
  if (typeof tid !== 'string' || !TERMINAL_ID.test(tid)) return { ok: false, reason: 'malformed' };
  if (tid !== terminalId) return { ok: false, reason: 'wrong-terminal' };
  if (typeof idn !== 'string' || !ID_NUMBER.test(idn) || typeof nh !== 'string' || !NAME_HASH.test(nh)) return { ok: false, reason: 'malformed' };
  if (typeof ct !== 'string' || !(ID_CARD_TYPES as readonly string[]).includes(ct)) return { ok: false, reason: 'malformed' };
  if (!isCount(rt) || !isCount(iat) || !isCount(ctr)) return { ok: false, reason: 'malformed' };
  return { ok: true, value: { terminalId: tid, idNumber: idn, nameHash: nh, cardType: ct as IdCardType, readAt: rt, issuedAt: iat, counter: ctr } };
}

export function checkSessionClaims(payload: unknown, terminalId: string): AssertionChecked<SessionAssertionClaims> {
  if (!isRecord(payload)) return { ok: false, reason: 'malformed' };
  const { tid, iat, ctr } = payload;
  if (typeof tid !== 'string' || !TERMINAL_ID.test(tid) || !isCount(iat) || !isCount(ctr)) return { ok: false, reason: 'malformed' };
  if (tid !== terminalId) return { ok: false, reason: 'wrong-terminal' };
  return { ok: true, value: { terminalId: tid, issuedAt: iat, counter: ctr } };
}

/** Fresh enough to open certificates now: signed within the last two minutes. */
export function checkFresh(issuedAtS: number, nowS: number): AssertionChecked<true> {
  if (issuedAtS > nowS + ASSERTION_SKEW_S) return { ok: false, reason: 'not-yet-valid' };
  if (nowS - issuedAtS > FRESH_ASSERTION_S) return { ok: false, reason: 'stale' };
  return { ok: true, value: true };
}

/**
 * A proof carried by a case: fresh, or made during the visit in which the case was submitted
 * (`submittedAtS`, the terminal's word, is only believed within a visit after the proof and never
 * after the case arrived), for a case that waited in the outbox.
 */
export function checkMadeForSubmission(issuedAtS: number, submittedAtS: number, nowS: number): AssertionChecked<true> {
  if (checkFresh(issuedAtS, nowS).ok) return { ok: true, value: true };
  if (issuedAtS > nowS + ASSERTION_SKEW_S) return { ok: false, reason: 'not-yet-valid' };
  if (nowS - issuedAtS > MAX_QUEUED_PROOF_AGE_S) return { ok: false, reason: 'stale' };
  if (submittedAtS > nowS + ASSERTION_SKEW_S || submittedAtS + ASSERTION_SKEW_S < issuedAtS) return { ok: false, reason: 'stale' };
  return submittedAtS - issuedAtS <= MAX_VISIT_S ? { ok: true, value: true } : { ok: false, reason: 'stale' };
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The name as the assertion carries it: SHA-256 of the NFC form without surrounding space, base64url. */
export async function nameHash(name: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(name.normalize('NFC').trim()));
  return base64url(new Uint8Array(digest));
}
