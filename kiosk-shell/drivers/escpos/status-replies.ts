/**
 * The printer side of DLE EOT, for the simulated printers (capture server, virtual printer):
 * which bytes a printer in a given condition answers, and where requests sit in a byte stream.
 * Real printers answer DLE EOT wherever it appears in the stream, even split across TCP
 * segments, so the scanner keeps its place between chunks.
 */
import type { PrinterCondition, StatusQuery } from './status.ts';

/** Every reply byte has bits 1 and 4 set: 0x12 alone is "nothing to report". */
const BASE = 0x12;

/**
 * Replies as an Epson-compatible printer gives them. Paper out and cover open also take the
 * printer offline (n=1 bit 3) and raise n=2's error bit, as the real ones do.
 */
export const STATUS_REPLIES: Record<PrinterCondition, Record<StatusQuery, number>> = {
  ready: { 1: BASE, 2: BASE, 3: BASE, 4: BASE },
  'paper-near-end': { 1: BASE, 2: BASE, 3: BASE, 4: BASE | 0x0c },
  'paper-out': { 1: BASE | 0x08, 2: BASE | 0x20 | 0x40, 3: BASE, 4: BASE | 0x6c },
  'cover-open': { 1: BASE | 0x08, 2: BASE | 0x04 | 0x40, 3: BASE, 4: BASE },
  // An autocutter jam: offline with an error the printer cannot name further.
  offline: { 1: BASE | 0x08, 2: BASE | 0x40, 3: BASE | 0x08, 4: BASE },
};

/** Whether a printer in this condition puts ink on paper. */
export const printsIn = (condition: PrinterCondition) => condition === 'ready' || condition === 'paper-near-end';

/** Finds DLE EOT n (n = 1..4) in a stream that arrives in arbitrary chunks. */
export class StatusRequestScanner {
  /** 0: nothing, 1: DLE seen, 2: DLE EOT seen. */
  private matched = 0;

  feed(bytes: Uint8Array): StatusQuery[] {
    const found: StatusQuery[] = [];
    for (const byte of bytes) {
      if (this.matched === 2 && byte >= 1 && byte <= 4) {
        found.push(byte as StatusQuery);
        this.matched = 0;
      } else if (this.matched === 1 && byte === 0x04) this.matched = 2;
      else this.matched = byte === 0x10 ? 1 : 0;
    }
    return found;
  }
}
