import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../src/core/receipt.ts';
import { startCaptureServer, type CaptureServer } from './capture-server.ts';
import { decodeEscPos } from './decode.ts';
import { encodeReceipt } from './encode.ts';
import { ReceiptPrinter, type PrinterEvent } from './printer.ts';
import { FilePrinterLine, TcpPrinterLine, type PrinterLine } from './transports.ts';

const TICKET: ReceiptDocument = {
  items: [
    { type: 'text', text: '示例市政务服务中心', align: 'center', size: 'double', bold: true },
    { type: 'text', text: 'A023', align: 'center', size: 'double' },
    { type: 'rule' },
    { type: 'text', text: '业务类别：社保医保' },
    { type: 'qr', data: 'https://hall.example/q/A023?名=张', size: 6 },
    { type: 'barcode', format: 'code128', data: 'A023-0315' },
    { type: 'feed', lines: 2 },
    { type: 'cut' },
  ],
};

const ticket = (number: string): ReceiptDocument => ({ items: [{ type: 'text', text: `号码 ${number}` }, { type: 'cut' }] });

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function capture(port?: number): Promise<CaptureServer> {
  const server = await startCaptureServer(port === undefined ? {} : { port });
  cleanups.push(() => server.close());
  return server;
}

function driver(line: PrinterLine) {
  const printer = new ReceiptPrinter({ line, statusTimeoutMs: 200, afterJobTimeoutMs: 500, pollIntervalMs: 50 });
  const states: string[] = [];
  printer.on((event: PrinterEvent) => states.push(event.state));
  printer.start();
  cleanups.push(() => printer.stop());
  return { printer, states };
}

/** A line that calls `afterJob` once a job's bytes (anything longer than a status request) are written. */
class AfterJobLine implements PrinterLine {
  readonly canRead = true;
  constructor(
    private readonly inner: PrinterLine,
    private readonly afterJob: () => void,
  ) {}
  get connected() {
    return this.inner.connected;
  }
  start() {
    this.inner.start();
  }
  stop() {
    return this.inner.stop();
  }
  async write(bytes: Uint8Array) {
    const sent = await this.inner.write(bytes);
    if (bytes.length > 3) this.afterJob();
    return sent;
  }
  onData(listener: (bytes: Uint8Array) => void) {
    return this.inner.onData(listener);
  }
  onConnectionChange(listener: (connected: boolean) => void) {
    return this.inner.onConnectionChange(listener);
  }
}

const tcp = (port: number) => new TcpPrinterLine({ host: '127.0.0.1', port, reconnectMs: 30, connectTimeoutMs: 200 });

describe('receipt printer over TCP against the capture server', () => {
  it('prints a document with Chinese, QR and cut that decodes back identically', async () => {
    const server = await capture();
    const { printer } = driver(tcp(server.port));
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: true, state: 'ready' });
    expect(server.transcript()).toEqual(decodeEscPos(encodeReceipt(TICKET)));
    expect(server.text()).toContain('示例市政务服务中心');
    expect(server.text()).toContain('[QR https://hall.example/q/A023?名=张]');
    expect(server.transcript().at(-1)).toEqual({ type: 'cut', partial: true });
  });

  it('refuses a job with paper-out while the paper is out, printing nothing', async () => {
    const server = await capture();
    server.setCondition('paper-out');
    const { printer, states } = driver(tcp(server.port));
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: false, reason: 'paper-out', sent: false });
    expect(server.transcript()).toEqual([]);
    expect(states).toContain('paper-out');
    server.setCondition('ready');
    await until(() => printer.state === 'ready');
  });

  it('refuses with cover-open, and reports paper-near-end as printable', async () => {
    const server = await capture();
    server.setCondition('cover-open');
    const { printer } = driver(tcp(server.port));
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toMatchObject({ ok: false, reason: 'cover-open' });
    server.setCondition('paper-near-end');
    expect(await printer.print({ jobId: 'j2', document: TICKET })).toEqual({ ok: true, state: 'paper-near-end' });
  });

  it('prints a repeated job id once and answers the repeat with the first outcome', async () => {
    const server = await capture();
    const { printer } = driver(tcp(server.port));
    const [first, again] = await Promise.all([printer.print({ jobId: 'same', document: ticket('A001') }), printer.print({ jobId: 'same', document: ticket('A999') })]);
    const later = await printer.print({ jobId: 'same', document: ticket('A999') });
    expect(first).toEqual({ ok: true, state: 'ready' });
    expect(again).toBe(first);
    expect(later).toBe(first);
    expect(server.transcript().filter((entry) => entry.type === 'cut')).toHaveLength(1);
    expect(server.text()).not.toContain('A999');
  });

  it('prints queued jobs one at a time in the order they came', async () => {
    const server = await capture();
    const { printer } = driver(tcp(server.port));
    const numbers = ['A001', 'A002', 'A003', 'A004', 'A005'];
    const outcomes = await Promise.all(numbers.map((number) => printer.print({ jobId: number, document: ticket(number) })));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    const texts = server.transcript().flatMap((entry) => (entry.type === 'text' ? [entry.text] : []));
    expect(texts).toEqual(numbers.map((number) => `号码 ${number}`));
  });

  it('refuses with offline while the printer is unreachable, and recovers when it comes back', async () => {
    const gone = await startCaptureServer();
    const port = gone.port;
    await gone.close();
    const { printer } = driver(tcp(port));
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: false, reason: 'offline', sent: false });
    expect(printer.state).toBe('absent');
    const server = await capture(port);
    await until(() => printer.state === 'ready');
    expect(await printer.print({ jobId: 'j2', document: ticket('A002') })).toEqual({ ok: true, state: 'ready' });
    expect(server.text()).toContain('号码 A002');
    // A power-cycled printer drops the connection; the next job reconnects rather than failing.
    server.dropConnections();
    expect(await printer.print({ jobId: 'j3', document: ticket('A003') })).toMatchObject({ ok: true });
  });

  it('refuses with timeout when the printer stops answering status requests', async () => {
    const server = await capture();
    const { printer } = driver(tcp(server.port));
    await until(() => printer.state === 'ready');
    server.setAnswering(false);
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: false, reason: 'timeout', sent: false });
    expect(printer.state).toBe('error');
    expect(server.transcript()).toEqual([]);
  });
});

