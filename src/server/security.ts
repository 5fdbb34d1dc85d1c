import { createHash, createHmac, randomBytes, randomFillSync, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

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

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , , , saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const actual = await derive(password, Buffer.from(saltText, 'base64url'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
