/**
 * The printer end of a simulated receipt printer, whatever line it hangs on (the TCP capture
 * server, a serial pseudo-terminal): answers DLE EOT for the condition a test sets, keeps every
 * byte that would reach the paper, and decodes them back into texts, QR payloads and cuts. A
 * printer that is not ready prints nothing, as a real one would.
 */
import { decodeEscPos, transcriptText, type TranscriptEntry } from './decode.ts';
import type { PrinterCondition } from './status.ts';
import { printsIn, STATUS_REPLIES, StatusRequestScanner } from './status-replies.ts';

/** A status request is DLE EOT n: three bytes. */
const STATUS_REQUEST_BYTES = 3;

export class SimulatedPrinter {
  condition: PrinterCondition;
  /** false: status requests go unanswered, like a printer whose firmware hangs. */
  answering = true;
  /** How many DLE EOT requests arrived, a test's view of "the driver asked". */
  statusRequests = 0;
  private chunks: Uint8Array[] = [];
  private duringNextJob: PrinterCondition | null = null;

  constructor(condition: PrinterCondition = 'ready') {
    this.condition = condition;
  }

  /**
   * The condition the printer falls into while it prints the next job (paper runs out, the cover
   * is lifted): the job's bytes go to paper, the status asked after the job reports the condition.
   */
  setConditionDuringNextJob(condition: PrinterCondition): void {
    this.duringNextJob = condition;
  }

  /** A reader for one connection's bytes: returns the status replies to send back. */
  stream(): (bytes: Uint8Array) => Uint8Array {
    const scanner = new StatusRequestScanner();
    return (bytes) => {
      const requests = scanner.feed(bytes);
      this.statusRequests += requests.length;
      if (printsIn(this.condition)) this.chunks.push(bytes.slice());
      // The driver waits for each status reply: bytes beyond the requests are a job, and any
      // request behind them in the same chunk was asked after it.
      if (this.duringNextJob && bytes.length > requests.length * STATUS_REQUEST_BYTES) {
        this.condition = this.duringNextJob;
        this.duringNextJob = null;
      }
      return this.answering ? Uint8Array.from(requests, (n) => STATUS_REPLIES[this.condition][n]) : new Uint8Array(0);
    };
  }

  /** Every byte that would have reached the paper (status requests included, as sent). */
  printed(): Uint8Array {
    return Uint8Array.from(Buffer.concat(this.chunks));
  }

  /** What the paper shows: decoded entries without the status requests. */
  transcript(): TranscriptEntry[] {
    return decodeEscPos(this.printed()).filter((entry) => entry.type !== 'status-request');
  }

  text(): string {
    return transcriptText(this.transcript());
  }

  clear(): void {
    this.chunks = [];
  }
}
