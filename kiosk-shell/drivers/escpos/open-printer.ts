/**
 * `--printer tcp:HOST:PORT|serial:PATH|file:PATH|virtual:DIR` (DESIGN.md, fixed interfaces) as
 * a ReceiptPrinter. options.ts parses the option, so a bad one is refused before anything opens.
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
