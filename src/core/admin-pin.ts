/**
 * The hidden admin entry of a terminal: a PIN checked by the hall server against its salted
 * PBKDF2 hash (never the PIN itself), with a lockout after repeated wrong PINs so that a
 * passer-by cannot try them all. While the hall cannot be reached the terminal checks the PIN
 * itself, against its own offline copy of the hash (see TERMINAL_PREFIX below).
 */
export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60 * 1000;
export const PIN_PATTERN = /^\d{4,12}$/;
const HASH_PREFIX = 'pbkdf2-sha256';
/** Enough to make brute force slow while the server still checks a PIN in well under a second. */
export const PIN_HASH_ITERATIONS = 100_000;

/**
 * A terminal's offline copy: the hall hash's 32 bytes stretched by OFFLINE_PIN_ITERATIONS more
 * PBKDF2 iterations with a salt of the hall's, then keyed (HMAC) with a salt of the terminal's
 * own. The hall hash itself never leaves the server, so a copy read off a kiosk's disk costs
 * the whole chain per guessed PIN, and no table made for one installation fits another.
 * `pbkdf2-sha256-terminal$<hall iterations>$<hall salt>$<iterations>$<stretch salt>$<terminal salt>$<hash>`
 */
const TERMINAL_PREFIX = 'pbkdf2-sha256-terminal';

/**
 * Measured here (2026-12-08, AMD EPYC, shared): PBKDF2-SHA256 runs at ~2.9 M iterations/s on one
 * core in Node (OpenSSL) and ~5-6 M/s in Chromium's WebCrypto, which 4x CPU throttling does not
 * slow (it runs off the main thread). 6 M iterations check a PIN offline in about 1.1 s on the
 * kiosk, and cost a guesser ~2 s per PIN on one core: every 6-digit PIN (10^6) in ~24 core-days,
 * ~3 days on an 8-core PC, minutes on a GPU. No tolerable check makes 10^6 candidates take months:
 * a hall that wants that sets 8 digits or more (~10 months on an 8-core PC), see README.
 */
export const OFFLINE_PIN_ITERATIONS = 6_000_000;

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
  /** A terminal's offline copy: the stretch and the terminal's own salt after the hall's PBKDF2. */
  offline?: { iterations: number; salt: Uint8Array; terminalSalt: Uint8Array };
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

const readIterations = (text: string | undefined) => {
  const iterations = Number(text);
  return Number.isInteger(iterations) && iterations >= 1000 ? iterations : null;
};

/** Reads `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`, or a terminal's offline copy (above). */
export function parsePinHash(text: string): PinHash | null {
  const parts = text.split('$');
  if (parts[0] === TERMINAL_PREFIX) return parseTerminalHash(parts);
  const [prefix, iterationsText, saltText, hashText, ...rest] = parts;
  if (prefix !== HASH_PREFIX || rest.length > 0 || !iterationsText || !saltText || !hashText) return null;
  const iterations = readIterations(iterationsText);
  const salt = fromBase64(saltText);
  const hash = fromBase64(hashText);
  if (!iterations || !salt || !hash || hash.length !== 32) return null;
  return { iterations, salt, hash };
}

function parseTerminalHash(parts: string[]): PinHash | null {
  if (parts.length !== 7) return null;
  const [hallIterations, iterations] = [readIterations(parts[1]), readIterations(parts[3])];
  const [hallSalt, salt, terminalSalt, hash] = [parts[2], parts[4], parts[5], parts[6]].map((part) => (part ? fromBase64(part) : null));
  if (!hallIterations || !iterations || !hallSalt || !salt || !terminalSalt || !hash || hash.length !== 32) return null;
  return { iterations: hallIterations, salt: hallSalt, hash, offline: { iterations, salt, terminalSalt } };
}

async function derive(pin: string | Uint8Array, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const secret = typeof pin === 'string' ? new TextEncoder().encode(pin) : pin;
  const key = await crypto.subtle.importKey('raw', secret as BufferSource, 'PBKDF2', false, ['deriveBits']);
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

async function keyed(terminalSalt: Uint8Array, stretched: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', terminalSalt as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, stretched as BufferSource));
}

/** The hall hash's bytes stretched (the server does it once per hall hash: it never knows the PIN). */
export async function stretchPinHash(hall: PinHash, salt: Uint8Array, iterations = OFFLINE_PIN_ITERATIONS): Promise<Uint8Array> {
  return derive(hall.hash, salt, iterations);
}

/** A terminal's offline copy of the hall hash, from its stretch and the terminal's own salt. */
export async function terminalPinHash(hall: PinHash, stretch: { iterations: number; salt: Uint8Array; hash: Uint8Array }, terminalSalt: Uint8Array): Promise<string> {
  const hash = await keyed(terminalSalt, stretch.hash);
  return [TERMINAL_PREFIX, hall.iterations, toBase64(hall.salt), stretch.iterations, toBase64(stretch.salt), toBase64(terminalSalt), toBase64(hash)].join('$');
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!PIN_PATTERN.test(pin)) return false;
  const hallHash = await derive(pin, stored.salt, stored.iterations);
  const { offline } = stored;
  const candidate = offline ? await keyed(offline.terminalSalt, await derive(hallHash, offline.salt, offline.iterations)) : hallHash;
  // Compare every byte so the time taken does not tell how much of the PIN was right.
  let difference = 0;
  for (let i = 0; i < stored.hash.length; i++) difference |= (candidate[i] ?? 0) ^ (stored.hash[i] ?? 0);
  return difference === 0;
}
