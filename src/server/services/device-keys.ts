/**
 * Device keys on the hall server: the public key kiosk-shell registered at enrollment, and the
 * assertions it signs with the private half (src/core/device-assertion.ts). A card identity is
 * believed only with a card assertion of the terminal's own key; a device token alone (which may
 * be copied from a kiosk PC's disk) opens nobody's certificates.
 */
import { calculateJwkThumbprint, compactVerify, errors, importJWK, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import {
  checkCardClaims,
  checkFresh,
  checkMadeForSubmission,
  checkReadInVisit,
  DEVICE_ALGORITHM,
  MAX_QUEUED_PROOF_AGE_S,
  nameHash,
  readAssertionHeader,
  type AssertionChecked,
  type AssertionType,
  type CardAssertionClaims,
} from '../../core/device-assertion.ts';
import { decodeJsonBytes } from '../../core/identity-code.ts';
import type { HallContext } from '../context.ts';
import type { Database, TerminalRow } from '../db/schema.ts';
import { sha256 } from '../security.ts';
import { parsePublicP256 } from './identity-providers.ts';
import { fail, type Result } from './result.ts';

export interface DeviceKey {
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** RFC 7638 thumbprint: the `kid` of every assertion the key signs. */
  keyId: string;
}

/** The public device key a shell sends at enrollment; refused unless it is a usable P-256 point. */
export async function parseDeviceKey(value: unknown): Promise<Result<DeviceKey>> {
  const parsed = parsePublicP256(value);
  if (!parsed.ok) return fail(400, 'invalid-device-key', `The device key ${parsed.problem}`);
  try {
    // Importing checks that the point is on the curve: a key nobody can sign for is no key.
    await importJWK(parsed.value, DEVICE_ALGORITHM);
  } catch {
    return fail(400, 'invalid-device-key', 'The device key is not a point of P-256');
  }
  return { ok: true, value: { jwk: parsed.value, keyId: await calculateJwkThumbprint(parsed.value) } };
}

/** Imported keys by thumbprint: importing is the costly part of a verification. */
const importedKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();
const MAX_IMPORTED_KEYS = 10_000;

function importedKey(keyId: string, jwkText: string): Promise<CryptoKey | Uint8Array> {
  let imported = importedKeys.get(keyId);
  if (!imported) {
    if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.clear();
    imported = importJWK(JSON.parse(jwkText) as JWK, DEVICE_ALGORITHM);
    importedKeys.set(keyId, imported);
    imported.catch(() => importedKeys.delete(keyId));
  }
  return imported;
}

/** A verified assertion's payload and the key that signed it. */
interface Verified {
  payload: unknown;
  keyId: string;
}

/**
 * Checks an assertion's header and its signature with `terminal`'s device key. A terminal
 * without one (a plain browser, or enrolled before device keys) can assert nothing.
 */
export async function verifyAssertionOf(terminal: Pick<TerminalRow, 'device_key' | 'key_id'>, jws: string, type: AssertionType): Promise<AssertionChecked<Verified>> {
  const header = readAssertionHeader(jws, type);
  if (!header.ok) return header;
  if (!terminal.device_key || !terminal.key_id || header.value.keyId !== terminal.key_id) return { ok: false, reason: 'unknown-key' };
  try {
    const { payload } = await compactVerify(jws, await importedKey(terminal.key_id, terminal.device_key), { algorithms: [DEVICE_ALGORITHM] });
    const decoded = decodeJsonBytes(payload);
    return decoded === undefined ? { ok: false, reason: 'malformed' } : { ok: true, value: { payload: decoded, keyId: terminal.key_id } };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWSSignatureVerificationFailed ? 'bad-signature' : 'malformed' };
  }
}

/** The terminal whose device key has this thumbprint (for a session assertion, which names no token). */
export async function terminalByKeyId(db: Kysely<Database>, keyId: string): Promise<TerminalRow | undefined> {
  return db.selectFrom('terminals').selectAll().where('key_id', '=', keyId).where('revoked_at', 'is', null).executeTakeFirst();
}

export interface ProofUse {
  /** What the proof is, e.g. `card\n<key id>\n<counter>`; stored as its SHA-256. */
  what: string;
  /** The request it serves, e.g. `consent:<clientId>`: a repeat of that request may use it again. */
  usedBy: string;
  terminalId: string;
  /** Epoch ms after which the proof could not be accepted anyway, so its record may go. */
  expiresAt: number;
}

/**
 * Records that a proof served a request; false when it already served another one. Idempotent
 * for the same request, so a case that is sent again after a lost answer, or a consent retried
 * with its clientId, is not refused as a replay of itself.
 */
export async function claimProofUse(db: Kysely<Database>, use: ProofUse, nowMs: number): Promise<boolean> {
  await db.deleteFrom('proof_uses').where('expires_at', '<', nowMs).execute();
  const key = sha256(use.what);
  const inserted = await db
    .insertInto('proof_uses')
    .values({ use_key: key, used_by: use.usedBy, terminal_id: use.terminalId, expires_at: use.expiresAt })
    .onConflict((oc) => oc.column('use_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
  const earlier = await db.selectFrom('proof_uses').select('used_by').where('use_key', '=', key).executeTakeFirst();
  return earlier?.used_by === use.usedBy;
}

/** When the card assertion must have been made: just now (a consent), or for a case's submission. */
export type AssertionTiming = { kind: 'now' } | { kind: 'submission'; submittedAtMs: number };

/** The holder the terminal says the card names; the assertion must name the same. */
export interface ClaimedCardHolder {
  idNumber: string;
  name: string;
}

/**
 * A card identity as the server accepts it: an assertion signed by this terminal's device key,
 * for this card (number and name), made at the right time, never used for another request.
 */
export async function verifyCardAssertion(
  ctx: HallContext,
  terminal: TerminalRow,
  assertion: string,
  holder: ClaimedCardHolder,
  timing: AssertionTiming,
  usedBy: string,
): Promise<AssertionChecked<CardAssertionClaims>> {
  const verified = await verifyAssertionOf(terminal, assertion, 'kiosk24-card+jwt');
  if (!verified.ok) return verified;
  const claims = checkCardClaims(verified.value.payload, terminal.id);
  if (!claims.ok) return claims;
  const { issuedAt, idNumber, nameHash: signedNameHash, counter, readAt } = claims.value;
  if (idNumber !== holder.idNumber.toUpperCase() || signedNameHash !== (await nameHash(holder.name))) return { ok: false, reason: 'mismatch' };
  // A card left on the reader is not the next citizen's: no assertion long after its read counts.
  const read = checkReadInVisit(readAt, issuedAt);
  if (!read.ok) return read;
  const nowMs = ctx.clock.now();
  const nowS = Math.floor(nowMs / 1000);
  const timely = timing.kind === 'now' ? checkFresh(issuedAt, nowS) : checkMadeForSubmission(issuedAt, Math.floor(timing.submittedAtMs / 1000), nowS);
  if (!timely.ok) return timely;
  const unused = await claimProofUse(
    ctx.db,
    { what: `card\n${verified.value.keyId}\n${counter}`, usedBy, terminalId: terminal.id, expiresAt: (issuedAt + MAX_QUEUED_PROOF_AGE_S) * 1000 + 60_000 },
    nowMs,
  );
  return unused ? claims : { ok: false, reason: 'replayed' };
}
