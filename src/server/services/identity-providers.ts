/**
 * The identity-code providers a hall trusts (like 粤省事码 for persons, 粤商通码 for
 * enterprises): each an issuer with the public keys (JWKS) its codes are signed with. The hall
 * publishes them to its terminals, which verify codes offline; the server verifies a code again
 * when certificates are looked up with it.
 */
import type { Kysely } from 'kysely';
import type { ProviderKey } from '../../core/identity-code.ts';
import type { Database } from '../db/schema.ts';
import { TtlCache } from '../ttl-cache.ts';
import { fail, type Result } from './result.ts';

export type PublicJwk = { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' };

export interface TrustedProvider {
  issuer: string;
  keys: PublicJwk[];
}

/** A P-256 coordinate: 32 bytes, base64url without padding. */
const COORDINATE = /^[A-Za-z0-9_-]{43}$/;
const KEY_ID = /^[\x21-\x7e]{1,128}$/;
const ISSUER = /^https:\/\/[\x21-\x7e]{1,240}$/;
const MAX_KEYS = 16;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The public half of a P-256 (ES256) key as a JWK, or what is wrong with it. A private key has no
 * business in a trust store or a terminal record: whoever reads the database could sign with it.
 */
export function parsePublicP256(value: unknown): { ok: true; value: { kty: 'EC'; crv: 'P-256'; x: string; y: string } } | { ok: false; problem: string } {
  if (!isRecord(value)) return { ok: false, problem: 'is not an object' };
  if ('d' in value) return { ok: false, problem: 'is a private key; give only the public part' };
  const { kty, crv, x, y, alg } = value;
  if (kty !== 'EC' || crv !== 'P-256') return { ok: false, problem: 'is not an EC P-256 key (ES256 only)' };
  if (alg !== undefined && alg !== 'ES256') return { ok: false, problem: `is for ${String(alg)}, not ES256` };
  if (typeof x !== 'string' || typeof y !== 'string' || !COORDINATE.test(x) || !COORDINATE.test(y)) return { ok: false, problem: 'has malformed coordinates' };
  return { ok: true, value: { kty, crv, x, y } };
}

function parseKey(value: unknown, index: number): Result<PublicJwk> {
  const key = parsePublicP256(value);
  if (!key.ok) return fail(400, 'invalid-jwks', `key ${index} ${key.problem}`);
  const { kid } = value as Record<string, unknown>;
  if (typeof kid !== 'string' || !KEY_ID.test(kid)) return fail(400, 'invalid-jwks', `key ${index} has no usable kid`);
  return { ok: true, value: { ...key.value, kid, alg: 'ES256', use: 'sig' } };
}

/** A JWKS document (`{"keys": [...]}`) reduced to its public ES256 keys; refused whole if any key is unusable. */
export function parseJwks(value: unknown): Result<PublicJwk[]> {
  if (!isRecord(value) || !Array.isArray(value.keys) || value.keys.length === 0 || value.keys.length > MAX_KEYS) {
    return fail(400, 'invalid-jwks', `a JWKS is {"keys": [...]} with 1 to ${MAX_KEYS} keys`);
  }
  const keys: PublicJwk[] = [];
  for (const [index, entry] of value.keys.entries()) {
    const key = parseKey(entry, index);
    if (!key.ok) return key;
    keys.push(key.value);
  }
  return { ok: true, value: keys };
}

/** Providers change a few times a year; codes are checked at every lookup. */
const PROVIDER_CACHE_MS = 5000;
const caches = new WeakMap<object, TtlCache<'all', TrustedProvider[]>>();

function cache(db: Kysely<Database>): TtlCache<'all', TrustedProvider[]> {
  let entry = caches.get(db);
  if (!entry) caches.set(db, (entry = new TtlCache(PROVIDER_CACHE_MS)));
  return entry;
}

export function trustedProviders(db: Kysely<Database>): Promise<TrustedProvider[]> {
  return cache(db).get('all', async () => {
    const rows = await db.selectFrom('identity_providers').select(['issuer', 'jwks']).orderBy('issuer').execute();
    return rows.map((row) => ({ issuer: row.issuer, keys: JSON.parse(row.jwks) as PublicJwk[] }));
  });
}

/** The provider key a code's `kid` names, across every trusted issuer. */
export async function providerKeyLookup(db: Kysely<Database>): Promise<(kid: string) => ProviderKey | undefined> {
  const byKid = new Map<string, ProviderKey>();
  for (const provider of await trustedProviders(db)) {
    for (const jwk of provider.keys) byKid.set(jwk.kid, { issuer: provider.issuer, jwk });
  }
  return (kid) => byKid.get(kid);
}

/** Trusts `issuer` with the keys of `jwks`, replacing its earlier keys. */
export async function trustProvider(db: Kysely<Database>, issuer: string, jwks: unknown, now: number): Promise<Result<TrustedProvider>> {
  if (!ISSUER.test(issuer)) return fail(400, 'invalid-issuer', 'the issuer is an https:// URL, as in the codes’ iss claim');
  const keys = parseJwks(jwks);
  if (!keys.ok) return keys;
  // A kid picks the key before the code's issuer is known: it must name one key in the whole hall.
  for (const other of await trustedProviders(db)) {
    if (other.issuer === issuer) continue;
    const clash = keys.value.find((key) => other.keys.some((known) => known.kid === key.kid));
    if (clash) return fail(409, 'kid-in-use', `key id ${clash.kid} is already used by ${other.issuer}`);
  }
  await db
    .insertInto('identity_providers')
    .values({ issuer, jwks: JSON.stringify(keys.value), created_at: now })
    .onConflict((oc) => oc.column('issuer').doUpdateSet({ jwks: JSON.stringify(keys.value) }))
    .execute();
  cache(db).clear();
  return { ok: true, value: { issuer, keys: keys.value } };
}
