/**
 * kiosk-shell without its command line: the bridge and the devices the options name, wired
 * together. main.ts runs it for `npm run shell`; tests start it in-process.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { PdfDocument } from '../src/core/bridge-messages.ts';
import { clockFromPin } from '../src/core/clock.ts';
import type { ReceiptDocument } from '../src/core/receipt.ts';
import { DocumentPrinter } from './drivers/doc-printer/doc-printer.ts';
import { openReceiptPrinter } from './drivers/escpos/open-printer.ts';
import type { ReceiptPrinter } from './drivers/escpos/printer.ts';
import { findLastRenderedJob, type VirtualPrinterLine } from './drivers/escpos/virtual-printer.ts';
import { openSerialScanner } from './drivers/scanner/scanner.ts';
import { DEMO_CARDS, type DemoCardName } from './drivers/sam-reader/demo-cards.ts';
import { SamReader } from './drivers/sam-reader/reader.ts';
import { SerialTransport } from './drivers/sam-reader/serial.ts';
import { startSamSimulator, type SamSimulator } from './drivers/sam-reader/simulator.ts';
import { linkReader } from './bridge/reader-link.ts';
import { DeviceIdentity } from './device/device-identity.ts';
import { DeviceStore } from './device/device-store.ts';
import type { PrinterPort, PrinterStatus } from './bridge/printer-port.ts';
import { BridgeServer, bridgeToken, type DemoPort } from './bridge/server.ts';
import type { DocPrinterOption, ShellOptions } from './options.ts';

export interface Shell {
  bridgeUrl: string;
  token: string;
  bridge: BridgeServer;
  /** Present with `--reader sim`: insert and remove demo cards. */
  simulator: SamSimulator | null;
  /** Present with `--printer virtual:DIR`: set paper out and so on, find the last job. */
  virtualPrinter: VirtualPrinterLine | null;
  /** The device key, enrollment and session of this terminal. */
  identity: DeviceIdentity;
  stop(): Promise<void>;
}

export interface ShellStartOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Faster polling for tests; the driver's defaults otherwise. */
  readerPollMs?: number;
  /** The hall's HTTP client for enrollment and sessions; tests may replace it. */
  fetch?: typeof fetch;
}

function shellVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The receipt printer driver as the bridge's PrinterPort: outcomes and status events passed on, reasons as the driver gives them. */
export function receiptPrinterPort(printer: ReceiptPrinter): PrinterPort<ReceiptDocument> {
  let status: PrinterStatus = { state: printer.state ?? 'absent' };
  const listeners = new Set<(status: PrinterStatus) => void>();
  printer.on((event) => {
    status = { state: event.state, ...(event.reason ? { reason: event.reason } : {}) };
    for (const listener of listeners) listener(status);
  });
  return {
    get status() {
      return status;
    },
    print: async (jobId, document) => {
      const outcome = await printer.print({ jobId, document });
      return outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason };
    },
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The document printer as a PrinterPort: it cannot be asked for its state, so it counts as ready once configured. */
export function documentPrinterPort(printer: DocumentPrinter): PrinterPort<PdfDocument> {
  return {
    status: { state: 'ready' },
    print: async (jobId, document) => {
      const outcome = await printer.print({ jobId, pdf: new Uint8Array(Buffer.from(document.pdf, 'base64')) });
      return outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason };
    },
    onStatus: () => () => {},
  };
}

/** The simulated reader and the virtual printer (filing in `printerDir`) as the admin screen drives them. */
function demoPort(simulator: () => SamSimulator | null, virtualPrinter: VirtualPrinterLine | null, printerDir: string | null): DemoPort {
  return {
    get cards() {
      return simulator() ? Object.keys(DEMO_CARDS) : [];
    },
    virtualPrinter: virtualPrinter !== null,
    insertCard: (name) => {
      const reader = simulator();
      if (!reader || !isDemoCardName(name)) return false;
      reader.insert(name);
      return true;
    },
    removeCard: () => simulator()?.remove(),
    lastReceiptPng: async () => {
      // Since this start, else the newest in the folder: the last ticket survives a shell restart.
      const path = virtualPrinter?.lastRenderedPath() ?? (printerDir ? await findLastRenderedJob(printerDir) : null);
      return path ? new Uint8Array(await readFile(path)) : null;
    },
  };
}

