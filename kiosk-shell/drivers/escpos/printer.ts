/**
 * The receipt printer driver: receipt documents in, ESC/POS out, over any PrinterLine. Jobs run
 * one at a time and each job id prints at most once (job-queue.ts). Where the line can answer,
 * DLE EOT 1..4 is asked before each job, and a printer that is not ready refuses the job rather
 * than printing half a ticket; it is asked again afterwards to learn whether the ticket came out.
 */
import type { DeviceState } from '../../../src/core/devices.ts';
import type { ReceiptDocument } from '../../../src/core/receipt.ts';
import { JobQueue } from '../job-queue.ts';
import { encodeReceipt } from './encode.ts';
import { decodeStatusByte, printerCondition, statusRequest, type PrinterCondition, type StatusQuery } from './status.ts';
import type { LineFault, PrinterLine } from './transports.ts';

export interface PrintJob {
  jobId: string;
  document: ReceiptDocument;
}

export type PrintFailure = 'paper-out' | 'cover-open' | 'offline' | 'error' | 'timeout' | LineFault;

export type PrintOutcome =
  /** `state` is what the printer reported after the job (paper-near-end: tell the staff). */
  | { ok: true; state: DeviceState }
  /** `sent`: the bytes left before the failure showed, so part of the ticket may be on paper. */
  | { ok: false; reason: PrintFailure; sent: boolean };

export type PrinterEvent = { type: 'status'; state: DeviceState; reason?: PrintFailure };

export interface ReceiptPrinterOptions {
  line: PrinterLine;
  /** Wait for each DLE EOT reply; real printers answer within milliseconds, even mid-job. */
  statusTimeoutMs?: number;
  /** Wait for the replies after a job: they queue behind the job's bytes on a slow serial line. */
  afterJobTimeoutMs?: number;
  /** Status poll while idle, so paper running out between jobs reaches the status bar; 0 turns it off. */
  pollIntervalMs?: number;
  /** Only states and reasons: ticket contents may carry names. */
  log?: (message: string) => void;
}

type Check = { ok: true; condition: PrinterCondition } | { ok: false; reason: PrintFailure; state: DeviceState };

const CONDITION_STATE: Record<PrinterCondition, DeviceState> = {
  ready: 'ready',
  'paper-near-end': 'paper-near-end',
  'paper-out': 'paper-out',
  'cover-open': 'cover-open',
  offline: 'error',
};

const REFUSAL: Partial<Record<PrinterCondition, PrintFailure>> = {
  'paper-out': 'paper-out',
  'cover-open': 'cover-open',
  offline: 'offline',
};

export class ReceiptPrinter {
  private readonly line: PrinterLine;
  private readonly queue = new JobQueue<PrintOutcome>();
  private readonly listeners = new Set<(event: PrinterEvent) => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private readonly statusTimeoutMs: number;
  private readonly afterJobTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly log: (message: string) => void;
  /** Serialises everything that talks to the printer: jobs and idle polls. */
  private lock: Promise<unknown> = Promise.resolve();
  private pendingReply: ((byte: number) => void) | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private polling = false;
  private running = false;
  private current: { state: DeviceState; reason?: PrintFailure } | null = null;

  constructor(options: ReceiptPrinterOptions) {
    this.line = options.line;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 800;
    this.afterJobTimeoutMs = options.afterJobTimeoutMs ?? 5000;
    this.pollIntervalMs = options.pollIntervalMs ?? 5000;
    this.log = options.log ?? (() => {});
  }

  /** The last known state; null before the printer has been heard from. */
  get state(): DeviceState | null {
    return this.current?.state ?? null;
  }

