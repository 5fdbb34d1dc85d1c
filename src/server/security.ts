import { createHash, createHmac, randomBytes, randomFillSync, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { BoundedQueue } from './bounded-queue.ts';

/**
 * Tokens are cut from a pool of random bytes, refilled from the CSPRNG when used up (as Node
 * does for randomUUID): a call to the CSPRNG per token costs microseconds of fixed overhead,
 * and every ticket takes a token. Each byte is handed out once.
 */
const TOKEN_POOL_BYTES = 4096;
const tokenPool = Buffer.alloc(TOKEN_POOL_BYTES);
let tokenPoolOffset = TOKEN_POOL_BYTES;

export function randomToken(bytes = 32): string {
  if (bytes > TOKEN_POOL_BYTES) return randomBytes(bytes).toString('base64url');
  if (tokenPoolOffset + bytes > TOKEN_POOL_BYTES) {
    randomFillSync(tokenPool);
    tokenPoolOffset = 0;
  }
  const token = tokenPool.toString('base64url', tokenPoolOffset, tokenPoolOffset + bytes);
  tokenPoolOffset += bytes;
  return token;
}

/** Tokens and one-time codes are stored only as their SHA-256, so a copied database opens nothing. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Identifies a citizen across records (e.g. an appointment) without storing the ID number. */
export function holderHash(pepper: string, idNumber: string): string {
  return createHmac('sha256', pepper).update(idNumber.toUpperCase()).digest('hex');
}

/** Enrollment codes: easy to read aloud and type, no 0/O or 1/I. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function enrollmentCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export function normalizeEnrollmentCode(code: string): string {
  const plain = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * scrypt runs on libuv's thread pool, whose 4 threads also read every static file the hall
 * serves: 32 logins at once once made the pages take seconds. One derivation at a time per
 * process leaves 3 threads to the files; 16 more may wait (about a second at ~50 ms each), and
 * a login beyond that is answered "busy" at once rather than queued without end.
 */
const HASH_CONCURRENCY = 1;
const HASH_WAIT_LIMIT = 16;
const hashing = new BoundedQueue(HASH_CONCURRENCY, HASH_WAIT_LIMIT);

/** Password hashes being computed or waiting, in this process (for tests and diagnostics). */
export const passwordHashingLoad = (): number => hashing.load;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url). Waits its turn however long the queue: accounts are made by the CLI and the seed. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await hashing.run(() => derive(password, salt));
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A well-formed hash of no password: checking against it costs what checking a real account costs. */
export const DUMMY_PASSWORD_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export type PasswordCheck = 'match' | 'mismatch' | 'busy';

/** Checks a login's password through the bounded queue; `busy` when the queue is full (nothing was checked). */
export async function checkPassword(password: string, stored: string): Promise<PasswordCheck> {
  const [scheme, , , , saltText, hashText] = stored.split('$');
  const salt = Buffer.from(scheme === 'scrypt' && saltText ? saltText : 'AAAAAAAAAAAAAAAAAAAAAA', 'base64url');
  const derived = hashing.offer(() => derive(password, salt));
  if (derived === null) return 'busy';
  const actual = await derived;
  if (scheme !== 'scrypt' || !hashText) return 'mismatch';
  const expected = Buffer.from(hashText, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? 'match' : 'mismatch';
}
