/**
 * Secret files of the hall server (the holder pepper, a demo hall's identity-provider key): JSON
 * objects readable by the server's OS user only, outside the database, so that a copy of the
 * database (a backup, a replica, a stolen disk image of the database server) does not carry
 * the secrets that turn its hashes back into ID numbers.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from './config.ts';

/** Readable and writable by the hall server's user, by no one else. */
export const SECRET_FILE_MODE = 0o600;
/** Any permission for group or others, as ssh judges a private key. */
const SHARED_PERMISSIONS = 0o077;

export type SecretObject = Record<string, unknown>;

const isObject = (value: unknown): value is SecretObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object in `path`; null when there is no such file. Refuses a file other users can read. */
export function readSecretFile(path: string): SecretObject | null {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Windows has no such mode bits; its ACLs are the operator's to set.
  if (process.platform !== 'win32' && (mode & SHARED_PERMISSIONS) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(4, '0');
    throw new ConfigError(`${path} holds secrets but other users may open it (mode ${shown}); make it the hall server's own: chmod 600 ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path} is not a JSON secrets file: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new ConfigError(`${path} is not a JSON secrets file: expected an object`);
  return parsed;
}

/** Flushes a directory entry to disk; not possible (and not needed) everywhere. */
function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory; its rename is durable enough for us.
  }
}

/** A new file with the secret mode from the start: never a moment in which others could read it. */
function writePrivateTemp(path: string, value: SecretObject): string {
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', SECRET_FILE_MODE);
  try {
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    // A pepper lost to a power cut loses every holder hash with it.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/**
 * Writes `value` to `path` unless the file exists; true when this call made it. The content is
 * complete before the name appears (temp file, then link), and of two processes starting at
 * once exactly one wins: the link fails for the other, which then reads the winner's file.
 */
export function createSecretFile(path: string, value: SecretObject): boolean {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = writePrivateTemp(path, value);
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: a rename, which is atomic but not exclusive.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    if (readSecretFile(path) !== null) return false;
    renameSync(temp, path);
    syncDirectory(dirname(path));
    return true;
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed into place.
    }
  }
  syncDirectory(dirname(path));
  return true;
}
