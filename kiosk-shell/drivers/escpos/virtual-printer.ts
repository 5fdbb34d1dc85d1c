/**
 * `--printer virtual:DIR`: a printer line that files each job as DIR/<time>-<jobId>.png and
 * .txt instead of paper. It takes the same ESC/POS bytes as a real printer and decodes them
 * (decode.ts), so development and tests exercise the real encoder and driver; it answers DLE
 * EOT like a printer whose condition a test or the admin screen sets.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../../src/core/clock.ts';
import { fileSafeJobId, fileTimestamp } from '../job-queue.ts';
import { decodeEscPos, transcriptText } from './decode.ts';
import { ReceiptPrinter, type ReceiptPrinterOptions } from './printer.ts';
import { CJK_FONT_PATH, receiptFontAvailable, renderReceiptPng } from './render-png.ts';
import type { PrinterCondition } from './status.ts';
import { printsIn, STATUS_REPLIES, StatusRequestScanner } from './status-replies.ts';
import { LineEvents, type LineFault, type PrinterLine } from './transports.ts';

export interface VirtualPrinterOptions {
  dir: string;
  clock?: Clock;
  /** The Noto Sans CJK collection the PNGs are drawn with (default: Debian's fonts-noto-cjk). */
  fontPath?: string;
  log?: (message: string) => void;
}

export class VirtualPrinterLine implements PrinterLine {
  readonly canRead = true;
  private readonly events = new LineEvents();
  private readonly scanner = new StatusRequestScanner();
  private readonly clock: Clock;
  private condition: PrinterCondition = 'ready';
  private pending: Uint8Array[] = [];
  private lastPath: string | null = null;
  private readonly fontPath: string;

  constructor(private readonly options: VirtualPrinterOptions) {
    this.clock = options.clock ?? systemClock;
    this.fontPath = options.fontPath ?? CJK_FONT_PATH;
    this.events.state = true;
    if (!receiptFontAvailable(this.fontPath)) {
      options.log?.(`virtual printer: font missing at ${this.fontPath}; install fonts-noto-cjk. every job is refused (font-missing) until it is there`);
    }
  }

  /** Without its font the PNG would show empty boxes for every Chinese character: the printer is in error instead. */
  fault(): LineFault | null {
    return receiptFontAvailable(this.fontPath) ? null : 'font-missing';
  }

  get connected(): boolean | null {
    return this.events.state;
  }

  /** Simulates paper out, cover open and so on; the next status request reports it. */
  setCondition(condition: PrinterCondition): void {
    this.condition = condition;
  }

  /** Simulates the printer switched off or unplugged. */
  setConnected(connected: boolean): void {
    this.events.setConnected(connected);
  }

  /** The PNG of the last job rendered since start, for the admin screen. */
  lastRenderedPath(): string | null {
    return this.lastPath;
  }

  start(): void {}

  async stop(): Promise<void> {}

  async write(bytes: Uint8Array): Promise<boolean> {
    if (this.events.state !== true) return false;
    const replies = this.scanner.feed(bytes).map((n) => STATUS_REPLIES[this.condition][n]);
    // Replies come back later, as over a wire: never inside the write that asked.
    if (replies.length > 0) setImmediate(() => this.events.emitData(Uint8Array.from(replies)));
    // A printer that is not ready puts nothing on paper.
    if (printsIn(this.condition)) this.pending.push(bytes.slice());
    return true;
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.events.subscribe(this.events.data, listener);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    return this.events.subscribe(this.events.connection, listener);
  }

  async endJob(jobId: string): Promise<void> {
    const bytes = Uint8Array.from(Buffer.concat(this.pending));
    this.pending = [];
    const entries = decodeEscPos(bytes).filter((entry) => entry.type !== 'status-request');
    if (entries.length === 0) return;
    await mkdir(this.options.dir, { recursive: true });
    const base = join(this.options.dir, `${fileTimestamp(this.clock.now())}-${fileSafeJobId(jobId)}`);
    await writeFile(`${base}.txt`, `${transcriptText(entries)}\n`);
    await writeFile(`${base}.png`, await renderReceiptPng(entries, this.fontPath));
    this.lastPath = `${base}.png`;
    this.options.log?.(`virtual printer: job filed as ${base}.png`);
  }
}

/** The newest PNG in DIR, also after a restart; names start with a sortable timestamp. */
export async function findLastRenderedJob(dir: string): Promise<string | null> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names.filter((name) => name.endsWith('.png')).sort().at(-1);
  return newest ? join(dir, newest) : null;
}

/** The driver on a virtual line: what `--printer virtual:DIR` starts. */
export function openVirtualPrinter(options: VirtualPrinterOptions & Omit<ReceiptPrinterOptions, 'line'>) {
  const line = new VirtualPrinterLine(options);
  const printer = new ReceiptPrinter({ ...options, line });
  return { line, printer };
}