describe('the status check after a job', () => {
  it('fails a job with paper-out and sent: true when the paper runs out while it prints', async () => {
    const server = await capture();
    const { printer, states } = driver(tcp(server.port));
    server.setConditionDuringNextJob('paper-out');
    expect(await printer.print({ jobId: 'j1', document: ticket('A001') })).toEqual({ ok: false, reason: 'paper-out', sent: true });
    // The bytes left (part of the ticket may be on paper), the printer now says it has none.
    expect(server.text()).toContain('号码 A001');
    expect(server.statusRequests).toBeGreaterThanOrEqual(8);
    expect(printer.state).toBe('paper-out');
    expect(states).toContain('paper-out');
    // The same job asked again is not printed twice: the first outcome stands.
    expect(await printer.print({ jobId: 'j1', document: ticket('A001') })).toEqual({ ok: false, reason: 'paper-out', sent: true });
    expect(server.text().split('号码 A001')).toHaveLength(2);
    // The next job is refused before anything is sent, until paper is loaded.
    expect(await printer.print({ jobId: 'j2', document: ticket('A002') })).toEqual({ ok: false, reason: 'paper-out', sent: false });
    server.setCondition('ready');
    expect(await printer.print({ jobId: 'j3', document: ticket('A003') })).toEqual({ ok: true, state: 'ready' });
  });

  it('fails a job with cover-open and sent: true when the cover is lifted while it prints', async () => {
    const server = await capture();
    const { printer } = driver(tcp(server.port));
    server.setConditionDuringNextJob('cover-open');
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: false, reason: 'cover-open', sent: true });
    expect(printer.state).toBe('cover-open');
  });

  it('reports paper running low after a job as a success with the state', async () => {
    const server = await capture();
    const { printer } = driver(tcp(server.port));
    server.setConditionDuringNextJob('paper-near-end');
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: true, state: 'paper-near-end' });
    expect(printer.state).toBe('paper-near-end');
  });

  it('fails with timeout and sent: true when the printer stops answering during the job', async () => {
    const server = await capture();
    // The printer's firmware hangs once the job's bytes are out.
    const { printer } = driver(new AfterJobLine(tcp(server.port), () => server.setAnswering(false)));
    await until(() => printer.state === 'ready');
    expect(await printer.print({ jobId: 'j1', document: ticket('A001') })).toEqual({ ok: false, reason: 'timeout', sent: true });
    expect(printer.state).toBe('error');
    expect(server.text()).toContain('号码 A001');
  });
});

describe('receipt printer on a device file', () => {
  it('appends the job bytes and reports ready without asking for status', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lp-')), 'lp0');
    const { printer } = driver(new FilePrinterLine({ path }));
    expect(await printer.print({ jobId: 'a', document: ticket('A001') })).toEqual({ ok: true, state: 'ready' });
    expect(await printer.print({ jobId: 'b', document: ticket('A002') })).toEqual({ ok: true, state: 'ready' });
    const bytes = new Uint8Array(await readFile(path));
    expect(bytes.includes(0x10)).toBe(false);
    expect(decodeEscPos(bytes).filter((entry) => entry.type === 'cut')).toHaveLength(2);
  });

  it('refuses with error when the file cannot be written', async () => {
    const { printer } = driver(new FilePrinterLine({ path: '/nonexistent-dir/lp0' }));
    expect(await printer.print({ jobId: 'a', document: ticket('A001') })).toEqual({ ok: false, reason: 'error', sent: false });
    expect(printer.state).toBe('error');
  });
});
