/**
 * The terminal's device identity on disk, in the shell's state directory (`--state-dir`):
 * - `device-key.json`: the private P-256 key as a JWK. Readable by the shell's OS user only
 *   (0600, in a 0700 directory); the browser never sees it, and the hall stores only its public half.
 * - `terminal.json`: which terminal of which hall the key was enrolled as.
 * - `counter`: the last assertion counter, so that a counter never repeats for the key.
 * Every write goes to a temporary file first and is renamed into place: a power cut leaves the
 * old file or the new one, never half of one.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Enrollment {
  /** The hall server's origin the key was enrolled with. */
  server: string;
  terminalId: string;
  name: string;
  /** The key's RFC 7638 thumbprint, as the hall knows it. */
  keyId: string;
  enrolledAt: string;
}

export interface DeviceKeyPair {
  privateKey: KeyObject;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

/** A key made for an enrollment that the hall has not accepted yet, and its file. */
export interface PendingKey extends DeviceKeyPair {
  file: string;
}

const KEY_FILE = 'device-key.json';
const ENROLLMENT_FILE = 'terminal.json';
const COUNTER_FILE = 'counter';
const OWNER_ONLY = 0o600;

/** Written, flushed to the disk, renamed into place, and the rename flushed too. */
function writeAtomically(path: string, text: string): void {
  // Made on the first write: a shell that never enrolls leaves no trace, and others cannot look in.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  const file = openSync(temporary, 'w', OWNER_ONLY);
  try {
    writeSync(file, text);
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  renameSync(temporary, path);
  syncDirectory(dirname(path));
}

function syncDirectory(dir: string): void {
  const handle = openSync(dir, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

function publicHalf(privateKey: KeyObject): DeviceKeyPair['publicJwk'] {
  const { kty, crv, x, y } = createPublicKey(privateKey).export({ format: 'jwk' }) as JsonWebKey;
  return { kty: kty as 'EC', crv: crv as 'P-256', x: x!, y: y! };
}

export class DeviceStore {
  constructor(
    readonly dir: string,
    private readonly log: (line: string) => void = () => {},
  ) {}

  private path(name: string): string {
    return join(this.dir, name);
  }

  /**
   * Reads a secret file, first narrowing its permissions if someone loosened them: a key others
   * could read may have been copied, which the log says so that the hall re-enrolls the terminal.
   */
  private readSecret(name: string): string | null {
    const path = this.path(name);
    if (!existsSync(path)) return null;
    if ((statSync(path).mode & 0o077) !== 0) {
      this.log(`device: ${name} was readable by other users; narrowed to the shell's user (re-enroll the terminal if it may have been copied)`);
      chmodSync(path, OWNER_ONLY);
    }
    return readFileSync(path, 'utf8');
  }

  private readKey(name: string): DeviceKeyPair | null {
    const text = this.readSecret(name);
    if (text === null) return null;
    try {
      const privateKey = createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' });
      return { privateKey, publicJwk: publicHalf(privateKey) };
    } catch {
      this.log(`device: ${name} is unreadable; the terminal must be enrolled again`);
      return null;
    }
  }

  /** The enrolled key, or null before the first enrollment. */
  key(): DeviceKeyPair | null {
    return this.readKey(KEY_FILE);
  }

  /**
   * A new key for an enrollment in progress, in a file of its own. It becomes the key only once the
   * hall has accepted it (commitEnrollment): a failed enrollment leaves the terminal as it was.
   */
  newPendingKey(): PendingKey {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const file = `device-key.pending-${randomUUID()}.json`;
    writeAtomically(this.path(file), JSON.stringify(privateKey.export({ format: 'jwk' })));
    return { privateKey, publicJwk: publicHalf(privateKey), file };
  }

  discardPendingKey(pending: PendingKey): void {
    rmSync(this.path(pending.file), { force: true });
  }

  commitEnrollment(pending: PendingKey, enrollment: Enrollment): void {
    renameSync(this.path(pending.file), this.path(KEY_FILE));
    syncDirectory(this.dir);
    writeAtomically(this.path(ENROLLMENT_FILE), `${JSON.stringify(enrollment, null, 2)}\n`);
  }

  enrollment(): Enrollment | null {
    const text = this.readSecret(ENROLLMENT_FILE);
    if (text === null) return null;
    try {
      const value = JSON.parse(text) as Partial<Enrollment>;
      if (typeof value.server !== 'string' || typeof value.terminalId !== 'string' || typeof value.name !== 'string' || typeof value.keyId !== 'string') return null;
      return value as Enrollment;
    } catch {
      return null;
    }
  }

  /**
   * The next assertion counter: one more than the last, and never below the current time in
   * milliseconds, so that even a lost counter file (a restored disk) cannot bring back a counter
   * the hall has already seen, as long as the clock has moved on since.
   */
  nextCounter(nowMs: number): number {
    const last = Number(this.readSecret(COUNTER_FILE) ?? '0');
    const next = Math.max(Number.isSafeInteger(last) ? last + 1 : 1, Math.floor(nowMs));
    writeAtomically(this.path(COUNTER_FILE), String(next));
    return next;
  }
}
