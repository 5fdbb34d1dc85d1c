/**
 * The hidden admin entry of a terminal: a PIN checked against a salted PBKDF2 hash from the
 * configuration (never the PIN itself), and a lockout after repeated wrong PINs so that a
 * passer-by cannot try them all.
 */
export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60 * 1000;
export const PIN_PATTERN = /^\d{4,12}$/;
const HASH_PREFIX = 'pbkdf2-sha256';
/** Enough to make brute force slow while a terminal PC still checks a PIN in well under a second. */
export const PIN_HASH_ITERATIONS = 100_000;

export interface PinLockState {
  failures: number;
  lockedUntil: number | null;
}

export const unlockedPinState: PinLockState = { failures: 0, lockedUntil: null };

export type PinLockStatus = { locked: true; remainingMs: number } | { locked: false; attemptsLeft: number };

export function pinLockStatus(state: PinLockState, now: number): PinLockStatus {
  if (state.lockedUntil !== null && now < state.lockedUntil) {
    return { locked: true, remainingMs: state.lockedUntil - now };
  }
  const failures = state.lockedUntil !== null ? 0 : state.failures;
  return { locked: false, attemptsLeft: PIN_MAX_FAILURES - failures };
}

export function recordPinFailure(state: PinLockState, now: number): PinLockState {
  const status = pinLockStatus(state, now);
  if (status.locked) return state;
  const failures = PIN_MAX_FAILURES - status.attemptsLeft + 1;
  return failures >= PIN_MAX_FAILURES
    ? { failures, lockedUntil: now + PIN_LOCK_MS }
    : { failures, lockedUntil: null };
}

export interface PinHash {
  iterations: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** Reads `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`. */
export function parsePinHash(text: string): PinHash | null {
  const [prefix, iterationsText, saltText, hashText, ...rest] = text.split('$');
  if (prefix !== HASH_PREFIX || rest.length > 0 || !iterationsText || !saltText || !hashText) return null;
  const iterations = Number(iterationsText);
  const salt = fromBase64(saltText);
  const hash = fromBase64(hashText);
  if (!Number.isInteger(iterations) || iterations < 1000 || !salt || !hash || hash.length !== 32) return null;
  return { iterations, salt, hash };
}

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function hashPin(
  pin: string,
  salt: Uint8Array = crypto.getRandomValues(new Uint8Array(16)),
  iterations = PIN_HASH_ITERATIONS,
): Promise<string> {
  const hash = await derive(pin, salt, iterations);
  return [HASH_PREFIX, iterations, toBase64(salt), toBase64(hash)].join('$');
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!PIN_PATTERN.test(pin)) return false;
  const candidate = await derive(pin, stored.salt, stored.iterations);
  // Compare every byte so the time taken does not tell how much of the PIN was right.
  let difference = 0;
  for (let i = 0; i < stored.hash.length; i++) difference |= (candidate[i] ?? 0) ^ (stored.hash[i] ?? 0);
  return difference === 0;
}
