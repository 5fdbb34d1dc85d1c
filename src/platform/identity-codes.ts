import {
  checkIdentityCode,
  CODE_ALGORITHM,
  decodeJsonBytes,
  type Checked,
  type IdentityClaims,
  type ProviderKey,
  type SignatureCheck,
} from '../core/identity-code.ts';
import { clock } from './clock.ts';
import { openKioskDb, readSetting, writeSetting } from './db.ts';
import { callHall } from './hall-api.ts';

/**
 * Identity QR codes checked on the terminal, offline: the provider keys the hall server publishes
 * are cached in IndexedDB, the signature is checked with jose (loaded only when a code is first
 * scanned, so it stays out of the first paint), and the rules are core's checkIdentityCode.
 */
export interface IdentityProvider {
  issuer: string;
  keys: ProviderKey['jwk'][];
}

interface StoredProviders {
  /** Milliseconds since the epoch, by the platform clock. */
  refreshedAt: number;
  providers: IdentityProvider[];
}

const MAX_ISSUER = 256;
const KEY_ID = /^[\x21-\x7e]{1,128}$/;
/** A P-256 coordinate: 32 bytes, base64url without padding. */
const P256_COORDINATE = /^[A-Za-z0-9_-]{43}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Only the public part of an EC P-256 signing key with a key id; anything else (another key
 * type, an encryption key, a private `d` sent by mistake) is left out.
 */
function parseProviderJwk(value: unknown): ProviderKey['jwk'] | null {
  if (!isRecord(value)) return null;
  const { kty, crv, x, y, kid, alg, use } = value;
  if (kty !== 'EC' || crv !== 'P-256' || typeof kid !== 'string' || !KEY_ID.test(kid)) return null;
  if (typeof x !== 'string' || !P256_COORDINATE.test(x) || typeof y !== 'string' || !P256_COORDINATE.test(y)) return null;
  if ((alg !== undefined && alg !== CODE_ALGORITHM) || (use !== undefined && use !== 'sig')) return null;
  return { kty, crv, x, y, kid, alg: CODE_ALGORITHM, use: 'sig' };
}

/**
 * The providers of a `{ providers: [{ issuer, keys }] }` body, or null when the body is not one
 * (then the cached list stays). Unusable keys are ignored, and so is a provider left without any.
 */
export function parseIdentityProviders(body: unknown): IdentityProvider[] | null {
  if (!isRecord(body) || !Array.isArray(body.providers)) return null;
  const providers: IdentityProvider[] = [];
  for (const entry of body.providers as unknown[]) {
    if (!isRecord(entry) || typeof entry.issuer !== 'string' || !Array.isArray(entry.keys)) return null;
    if (entry.issuer === '' || entry.issuer.length > MAX_ISSUER) return null;
    const keys = (entry.keys as unknown[]).map(parseProviderJwk).filter((key) => key !== null);
    if (keys.length > 0) providers.push({ issuer: entry.issuer, keys });
  }
  return providers;
}

/** Keys by key id. A key id seen twice keeps its first key: the server's list is in trust order. */
function indexKeys(providers: IdentityProvider[]): Map<string, ProviderKey> {
  const byKeyId = new Map<string, ProviderKey>();
  for (const { issuer, keys } of providers) {
    for (const jwk of keys) if (!byKeyId.has(jwk.kid)) byKeyId.set(jwk.kid, { issuer, jwk });
  }
  return byKeyId;
}

let keyIndex: Promise<Map<string, ProviderKey>> | null = null;

function loadKeyIndex(): Promise<Map<string, ProviderKey>> {
  keyIndex ??= readSetting('identityProviders').then((stored) =>
    indexKeys((isRecord(stored) && parseIdentityProviders(stored)) || []),
  );
  return keyIndex;
}

/** Drops the in-memory keys; the next check reads them from IndexedDB again. */
export function forgetIdentityProviderCache(): void {
  keyIndex = null;
}

/** Fetches the providers' keys; when offline or refused, the cached ones stay. Returns whether it refreshed. */
export async function refreshIdentityProviders(): Promise<boolean> {
  const result = await callHall<unknown>('GET', '/identity/providers');
  if (!result.ok) return false;
  const providers = parseIdentityProviders(result.value);
  if (!providers) return false;
  keyIndex = Promise.resolve(indexKeys(providers));
  await writeSetting('identityProviders', { refreshedAt: clock.now(), providers } satisfies StoredProviders);
  return true;
}

type Jose = typeof import('jose');

/** Imported once per cached key; a refresh brings new ProviderKey objects and so new imports. */
const importedKeys = new WeakMap<ProviderKey, CryptoKey>();

async function cryptoKeyOf(jose: Jose, key: ProviderKey): Promise<CryptoKey> {
  let imported = importedKeys.get(key);
  if (!imported) {
    imported = (await jose.importJWK({ ...key.jwk }, CODE_ALGORITHM)) as CryptoKey;
    importedKeys.set(key, imported);
  }
  return imported;
}

async function verifyWithJose(code: string, key: ProviderKey): Promise<SignatureCheck> {
  const jose = await import('jose');
  try {
    const { payload } = await jose.compactVerify(code, await cryptoKeyOf(jose, key), { algorithms: [CODE_ALGORITHM] });
    const decoded = decodeJsonBytes(payload);
    return decoded === undefined ? { ok: false, reason: 'malformed' } : { ok: true, payload: decoded };
  } catch (error) {
    return { ok: false, reason: error instanceof jose.errors.JWSSignatureVerificationFailed ? 'bad-signature' : 'malformed' };
  }
}

/**
 * Records a code as used on this terminal, in one transaction with the check so that two scans
 * of one code cannot both pass, and drops the records of codes that can no longer be presented.
 */
async function claimTokenId(issuer: string, tokenId: string, expiresAtS: number, nowS: number): Promise<boolean> {
  const db = await openKioskDb();
  const tx = db.transaction('seenCodes', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    if (cursor.value.expiresAt < nowS) await cursor.delete();
  }
  // A jti is the provider's random id, not personal data; the subject and name are never stored.
  const key = `${issuer}\n${tokenId}`;
  const unused = (await tx.store.getKey(key)) === undefined;
  if (unused) await tx.store.put({ expiresAt: expiresAtS }, key);
  await tx.done;
  return unused;
}

/** Checks a scanned identity QR code against the cached provider keys; works offline. */
export async function verifyIdentityCode(code: string): Promise<Checked<IdentityClaims>> {
  const nowS = Math.floor(clock.now() / 1000);
  const keys = await loadKeyIndex();
  return checkIdentityCode(code, {
    keyFor: (kid) => keys.get(kid),
    verifySignature: verifyWithJose,
    nowS,
    claimTokenId: (issuer, tokenId, expiresAtS) => claimTokenId(issuer, tokenId, expiresAtS, nowS),
  });
}
