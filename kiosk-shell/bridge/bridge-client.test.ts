/** The PWA's bridge client (src/platform/bridge-client.ts) against the real bridge, over real sockets. */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { PdfDocument } from '../../src/core/bridge-messages.ts';
import { ALL_DEVICES_ABSENT } from '../../src/core/devices.ts';
import { deviceDetails, deviceStates } from '../../src/platform/bridge-launch.ts';
import {
  bridgeConnected,
  cardRefusal,
  forgetCard,
  insertDemoCard,
  lastCard,
  print,
  startBridgeClient,
  stopBridgeClient,
} from '../../src/platform/bridge-client.ts';
import { lastScan } from '../../src/platform/scans.ts';
import { DEMO_CARDS } from '../drivers/sam-reader/demo-cards.ts';
import type { PrinterPort } from './printer-port.ts';
import { BridgeServer } from './server.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const TOKEN = 'client-test-token';
/** A browser sends its page's Origin; ws sends none unless told. */
class BrowserLikeSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
}
const WebSocketImpl = BrowserLikeSocket as unknown as new (url: string) => globalThis.WebSocket;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  stopBridgeClient();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type BridgeTestOptions = { receiptPrinter?: PrinterPort<never>; documentPrinter?: PrinterPort<PdfDocument>; maxFrameBytes?: number };

async function bridgeOn(port = 0, options: BridgeTestOptions = {}) {
  const logs: string[] = [];
  const bridge = new BridgeServer({ port, origin: ORIGIN, token: TOKEN, log: (line) => logs.push(line), ...options });
  const url = await bridge.start();
  cleanups.push(() => bridge.stop());
  /** How many times an app authenticated: one per connection, so reconnects show here. */
  const connections = () => logs.filter((line) => line.startsWith('bridge: client authenticated')).length;
  return { bridge, url, logs, connections };
}

function recordingPrinter<Document>() {
  const jobs: Array<{ jobId: string; document: Document }> = [];
  const port: PrinterPort<Document> = {
    status: { state: 'ready' },
    print: async (jobId, document) => {
      jobs.push({ jobId, document });
      return { ok: true };
    },
    onStatus: () => () => {},
  };
  return { port, jobs };
}

/** Base64 of a PDF-looking file of the given size. */
const pdfOf = (size: number): PdfDocument => {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write('%PDF-1.7\n');
  return { pdf: bytes.toString('base64') };
};

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const receipt = { items: [{ type: 'text' as const, text: 'A012' }, { type: 'cut' as const }] };

describe('the PWA bridge client', () => {
  it('fails a print with absent at once when no shell is there', async () => {
    startBridgeClient({ launch: null, WebSocketImpl });
    expect(await print('receipt', receipt)).toEqual({ ok: false, reason: 'absent' });
    expect(bridgeConnected.value).toBe(false);
  });

  it('authenticates, follows device states, cards, scans and prints', async () => {
    const { bridge, url } = await bridgeOn();
    bridge.setDeviceStatus('reader', 'ready');
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    expect(deviceStates.value).toEqual({ ...ALL_DEVICES_ABSENT, reader: 'ready' });
    bridge.setDeviceStatus('scanner', 'error');
    await until(() => deviceStates.value.scanner === 'error');
    bridge.sendCard(DEMO_CARDS.citizen);
    await until(() => lastCard.value !== null);
    expect(lastCard.value).toEqual(DEMO_CARDS.citizen);
    bridge.cardRemoved();
    await until(() => lastCard.value === null);
    bridge.refuseCard('expired');
    await until(() => cardRefusal.value === 'expired');
    forgetCard();
    expect(cardRefusal.value).toBe(null);
    bridge.sendScan('https://example.org/q');
    await until(() => lastScan.value?.text === 'https://example.org/q');
    expect(await print('receipt', receipt)).toEqual({ ok: false, reason: 'absent' });
  });

  it('times a print out when the shell does not answer', async () => {
    const never: PrinterPort<never> = { status: { state: 'ready' }, print: () => new Promise(() => {}), onStatus: () => () => {} };
    const { url } = await bridgeOn(0, { receiptPrinter: never });
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    expect(await print('receipt', receipt, { timeoutMs: 100 })).toEqual({ ok: false, reason: 'timeout' });
  });

  it('reconnects after the shell restarts, and forgets card and devices while it is away', async () => {
    const first = await bridgeOn();
    const port = Number(new URL(first.url).port);
    first.bridge.setDeviceStatus('reader', 'ready');
    startBridgeClient({ launch: { url: first.url, token: TOKEN }, WebSocketImpl, random: () => 0 });
    await until(() => bridgeConnected.value);
    first.bridge.sendCard(DEMO_CARDS.elder);
    await until(() => lastCard.value !== null);
    await first.bridge.stop();
    await until(() => !bridgeConnected.value);
    expect(lastCard.value).toBe(null);
    expect(deviceStates.value).toEqual(ALL_DEVICES_ABSENT);
    const second = await bridgeOn(port);
    second.bridge.setDeviceStatus('reader', 'ready');
    await until(() => bridgeConnected.value && deviceStates.value.reader === 'ready', 5000);
  });

  it('ignores messages that do not parse, such as a card with a missing field', async () => {
    const { bridge, url } = await bridgeOn();
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    const { idNumber: _dropped, ...broken } = DEMO_CARDS.citizen;
    bridge.sendCard(broken as typeof DEMO_CARDS.citizen);
    bridge.sendScan('after');
    await until(() => lastScan.value?.text === 'after');
    expect(lastCard.value).toBe(null);
  });

  it('follows why each device is in its state, and its line errors', async () => {
    const { bridge, url } = await bridgeOn();
    const lineErrors = { frames: 40, badChecksums: 1, badLengths: 0, garbageBytes: 9 };
    bridge.setDeviceStatus('reader', 'error', 'unplugged');
    bridge.setLineErrors('reader', lineErrors);
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    expect(deviceDetails.value).toEqual({ reader: { reason: 'unplugged', lineErrors } });
    bridge.setDeviceStatus('printer', 'paper-out', 'paper-out');
    await until(() => deviceDetails.value.printer?.reason === 'paper-out');
    bridge.setDeviceStatus('reader', 'ready');
    await until(() => deviceStates.value.reader === 'ready');
    expect(deviceDetails.value.reader).toEqual({ lineErrors });
    bridge.setDeviceStatus('printer', 'ready');
    await until(() => deviceStates.value.printer === 'ready');
    expect(deviceDetails.value.printer).toBeUndefined();
    await bridge.stop();
    await until(() => !bridgeConnected.value);
    expect(deviceDetails.value).toEqual({});
  });
});

