/**
 * Identity codes on the server: verified again at the certificate lookup (the terminal's offline
 * check is not trusted on its own), each code accepted once across every terminal of the hall.
 * Also the demo provider, whose private key lives in a demo hall's secrets directory (never in
 * the database) so that development and tests can mint codes (`npm run hall -- mint-code`, the
 * admin page).
 */
import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, CompactSign, compactVerify, errors, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import { checkIdentityCode, CODE_ALGORITHM, decodeJsonBytes, MAX_LIFETIME_S, type Checked, type IdentityClaims, type ProviderKey, type SignatureCheck } from '../../core/identity-code.ts';
import { MAX_QUEUED_PROOF_AGE_S } from '../../core/device-assertion.ts';
import type { HallContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { sha256 } from '../security.ts';
import { providerKeyLookup, trustProvider } from './identity-providers.ts';

/** Imported keys by kid and coordinates: importing is the costly part of a verification. */
const importedKeys = new Map<string, Promise<CryptoKey | Uint8Array>>();

function importedKey(key: ProviderKey): Promise<CryptoKey | Uint8Array> {
  const id = `${key.jwk.kid}\n${key.jwk.x}\n${key.jwk.y}`;
  let imported = importedKeys.get(id);
  if (!imported) {
    imported = importJWK(key.jwk as JWK, CODE_ALGORITHM);
    importedKeys.set(id, imported);
    // A key that failed to import may be replaced by a good one under the same kid later.
    imported.catch(() => importedKeys.delete(id));
  }
  return imported;
}

export async function verifySignatureWithJose(code: string, key: ProviderKey): Promise<SignatureCheck> {
  try {
    const { payload } = await compactVerify(code, await importedKey(key), { algorithms: [CODE_ALGORITHM] });
    const claims = decodeJsonBytes(payload);
    return claims === undefined ? { ok: false, reason: 'malformed' } : { ok: true, payload: claims };
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWSSignatureVerificationFailed ? 'bad-signature' : 'malformed' };
  }
}

/**
 * Stores the code's (issuer, jti); false when another terminal used it. The terminal that claimed
 * it may show it again: that is the same citizen going on from one purpose to the next in their
 * visit (the terminal itself refuses a code scanned a second time), or a case of that visit
 * arriving later from the terminal's outbox; a copy of the code taken to any other terminal is
 * refused. The claim is kept as long as such a case may still arrive.
 */
async function claimTokenId(db: Kysely<Database>, terminalId: string, issuer: string, tokenId: string, expiresAtS: number, nowMs: number): Promise<boolean> {
  await db.deleteFrom('identity_code_uses').where('expires_at', '<', nowMs).execute();
  const key = sha256(`${issuer}\n${tokenId}`);
  const inserted = await db
    .insertInto('identity_code_uses')
    .values({ token_key: key, terminal_id: terminalId, expires_at: (expiresAtS + MAX_QUEUED_PROOF_AGE_S) * 1000 })
    .onConflict((oc) => oc.column('token_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
  const claimed = await db.selectFrom('identity_code_uses').select('terminal_id').where('token_key', '=', key).executeTakeFirst();
  return claimed?.terminal_id === terminalId;
}

/**
 * A code as the hall accepts it from `terminalId`: valid now, or, for a case that waited in the
 * terminal's outbox, valid at `atMs`, when the citizen submitted it (the caller bounds how far back).
 */
export async function verifyIdentityCodeOnServer(ctx: HallContext, code: string, terminalId: string, atMs?: number): Promise<Checked<IdentityClaims>> {
  const nowMs = ctx.clock.now();
  return checkIdentityCode(code, {
    keyFor: await providerKeyLookup(ctx.db),
    verifySignature: verifySignatureWithJose,
    nowS: Math.floor((atMs ?? nowMs) / 1000),
    claimTokenId: (issuer, tokenId, expiresAtS) => claimTokenId(ctx.db, terminalId, issuer, tokenId, expiresAtS, nowMs),
  });
}

/** The demo provider's issuer: `.invalid` so that no real provider can ever be mistaken for it. */
export const DEMO_ISSUER = 'https://idcode.demo.kiosk24.invalid';

async function newDemoKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(CODE_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  jwk.kid = `demo-${(await calculateJwkThumbprint(jwk)).slice(0, 12)}`;
  jwk.alg = CODE_ALGORITHM;
  return jwk;
}

/** Makes the demo provider's key pair once and trusts its public key; a demo hall only. */
export async function ensureDemoProvider(ctx: HallContext): Promise<void> {
  const kept = (ctx.demoIdentityKey.read() ?? ctx.demoIdentityKey.keep((await newDemoKey()) as Record<string, unknown>)) as JWK;
  const { d: _private, ...publicJwk } = kept;
  const row = await ctx.db.selectFrom('identity_providers').select('jwks').where('issuer', '=', DEMO_ISSUER).executeTakeFirst();
  const trusted = row ? (JSON.parse(row.jwks) as JWK[]) : [];
  if (trusted.some((key) => key.kid === publicJwk.kid && key.x === publicJwk.x && key.y === publicJwk.y)) return;
  const result = await trustProvider(ctx.db, DEMO_ISSUER, { keys: [publicJwk] }, ctx.clock.now());
  if (!result.ok) throw new Error(`the demo provider could not be trusted: ${result.error.message}`);
}

/** Stops trusting the demo provider, whose private key was exposed; a demo hall trusts a new key at its next seed. */
export async function distrustDemoProvider(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('identity_providers').where('issuer', '=', DEMO_ISSUER).execute();
}

export interface MintOptions {
  subject: string;
  name: string;
  /** Seconds after the hall's now; negative for a code made earlier (an expired one, in tests). */
  issuedAtOffsetS?: number;
  lifetimeS?: number;
  tokenId?: string;
}

/** A code of the demo provider, as a citizen's phone would show it. */
export async function mintDemoCode(ctx: HallContext, options: MintOptions): Promise<string> {
  const jwk = ctx.demoIdentityKey.read() as JWK | null;
  if (!jwk) throw new Error('this hall has no demo identity provider (npm run hall -- seed-demo makes one)');
  const iat = Math.floor(ctx.clock.now() / 1000) + (options.issuedAtOffsetS ?? 0);
  const payload = { iss: DEMO_ISSUER, sub: options.subject, name: options.name, iat, exp: iat + (options.lifetimeS ?? MAX_LIFETIME_S), jti: options.tokenId ?? randomUUID() };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: CODE_ALGORITHM, kid: jwk.kid!, typ: 'JWT' })
    .sign(await importJWK(jwk, CODE_ALGORITHM));
}
