/**
 * What the bridge needs of a printer. The receipt printer (drivers/escpos) and the document
 * printer (drivers/doc-printer) implement it; the bridge knows nothing of their bytes.
 */
import type { DeviceState } from '../../src/core/devices.ts';

export type PrintResult = { ok: true } | { ok: false; reason: string };

export interface PrinterStatus {
  state: DeviceState;
  /** A short machine word such as `paper-out`; never document contents. */
  reason?: string;
}

export interface PrinterPort<Document> {
  /** The state now, reported in `hello` to a client that connects later. */
  readonly status: PrinterStatus;
  /**
   * Prints one job. Resolves with the outcome and never rejects for a device problem; the same
   * jobId sent again (the app retries after a reconnect) must not print twice.
   */
  print(jobId: string, document: Document): Promise<PrintResult>;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
}

/** The port when no printer is configured: it is absent and refuses every job at once. */
export function absentPrinter<Document>(): PrinterPort<Document> {
  return {
    status: { state: 'absent' },
    print: async () => ({ ok: false, reason: 'absent' }),
    onStatus: () => () => {},
  };
}
