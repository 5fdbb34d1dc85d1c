/**
 * `--printer tcp:HOST:PORT|serial:PATH|file:PATH|virtual:DIR` (DESIGN.md, fixed interfaces) as
 * a running ReceiptPrinter. Parsing is separate so the launcher can refuse a bad option before
 * it opens anything.
 */
import type { Clock } from '../../../src/core/clock.ts';
import { ReceiptPrinter, type ReceiptPrinterOptions } from './printer.ts';
import { FilePrinterLine, SerialPrinterLine, TcpPrinterLine } from './transports.ts';
import { VirtualPrinterLine } from './virtual-printer.ts';

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string }
  | { kind: 'file'; path: string }
  | { kind: 'virtual'; dir: string };

/** null for an option that names no printer kiosk-shell knows. */
export function parsePrinterTarget(option: string): PrinterTarget | null {
  const match = /^(tcp|serial|file|virtual):(.+)$/.exec(option);
  if (!match) return null;
  const [, kind, rest] = match as unknown as [string, PrinterTarget['kind'], string];
  if (kind !== 'tcp') return kind === 'virtual' ? { kind, dir: rest } : { kind, path: rest };
  // The last colon splits host and port, so a bracketed IPv6 host keeps its own colons.
  const tcp = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(rest);
  const port = Number(tcp?.[2]);
  return tcp && port > 0 && port < 65536 ? { kind, host: tcp[1]!, port } : null;
}

export function openReceiptPrinter(
  target: PrinterTarget,
  options: Omit<ReceiptPrinterOptions, 'line'> & { clock?: Clock } = {},
): { printer: ReceiptPrinter; virtual: VirtualPrinterLine | null } {
  const log = options.log;
  const withLog = log ? { log } : {};
  switch (target.kind) {
    case 'tcp':
      return { printer: new ReceiptPrinter({ ...options, line: new TcpPrinterLine({ host: target.host, port: target.port, ...withLog }) }), virtual: null };
    case 'serial':
      return { printer: new ReceiptPrinter({ ...options, line: new SerialPrinterLine({ path: target.path, ...withLog }) }), virtual: null };
    case 'file':
      return { printer: new ReceiptPrinter({ ...options, line: new FilePrinterLine({ path: target.path, ...withLog }) }), virtual: null };
    case 'virtual': {
      const line = new VirtualPrinterLine({ dir: target.dir, ...withLog, ...(options.clock ? { clock: options.clock } : {}) });
      return { printer: new ReceiptPrinter({ ...options, line }), virtual: line };
    }
  }
}