describe('document prints through the bridge client', () => {
  it('prints a 1 MB PDF', async () => {
    const printer = recordingPrinter<PdfDocument>();
    const { url } = await bridgeOn(0, { documentPrinter: printer.port });
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    const document = pdfOf(1024 * 1024);
    expect(await print('document', document)).toEqual({ ok: true });
    expect(printer.jobs.map((job) => job.document)).toEqual([document]);
  });

  it('refuses a 20 MB PDF with too-large without sending it; the connection and the card stay', async () => {
    const printer = recordingPrinter<PdfDocument>();
    const { bridge, url, logs, connections } = await bridgeOn(0, { documentPrinter: printer.port });
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl });
    await until(() => bridgeConnected.value);
    bridge.sendCard(DEMO_CARDS.citizen);
    await until(() => lastCard.value !== null);
    expect(await print('document', pdfOf(20 * 1024 * 1024))).toEqual({ ok: false, reason: 'too-large' });
    // The identity of the citizen at the terminal is intact, and the next document prints.
    expect(await print('document', pdfOf(1000))).toEqual({ ok: true });
    expect(bridgeConnected.value).toBe(true);
    expect(lastCard.value).toEqual(DEMO_CARDS.citizen);
    expect(connections()).toBe(1);
    expect(printer.jobs).toHaveLength(1);
    expect(logs.filter((line) => line.startsWith('bridge: <- print'))).toHaveLength(1);
  });

  it('fails a job that a shell with a lower limit closed the socket for, and never sends it again', async () => {
    const printer = recordingPrinter<PdfDocument>();
    const receipts = recordingPrinter<never>();
    // An older shell: ws closes (1009) at 64 KB, before reading the message.
    const { url, connections } = await bridgeOn(0, { documentPrinter: printer.port, receiptPrinter: receipts.port, maxFrameBytes: 64 * 1024 });
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl, random: () => 0 });
    await until(() => bridgeConnected.value);
    expect(await print('document', pdfOf(100 * 1024))).toEqual({ ok: false, reason: 'too-large' });
    await until(() => bridgeConnected.value);
    // Had the document gone out again on the new connection, it would have closed that one too
    // before this receipt was read, and the receipt would have needed a third connection.
    expect(await print('receipt', receipt)).toEqual({ ok: true });
    expect(connections()).toBe(2);
    expect(printer.jobs).toEqual([]);
    expect(receipts.jobs).toHaveLength(1);
  });

  it('sends a job at most twice when the connection drops under it, then fails it', async () => {
    // A shell that falls over on every print: the job must not keep knocking it down.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise((resolve) => server.once('listening', resolve));
    const received: string[] = [];
    let connections = 0;
    server.on('connection', (ws) => {
      connections++;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string };
        received.push(message.type);
        if (message.type === 'auth') ws.send(JSON.stringify({ type: 'hello', versions: { shell: 'x', protocol: 1 }, devices: ALL_DEVICES_ABSENT }));
        if (message.type === 'print') ws.terminate();
      });
    });
    const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
    startBridgeClient({ launch: { url, token: TOKEN }, WebSocketImpl, random: () => 0 });
    await until(() => bridgeConnected.value);
    expect(await print('receipt', receipt)).toEqual({ ok: false, reason: 'connection-lost' });
    await until(() => bridgeConnected.value && connections === 3);
    // A message after the third hello: anything sent again on connecting would have come before it.
    insertDemoCard('citizen');
    await until(() => received.includes('demo.insert'));
    expect(received.filter((type) => type === 'print')).toHaveLength(2);
  });
});
