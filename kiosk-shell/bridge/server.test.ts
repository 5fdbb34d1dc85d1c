import { connect as connectTcp } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_PDF_BYTES, type PdfDocument, type ShellMessage } from '../../src/core/bridge-messages.ts';
import { DEMO_CARDS } from '../drivers/sam-reader/demo-cards.ts';
import { SamReader } from '../drivers/sam-reader/reader.ts';
import { SerialTransport } from '../drivers/sam-reader/serial.ts';
import { startSamSimulator } from '../drivers/sam-reader/simulator.ts';
import type { PrinterPort, PrinterStatus, PrintResult } from './printer-port.ts';
import { linkReader } from './reader-link.ts';
import { BridgeServer, bridgeToken, CLOSE_AUTH_TIMEOUT, CLOSE_UNAUTHORIZED, MAX_FRAME_BYTES, MAX_PENDING_CONNECTIONS, MAX_PRE_AUTH_FRAME_BYTES, type BridgeOptions } from './server.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const TOKEN = 'test-token-Zx9';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startBridge(options: Partial<BridgeOptions> = {}) {
  const logs: string[] = [];
  const bridge = new BridgeServer({ port: 0, origin: ORIGIN, token: TOKEN, log: (line) => logs.push(line), ...options });
  const url = await bridge.start();
  cleanups.push(() => bridge.stop());
  return { bridge, url, logs };
}

interface Client {
  ws: WebSocket;
  messages: ShellMessage[];
  closed: Promise<{ code: number; reason: string }>;
  next(type: ShellMessage['type'], timeoutMs?: number): Promise<ShellMessage>;
}

function connect(url: string, origin = ORIGIN): Client {
  const ws = new WebSocket(url, { origin });
  const messages: ShellMessage[] = [];
  let seen = 0;
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as ShellMessage));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  cleanups.push(() => ws.terminate());
  const next = async (type: ShellMessage['type'], timeoutMs = 3000) => {
    await until(() => messages.slice(seen).some((message) => message.type === type), timeoutMs);
    const index = messages.findIndex((message, i) => i >= seen && message.type === type);
    seen = index + 1;
    return messages[index]!;
  };
  return { ws, messages, closed, next };
}