  on(listener: (event: PrinterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe.push(
      this.line.onData((bytes) => {
        // Bytes with no question pending are late replies to a timed-out one: dropped.
        for (const byte of bytes) this.pendingReply?.(byte);
      }),
      this.line.onConnectionChange((connected) => {
        if (!connected) this.report({ state: 'absent', reason: 'offline' });
        else this.poll();
      }),
    );
    this.line.start();
    if (!this.line.canRead) this.report({ state: 'ready' });
    this.poll();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    await this.queue.idle();
    // An idle poll may still be asking: let it finish before the line goes.
    await this.lock;
    await this.line.stop();
  }

  print(job: PrintJob): Promise<PrintOutcome> {
    return this.queue.submit(job.jobId, () => this.exclusive(() => this.run(job)));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lock.then(work);
    this.lock = result.catch(() => undefined);
    return result;
  }

  private async run(job: PrintJob): Promise<PrintOutcome> {
    let before = await this.check(this.statusTimeoutMs);
    // Network printers drop idle connections and come back after a power cycle: one more try
    // once the line has reconnected, before the citizen is told the printer is away.
    if (!before.ok && before.reason === 'offline') before = await this.check(this.statusTimeoutMs);
    if (!before.ok) return { ok: false, reason: before.reason, sent: false };
    const refusal = REFUSAL[before.condition];
    if (refusal) return { ok: false, reason: refusal, sent: false };
    if (!(await this.line.write(encodeReceipt(job.document)))) {
      const reason: PrintFailure = this.line.connected === false && this.line.canRead ? 'offline' : 'error';
      this.report({ state: reason === 'offline' ? 'absent' : 'error', reason });
      return { ok: false, reason, sent: false };
    }
    await this.line.endJob?.(job.jobId);
    const after = await this.check(this.afterJobTimeoutMs);
    if (!after.ok) return { ok: false, reason: after.reason, sent: true };
    const failure = REFUSAL[after.condition];
    // Paper ran out or the cover opened during the job: the ticket is incomplete.
    if (failure) return { ok: false, reason: failure, sent: true };
    return { ok: true, state: CONDITION_STATE[after.condition] };
  }

  /** Asks DLE EOT 1..4 and reports the state; a write-only line is as good as its last write. */
  private async check(timeoutMs: number): Promise<Check> {
    const fault = this.line.fault?.();
    if (fault) return this.fail(fault, 'error');
    if (!this.line.canRead) {
      if (this.line.connected === false) return this.fail('error', 'error');
      this.report({ state: 'ready' });
      return { ok: true, condition: 'ready' };
    }
    if (this.line.connected !== true && !(await this.connectedWithin(this.statusTimeoutMs))) return this.fail('offline', 'absent');
    const replies: Partial<Record<StatusQuery, number>> = {};
    for (const n of [1, 2, 3, 4] as const) {
      const byte = await this.ask(n, timeoutMs);
      if (byte === 'offline') return this.fail('offline', 'absent');
      if (byte === 'timeout') return this.fail('timeout', 'error');
      replies[n] = byte;
    }
    const condition = printerCondition(replies);
    if (!condition) return this.fail('error', 'error');
    this.report({ state: CONDITION_STATE[condition], ...(REFUSAL[condition] ? { reason: REFUSAL[condition] } : {}) });
    return { ok: true, condition };
  }

  private fail(reason: PrintFailure, state: DeviceState): Check {
    this.report({ state, reason });
    return { ok: false, reason, state };
  }

  private connectedWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), ms);
      const unsubscribe = this.line.onConnectionChange((connected) => connected && done(true));
      const done = (connected: boolean) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(connected);
      };
    });
  }

  /** One status byte for DLE EOT n; a byte that is no status reply (line noise) is skipped. */
  private async ask(n: StatusQuery, timeoutMs: number): Promise<number | 'timeout' | 'offline'> {
    let finish: (result: number | 'timeout' | 'offline') => void = () => {};
    // Listening starts before the request leaves, so a fast reply cannot slip past.
    const reply = new Promise<number | 'timeout' | 'offline'>((resolve) => {
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      // A connection that closes mid-question will not answer: no need to sit out the timeout.
      const unsubscribe = this.line.onConnectionChange((connected) => connected || finish('offline'));
      finish = (result) => {
        clearTimeout(timer);
        unsubscribe();
        this.pendingReply = null;
        resolve(result);
      };
      this.pendingReply = (byte) => {
        if (decodeStatusByte(n, byte)) finish(byte);
      };
    });
    if (!(await this.line.write(statusRequest(n)))) finish('offline');
    return reply;
  }

  private report(next: { state: DeviceState; reason?: PrintFailure }): void {
    if (this.current?.state === next.state && this.current.reason === next.reason) return;
    this.current = next;
    this.log(`printer ${next.state}${next.reason ? ` (${next.reason})` : ''}`);
    for (const listener of this.listeners) listener({ type: 'status', ...next });
  }

  /** An idle status check, skipped when one is queued already; reschedules itself. */
  private poll(): void {
    if (!this.running || this.polling || !this.line.canRead) return;
    this.polling = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    void this.exclusive(() => this.check(this.statusTimeoutMs)).finally(() => {
      this.polling = false;
      if (this.running && this.pollIntervalMs > 0) this.pollTimer = setTimeout(() => this.poll(), this.pollIntervalMs);
    });
  }
}
