/**
 * An append-only log file that rotates by size: `DIR/kiosk-shell.log`, then `.log.1` (newest)
 * … `.log.N` (oldest), the oldest dropped. A terminal runs for months unattended, so the logs
 * must stay within a fixed disk budget (maxBytes × (keep + 1)).
 *
 * Writes are synchronous: a line is a few hundred bytes, the shell logs a few lines a minute,
 * and a line written just before a crash or power loss is the one most worth having.
 */
import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_FILE_NAME = 'kiosk-shell.log';
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_KEEP = 5;

export interface RotatingLogOptions {
  dir: string;
  name?: string;
  /** A file is rotated before a line would take it past this size. */
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
  /** A write failed (disk full, directory removed); the line is lost, the shell goes on. */
  onError?: (error: NodeJS.ErrnoException) => void;
}

export class RotatingLog {
  readonly path: string;
  private fd: number | null = null;
  private size = 0;
  private readonly maxBytes: number;
  private readonly keep: number;

  /** Creates the directory and opens the file; throws (EACCES, ENOTDIR …) so a bad --log-dir is reported at start. */
  constructor(private readonly options: RotatingLogOptions) {
    this.path = join(options.dir, options.name ?? LOG_FILE_NAME);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.keep = options.keep ?? DEFAULT_KEEP;
    mkdirSync(options.dir, { recursive: true });
    this.open();
  }

  /** Appends one line (a newline is added). */
  write(line: string): void {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      if (this.fd === null) this.open();
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
      this.size += writeSync(this.fd!, bytes);
    } catch (error) {
      // Reopened on the next line: the directory may come back (a remounted disk, space freed).
      this.closeQuietly();
      this.options.onError?.(error as NodeJS.ErrnoException);
    }
  }

  close(): void {
    this.closeQuietly();
  }

  /** `.log.(N-1)` → `.log.N` … `.log` → `.log.1`, then a fresh `.log`. */
  private rotate(): void {
    this.closeQuietly();
    if (this.keep === 0) {
      rmSync(this.path, { force: true });
    } else {
      for (let index = this.keep - 1; index >= 1; index--) renameIfPresent(`${this.path}.${index}`, `${this.path}.${index + 1}`);
      renameIfPresent(this.path, `${this.path}.1`);
    }
    this.open();
  }

  private open(): void {
    const fd = openSync(this.path, 'a', 0o640);
    this.fd = fd;
    // Continues the file a previous run left, counting what is already there.
    this.size = fstatSync(fd).size;
  }

  private closeQuietly(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already gone with its disk: nothing to flush.
    }
    this.fd = null;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