function openDocumentPrinter(option: DocPrinterOption, log: (line: string) => void): DocumentPrinter | null {
  if (option.kind === 'none') return null;
  return new DocumentPrinter({ target: option, log });
}

export async function startShell(options: ShellOptions, start: ShellStartOptions = {}): Promise<Shell> {
  const env = start.env ?? process.env;
  const log = start.log ?? (() => {});
  const token = bridgeToken(env);
  const receipt = options.printer.kind === 'none' ? null : openReceiptPrinter(options.printer, { log });
  const documentPrinter = openDocumentPrinter(options.docPrinter, log);
  // Started below, once the bridge listens; the demo port asks for it when a message comes.
  let simulator: SamSimulator | null = null;
  const virtualPrinter = receipt?.virtual ?? null;
  const printerDir = options.printer.kind === 'virtual' ? options.printer.dir : null;
  const demo = options.reader.kind === 'sim' || virtualPrinter ? demoPort(() => simulator, virtualPrinter, printerDir) : null;
  const clock = clockFromPin(env.KIOSK_NOW, () => performance.now());
  const identity = new DeviceIdentity({
    store: new DeviceStore(options.stateDir, log),
    // The kiosk page comes from the hall server, so its origin is the hall's unless --server says otherwise.
    server: options.server ?? options.origin,
    clock,
    log,
    ...(start.fetch ? { fetch: start.fetch } : {}),
  });
  const bridge = new BridgeServer({
    port: options.bridgePort,
    origin: options.origin,
    token,
    shellVersion: shellVersion(),
    log,
    ...(receipt ? { receiptPrinter: receiptPrinterPort(receipt.printer) } : {}),
    ...(documentPrinter ? { documentPrinter: documentPrinterPort(documentPrinter) } : {}),
    ...(demo ? { demo } : {}),
    identity,
  });
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const bridgeUrl = await bridge.start();
    stops.push(() => bridge.stop());
    // An enrollment asked for at start comes first: the session it brings needs no renewal yet.
    if (options.enroll) {
      const enrolled = await identity.enroll(options.enroll);
      log(enrolled.ok ? `device: enrolled as terminal "${enrolled.terminal.name}"` : `device: enrollment with --enroll failed (${enrolled.reason})`);
    }
    identity.start();
    stops.push(() => identity.stop());
    if (receipt) {
      receipt.printer.start();
      stops.push(() => receipt.printer.stop());
    }
    if (options.scanner.kind === 'serial') {
      const scanner = openSerialScanner({ path: options.scanner.path, log });
      const unlisten = scanner.scanner.on((event) => {
        if (event.type === 'scan') bridge.sendScan(event.text);
        else if (event.type === 'status') bridge.setDeviceStatus('scanner', event.state);
      });
      scanner.start();
      stops.push(async () => {
        unlisten();
        await scanner.stop();
      });
    }
    if (options.reader.kind !== 'none') {
      if (options.reader.kind === 'sim') {
        simulator = await startSamSimulator();
        stops.push(() => simulator?.stop());
      }
      const path = options.reader.kind === 'sim' ? simulator!.path : options.reader.path;
      const transport = new SerialTransport({ path, log });
      const reader = new SamReader({ transport, clock, log, ...(start.readerPollMs ? { pollIntervalMs: start.readerPollMs } : {}) });
      const unlink = linkReader(reader, bridge, identity);
      transport.start();
      reader.start();
      stops.push(async () => {
        unlink();
        await reader.stop();
        await transport.stop();
      });
    }
    return { bridgeUrl, token, bridge, simulator, virtualPrinter, identity, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function isDemoCardName(name: string): name is DemoCardName {
  return Object.hasOwn(DEMO_CARDS, name);
}