async function authedClient(url: string): Promise<Client> {
  const client = connect(url);
  await new Promise((resolve) => client.ws.once('open', resolve));
  client.ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
  await client.next('hello');
  return client;
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const receipt = { items: [{ type: 'text', text: 'A012' }, { type: 'cut' }] };

/** A PDF-looking buffer of the given size (the bridge looks at the size, the printer at the header). */
function fakePdf(size: number): Buffer {
  const pdf = Buffer.alloc(size, 0x20);
  pdf.write('%PDF-1.7\n');
  return pdf;
}

function recordingDocumentPrinter() {
  const jobs: Array<{ jobId: string; pdf: string }> = [];
  const port: PrinterPort<PdfDocument> = {
    status: { state: 'ready' },
    print: async (jobId, document) => {
      jobs.push({ jobId, pdf: document.pdf });
      return { ok: true };
    },
    onStatus: () => () => {},
  };
  return { port, jobs };
}

describe('the device bridge', () => {
  it('listens on the loopback interface only', async () => {
    const { url } = await startBridge();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses the upgrade with 403 when the Origin is not the kiosk origin', async () => {
    const { url } = await startBridge();
    for (const origin of ['http://evil.example', 'http://127.0.0.1:8081', `${ORIGIN}/`]) {
      const ws = new WebSocket(url, { origin });
      const status = await new Promise<number | undefined>((resolve) => {
        ws.on('unexpected-response', (_request, response) => resolve(response.statusCode));
        ws.on('open', () => resolve(undefined));
        ws.on('error', () => {});
      });
      expect(status).toBe(403);
      ws.terminate();
    }
  });

  it('refuses the upgrade with 403 when there is no Origin header at all', async () => {
    const { url, logs } = await startBridge();
    // ws sends no Origin unless told; a local program or a curl would do the same.
    const ws = new WebSocket(url);
    const status = await new Promise<number | undefined>((resolve) => {
      ws.on('unexpected-response', (request, response) => {
        expect(request.getHeader('origin')).toBeUndefined();
        resolve(response.statusCode);
      });
      ws.on('open', () => resolve(undefined));
      ws.on('error', () => {});
    });
    expect(status).toBe(403);
    expect(logs).toContain('bridge: connection refused (wrong origin)');
    ws.terminate();
  });

  it('closes a socket whose first message is not auth with the right token', async () => {
    const { url, logs } = await startBridge();
    for (const first of [{ type: 'print', jobId: 'j1', device: 'receipt', document: receipt }, { type: 'auth', token: 'not-the-Token-77' }, { type: 'auth' }]) {
      const client = connect(url);
      await new Promise((resolve) => client.ws.once('open', resolve));
      client.ws.send(JSON.stringify(first));
      expect(await client.closed).toEqual({ code: CLOSE_UNAUTHORIZED, reason: 'unauthorized' });
      expect(client.messages).toEqual([]);
    }
    const garbage = connect(url);
    await new Promise((resolve) => garbage.ws.once('open', resolve));
    garbage.ws.send('{not json');
    expect((await garbage.closed).code).toBe(CLOSE_UNAUTHORIZED);
    expect(logs.join('\n')).not.toContain('not-the-Token-77');
  });

  it('closes a socket that does not authenticate in time', async () => {
    const { url } = await startBridge({ authTimeoutMs: 150 });
    const client = connect(url);
    await new Promise((resolve) => client.ws.once('open', resolve));
    const started = Date.now();
    expect(await client.closed).toEqual({ code: CLOSE_AUTH_TIMEOUT, reason: 'auth timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    // A late token changes nothing: the socket is gone.
    expect(client.messages).toEqual([]);
  });

  it('greets an authenticated app with hello, then reports each device status change', async () => {
    const { url, bridge } = await startBridge({ shellVersion: '1.2.3' });
    const client = await authedClient(url);
    expect(client.messages[0]).toEqual({
      type: 'hello',
      versions: { shell: '1.2.3', protocol: 1 },
      devices: { reader: 'absent', scanner: 'absent', printer: 'absent', docPrinter: 'absent' },
    });
    bridge.setDeviceStatus('reader', 'error', 'unplugged');
    expect(await client.next('device.status')).toEqual({ type: 'device.status', device: 'reader', state: 'error', reason: 'unplugged' });
    // A reason that is not a plain word never reaches the app.
    bridge.setDeviceStatus('scanner', 'ready', 'Some free text!');
    expect(await client.next('device.status')).toEqual({ type: 'device.status', device: 'scanner', state: 'ready' });
  });

  it('answers a print with no printer configured with print.failed absent', async () => {
    const { url } = await startBridge();
    const client = await authedClient(url);
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'job-1', device: 'receipt', document: receipt }));
    expect(await client.next('print.failed')).toEqual({ type: 'print.failed', jobId: 'job-1', reason: 'absent' });
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'job-2', device: 'document', document: { pdf: 'JVBERi0=' } }));
    expect(await client.next('print.failed')).toEqual({ type: 'print.failed', jobId: 'job-2', reason: 'absent' });
  });

  it('answers malformed and unknown messages with error and keeps the socket open', async () => {
    const { url } = await startBridge();
    const client = await authedClient(url);
    client.ws.send('{"type":');
    expect(await client.next('error')).toEqual({ type: 'error', code: 'malformed' });
    client.ws.send(JSON.stringify({ type: 'launch.missiles' }));
    expect(await client.next('error')).toEqual({ type: 'error', code: 'unknown-type', of: 'launch.missiles' });
    client.ws.send(JSON.stringify({ type: 'print', device: 'receipt', document: receipt }));
    expect(await client.next('error')).toEqual({ type: 'error', code: 'invalid', of: 'print' });
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'j9', device: 'receipt', document: { items: [{ type: 'laser' }] } }));
    expect(await client.next('print.failed')).toEqual({ type: 'print.failed', jobId: 'j9', reason: 'invalid-document' });
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await client.next('error')).toEqual({ type: 'error', code: 'malformed' });
    client.ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    expect(await client.next('error')).toEqual({ type: 'error', code: 'already-authenticated', of: 'auth' });
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('prints a 1 MB PDF on the document printer', async () => {
    const { port, jobs } = recordingDocumentPrinter();
    const { url } = await startBridge({ documentPrinter: port });
    const client = await authedClient(url);
    const pdf = fakePdf(1024 * 1024);
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'cert-1', device: 'document', document: { pdf: pdf.toString('base64') } }));
    expect(await client.next('print.done')).toEqual({ type: 'print.done', jobId: 'cert-1' });
    expect(jobs).toHaveLength(1);
    expect(Buffer.from(jobs[0]!.pdf, 'base64').equals(pdf)).toBe(true);
  });

  it('answers a PDF over 8 MB with print.failed too-large, prints nothing, and keeps the socket open', async () => {
    const { port, jobs } = recordingDocumentPrinter();
    const { url, logs } = await startBridge({ documentPrinter: port });
    const client = await authedClient(url);
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'cert-huge', device: 'document', document: { pdf: fakePdf(MAX_PDF_BYTES + 30 * 1024).toString('base64') } }));
    expect(await client.next('print.failed', 10_000)).toEqual({ type: 'print.failed', jobId: 'cert-huge', reason: 'too-large' });
    expect(jobs).toEqual([]);
    expect(logs.some((line) => line.startsWith('bridge: <- refused (too-large, print,'))).toBe(true);
    // The same connection goes on: the next document prints.
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'cert-2', device: 'document', document: { pdf: fakePdf(1000).toString('base64') } }));
    expect(await client.next('print.done')).toEqual({ type: 'print.done', jobId: 'cert-2' });
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('keeps the small limit for everything but a document print', async () => {
    const { url } = await startBridge();
    const client = await authedClient(url);
    // A receipt of 300 KB is no ticket: refused by size, before its contents are judged.
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'big', device: 'receipt', document: { items: [{ type: 'text', text: 'x'.repeat(300 * 1024) }] } }));
    expect(await client.next('print.failed')).toEqual({ type: 'print.failed', jobId: 'big', reason: 'too-large' });
    client.ws.send(JSON.stringify({ type: 'demo.insert', card: 'x'.repeat(300 * 1024) }));
    expect(await client.next('error')).toEqual({ type: 'error', code: 'too-large', of: 'demo.insert' });
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('cuts off a stranger’s frame of more than a few KB before the token, unread', async () => {
    const { url } = await startBridge();
    const client = connect(url);
    await new Promise((resolve) => client.ws.once('open', resolve));
    client.ws.send(JSON.stringify({ type: 'auth', token: TOKEN, padding: 'x'.repeat(MAX_PRE_AUTH_FRAME_BYTES) }));
    // 1009: ws refuses the frame by its header's length, before buffering it.
    expect((await client.closed).code).toBe(1009);
  });

  it('lets a client that showed the token send the largest document, and closes a frame past it', async () => {
    const { port } = recordingDocumentPrinter();
    const { url } = await startBridge({ documentPrinter: port });
    const client = await authedClient(url);
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'cert-8mb', device: 'document', document: { pdf: fakePdf(MAX_PDF_BYTES).toString('base64') } }));
    expect(await client.next('print.done', 10_000)).toEqual({ type: 'print.done', jobId: 'cert-8mb' });
    client.ws.send(Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20));
    expect((await client.closed).code).toBe(1009);
  });

  it('keeps at most a few connections waiting for their token: the oldest stranger makes room, and failed handshakes free theirs', async () => {
    const { url, logs } = await startBridge({ authTimeoutMs: 60_000 });
    // Handshakes ws refuses without a word (no key): their places must come free.
    const port = Number(new URL(url).port);
    for (let i = 0; i < MAX_PENDING_CONNECTIONS + 2; i++) {
      await new Promise<void>((resolve) => {
        const raw = connectTcp(port, '127.0.0.1', () => raw.end(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n`));
        raw.on('error', () => resolve());
        raw.on('close', () => resolve());
        raw.resume();
      });
    }
    const waiting = Array.from({ length: MAX_PENDING_CONNECTIONS }, () => connect(url));
    await Promise.all(waiting.map((client) => new Promise((resolve) => client.ws.once('open', resolve))));
    // One more: the oldest silent one goes, and the kiosk's page gets its bridge.
    const app = await authedClient(url);
    expect(app.messages[0]).toMatchObject({ type: 'hello' });
    expect((await waiting[0]!.closed).code).toBe(1006);
    expect(logs).toContain('bridge: closed the oldest connection still waiting to authenticate (too many waiting)');
  });

  it('closes a socket only past the frame ceiling, which ws enforces before reading', async () => {
    const { url } = await startBridge({ maxFrameBytes: 1024 });
    const client = await authedClient(url);
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'big', device: 'receipt', document: { items: [{ type: 'text', text: 'x'.repeat(2000) }] } }));
    expect((await client.closed).code).toBe(1009);
  });

  it('tells a client that connects later why each device is in its state, with line error counts', async () => {
    const { url, bridge } = await startBridge();
    bridge.setDeviceStatus('reader', 'error', 'no-reply');
    const lineErrors = { frames: 120, badChecksums: 2, badLengths: 1, garbageBytes: 15 };
    bridge.setLineErrors('reader', lineErrors);
    bridge.setDeviceStatus('printer', 'error', 'font-missing');
    const client = await authedClient(url);
    expect(client.messages[0]).toMatchObject({
      type: 'hello',
      devices: { reader: 'error', printer: 'error' },
      details: { reader: { reason: 'no-reply', lineErrors }, printer: { reason: 'font-missing' } },
    });
    bridge.setDeviceStatus('reader', 'ready');
    expect(await client.next('device.status')).toEqual({ type: 'device.status', device: 'reader', state: 'ready', lineErrors });
    bridge.setLineErrors('reader', { ...lineErrors, badChecksums: 3 });
    expect(await client.next('device.status')).toEqual({ type: 'device.status', device: 'reader', state: 'ready', lineErrors: { ...lineErrors, badChecksums: 3 } });
  });

  it('serves several clients, and many messages a second', async () => {
    const { url, bridge } = await startBridge();
    const first = await authedClient(url);
    const second = await authedClient(url);
    expect(bridge.connectedClients).toBe(2);
    for (let i = 0; i < 50; i++) bridge.sendScan(`code-${i}`);
    await until(() => [first, second].every((client) => client.messages.filter((m) => m.type === 'scan').length === 50));
    expect(second.messages.filter((m) => m.type === 'scan').map((m) => (m as { text: string }).text)).toEqual(
      Array.from({ length: 50 }, (_, i) => `code-${i}`),
    );
    for (let i = 0; i < 20; i++) first.ws.send(JSON.stringify({ type: 'print', jobId: `burst-${i}`, device: 'receipt', document: receipt }));
    await until(() => first.messages.filter((m) => m.type === 'print.failed').length === 20);
    // Answers go to the app that asked, not to every app.
    expect(second.messages.some((m) => m.type === 'print.failed')).toBe(false);
    first.ws.close();
    await until(() => bridge.connectedClients === 1);
    bridge.cardRemoved();
    expect(await second.next('card.removed')).toEqual({ type: 'card.removed' });
  });

  it('finishes a job whose app went away and drops the answer', async () => {
    let finish: (result: PrintResult) => void = () => {};
    const printed: string[] = [];
    const listeners = new Set<(status: PrinterStatus) => void>();
    const slowPrinter: PrinterPort<unknown> = {
      status: { state: 'ready' },
      print: (jobId) =>
        new Promise((resolve) => {
          printed.push(jobId);
          finish = resolve;
        }),
      onStatus: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const { url, logs } = await startBridge({ receiptPrinter: slowPrinter });
    const client = await authedClient(url);
    expect(client.messages[0]).toMatchObject({ devices: { printer: 'ready' } });
    client.ws.send(JSON.stringify({ type: 'print', jobId: 'gone-1', device: 'receipt', document: receipt }));
    await until(() => printed.length === 1);
    client.ws.close();
    await client.closed;
    finish({ ok: true });
    await until(() => logs.some((line) => line.includes('answer dropped')));
    // Printer status changes reach the apps as device.status for 'printer'.
    const other = await authedClient(url);
    for (const listener of listeners) listener({ state: 'paper-out', reason: 'paper-out' });
    expect(await other.next('device.status')).toEqual({ type: 'device.status', device: 'printer', state: 'paper-out', reason: 'paper-out' });
  });

  it('lets the admin screen drive simulated devices only when the shell has them', async () => {
    const plain = await startBridge();
    const app = await authedClient(plain.url);
    app.ws.send(JSON.stringify({ type: 'demo.insert', card: 'elder' }));
    expect(await app.next('error')).toEqual({ type: 'error', code: 'unknown-type', of: 'demo.insert' });

    const inserted: string[] = [];
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const demo = await startBridge({
      demo: {
        cards: ['citizen', 'elder'],
        virtualPrinter: true,
        insertCard: (name) => name === 'elder' && inserted.push(name) > 0,
        removeCard: () => void inserted.push('removed'),
        lastReceiptPng: async () => png,
      },
    });
    const admin = connect(demo.url);
    await new Promise((resolve) => admin.ws.once('open', resolve));
    admin.ws.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    await admin.next('hello');
    expect(await admin.next('demo')).toEqual({ type: 'demo', cards: ['citizen', 'elder'], virtualPrinter: true });
    admin.ws.send(JSON.stringify({ type: 'demo.insert', card: 'elder' }));
    admin.ws.send(JSON.stringify({ type: 'demo.insert', card: 'nobody' }));
    expect(await admin.next('error')).toEqual({ type: 'error', code: 'invalid', of: 'demo.insert' });
    admin.ws.send(JSON.stringify({ type: 'demo.remove' }));
    admin.ws.send(JSON.stringify({ type: 'demo.lastReceipt' }));
    expect(await admin.next('demo.lastReceipt')).toEqual({ type: 'demo.lastReceipt', png: Buffer.from(png).toString('base64') });
    expect(inserted).toEqual(['elder', 'removed']);
  });

  it('uses KIOSK_BRIDGE_TOKEN when set, and a fresh random token otherwise', () => {
    expect(bridgeToken({ KIOSK_BRIDGE_TOKEN: 'fixed' })).toBe('fixed');
    const a = bridgeToken({});
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(bridgeToken({})).not.toBe(a);
  });
});

describe('the bridge with the ID card reader over a pseudo-terminal', () => {
  it('sends the decoded card on insertion and card.removed on removal, with no personal data in the log', async () => {
    const { url, bridge, logs } = await startBridge();
    const simulator = await startSamSimulator();
    const transport = new SerialTransport({ path: simulator.path, reconnectMs: 50 });
    const reader = new SamReader({ transport, pollIntervalMs: 20, replyTimeoutMs: 150, readTimeoutMs: 400 });
    const unlink = linkReader(reader, bridge);
    transport.start();
    reader.start();
    cleanups.push(async () => {
      unlink();
      await reader.stop();
      await transport.stop();
      await simulator.stop();
    });
    const client = await authedClient(url);
    await until(() => bridge.deviceStates.reader === 'ready');
    simulator.insert('citizen');
    expect(await client.next('card')).toEqual({ type: 'card', card: DEMO_CARDS.citizen });
    simulator.remove();
    expect(await client.next('card.removed')).toEqual({ type: 'card.removed' });
    simulator.insert('expired');
    expect(await client.next('card.refused')).toEqual({ type: 'card.refused', reason: 'expired' });
    const log = logs.join('\n');
    for (const card of [DEMO_CARDS.citizen, DEMO_CARDS.expired]) {
      expect(log).not.toContain(card.name);
      expect(log).not.toContain(card.idNumber);
    }
  });
});
