/**
 * The A4 document printer, for certificate copies: `cups:QUEUE` hands the PDF to CUPS through
 * `lp` (which every CUPS install has, and which needs no binding), `pdf:DIR` files it in a
 * folder for development and tests. Jobs run one at a time, each job id at most once, as on
 * the receipt printer: a certificate printed twice is a copy of personal data left in the hall.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../../src/core/clock.ts';
import { fileSafeJobId, fileTimestamp, JobQueue } from '../job-queue.ts';

export type DocTarget = { kind: 'cups'; queue: string } | { kind: 'pdf'; dir: string };

export interface DocJob {
  jobId: string;
  pdf: Uint8Array;
}

export type DocOutcome =
  | { ok: true; path?: string }
  /** `detail` is for the log and the admin screen: lp's exit code and stderr, never the document. */
  | { ok: false; reason: 'not-a-pdf' | 'error'; detail: string };

export interface DocPrinterOptions {
  target: DocTarget;
  clock?: Clock;
  /** The lp binary; tests point it at a stand-in. */
  lpCommand?: string;
  /** lp only queues the job; a CUPS that does not answer within this is reported as failing. */
  lpTimeoutMs?: number;
  log?: (message: string) => void;
}

/** A CUPS queue name as lpadmin allows it; never starting with "-", so it cannot pass as an lp option. */
const QUEUE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,126}$/;
const MAX_STDERR = 2000;

export class DocumentPrinter {
  private readonly queue = new JobQueue<DocOutcome>();
  private readonly clock: Clock;
  private readonly log: (message: string) => void;

  constructor(private readonly options: DocPrinterOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? (() => {});
  }

  print(job: DocJob): Promise<DocOutcome> {
    return this.queue.submit(job.jobId, () => this.run(job));
  }

  private async run(job: DocJob): Promise<DocOutcome> {
    // The magic number only: enough to refuse an HTML error page or an empty body sent by mistake.
    if (Buffer.from(job.pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') return { ok: false, reason: 'not-a-pdf', detail: 'missing %PDF- header' };
    const outcome = this.options.target.kind === 'pdf' ? await this.toFolder(this.options.target.dir, job) : await this.toCups(this.options.target.queue, job);
    this.log(`document printer: job ${outcome.ok ? 'done' : `failed (${outcome.detail})`}`);
    return outcome;
  }

  private async toFolder(dir: string, job: DocJob): Promise<DocOutcome> {
    const path = join(dir, `${fileTimestamp(this.clock.now())}-${fileSafeJobId(job.jobId)}.pdf`);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(path, job.pdf);
      return { ok: true, path };
    } catch (error) {
      return { ok: false, reason: 'error', detail: (error as Error).message };
    }
  }

  private toCups(queue: string, job: DocJob): Promise<DocOutcome> {
    if (!QUEUE_NAME.test(queue)) return Promise.resolve({ ok: false, reason: 'error', detail: `invalid CUPS queue name` });
    const command = this.options.lpCommand ?? 'lp';
    return new Promise((resolve) => {
      // No shell: the queue and title are arguments, never parsed as a command line.
      const child = spawn(command, ['-d', queue, '-t', fileSafeJobId(job.jobId), '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      let settled = false;
      const settle = (outcome: DocOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle({ ok: false, reason: 'error', detail: `${command} did not finish` });
      }, this.options.lpTimeoutMs ?? 30_000);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (text: string) => {
        if (stderr.length < MAX_STDERR) stderr += text;
      });
      // A missing lp (ENOENT) or one that exits before reading everything must not crash the shell.
      child.on('error', (error) => settle({ ok: false, reason: 'error', detail: `cannot run ${command}: ${error.message}` }));
      child.stdin.on('error', () => {});
      child.on('close', (code, signal) => {
        if (code === 0) settle({ ok: true });
        else settle({ ok: false, reason: 'error', detail: `${command} exited with ${code ?? signal}: ${stderr.trim().slice(0, MAX_STDERR)}` });
      });
      child.stdin.end(Buffer.from(job.pdf));
    });
  }
}
