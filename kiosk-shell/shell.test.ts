import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ShellMessage } from '../src/core/bridge-messages.ts';
import { startCaptureServer, type CaptureServer } from './drivers/escpos/capture-server.ts';
import { parseShellOptions } from './options.ts';
import { startShell, type Shell } from './shell.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CARDS, type DemoCardName } from './drivers/sam-reader/demo-cards.ts';
import { RotatingLog } from './logging/rotating-log.ts';
import { createShellLog } from './logging/shell-log.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function shellWithCapturePrinter(): Promise<{ shell: Shell; capture: CaptureServer }> {
  const capture = await startCaptureServer();
  cleanups.push(() => capture.close());
  const parsed = parseShellOptions(['--origin', ORIGIN, '--bridge-port', '0', '--reader', 'none', '--printer', capture.target, '--no-browser']);
  if (!parsed.ok) throw new Error(parsed.error);
  const shell = await startShell(parsed.options, { env: {} });
  cleanups.push(() => shell.stop());
  return { shell, capture };
}

async function client(shell: Shell) {
  const ws = new WebSocket(shell.bridgeUrl, { origin: ORIGIN });
  const messages: ShellMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as ShellMessage));
  cleanups.push(() => ws.terminate());
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'auth', token: shell.token }));
  await until(() => messages.some((message) => message.type === 'hello'));
  const answer = async (jobId: string) => {
    await until(() => messages.some((message) => (message.type === 'print.done' || message.type === 'print.failed') && message.jobId === jobId));
    return messages.find((message) => (message.type === 'print.done' || message.type === 'print.failed') && message.jobId === jobId)!;
  };
  return { ws, messages, answer };
}

const ticket = { items: [{ type: 'text', text: '示例市政务服务中心' }, { type: 'text', text: 'A012', size: 'double' }, { type: 'cut' }] };

describe('the shell with a receipt printer on --printer tcp:', () => {
  it('prints a receipt sent over the bridge and answers print.done', async () => {
    const { shell, capture } = await shellWithCapturePrinter();
    const app = await client(shell);
    app.ws.send(JSON.stringify({ type: 'print', jobId: 'job-1', device: 'receipt', document: ticket }));
    expect(await app.answer('job-1')).toEqual({ type: 'print.done', jobId: 'job-1' });
    expect(capture.text()).toContain('A012');
    expect(capture.text()).toContain('示例市政务服务中心');
    expect(shell.bridge.deviceStates.printer).toBe('ready');
  });

  it('answers print.failed paper-out when the printer has no paper, and reports the state', async () => {
    const { shell, capture } = await shellWithCapturePrinter();
    const app = await client(shell);
    capture.setCondition('paper-out');
    app.ws.send(JSON.stringify({ type: 'print', jobId: 'job-2', device: 'receipt', document: ticket }));
    expect(await app.answer('job-2')).toEqual({ type: 'print.failed', jobId: 'job-2', reason: 'paper-out' });
    expect(capture.text()).not.toContain('A012');
    expect(app.messages).toContainEqual({ type: 'device.status', device: 'printer', state: 'paper-out', reason: 'paper-out' });
  });
});

describe('the shell with a document printer on --doc-printer pdf:', () => {
  it('files a PDF sent over the bridge', async () => {
    const { mkdtemp, readdir, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-shell-doc-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const parsed = parseShellOptions(['--origin', ORIGIN, '--bridge-port', '0', '--doc-printer', `pdf:${dir}`]);
    if (!parsed.ok) throw new Error(parsed.error);
    const shell = await startShell(parsed.options, { env: {} });
    cleanups.push(() => shell.stop());
    const app = await client(shell);
    expect(app.messages[0]).toMatchObject({ type: 'hello', devices: { docPrinter: 'ready', printer: 'absent' } });
    app.ws.send(JSON.stringify({ type: 'print', jobId: 'doc-1', device: 'document', document: { pdf: Buffer.from('%PDF-1.4 test').toString('base64') } }));
    expect(await app.answer('doc-1')).toEqual({ type: 'print.done', jobId: 'doc-1' });
    expect((await readdir(dir)).some((name) => name.endsWith('.pdf'))).toBe(true);
  });
});

describe('the shell with a virtual printer on --printer virtual:', () => {
  it("shows the admin the last ticket in the folder after a restart, before anything new is printed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-shell-virtual-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const parsed = parseShellOptions(['--origin', ORIGIN, '--bridge-port', '0', '--printer', `virtual:${dir}`]);
    if (!parsed.ok) throw new Error(parsed.error);
    const first = await startShell(parsed.options, { env: {} });
    const before = await client(first);
    before.ws.send(JSON.stringify({ type: 'print', jobId: 'job-1', device: 'receipt', document: ticket }));
    expect(await before.answer('job-1')).toEqual({ type: 'print.done', jobId: 'job-1' });
    const png = readdirSync(dir).find((name) => name.endsWith('.png'))!;
    before.ws.terminate();
    await first.stop();

    const second = await startShell(parsed.options, { env: {} });
    cleanups.push(() => second.stop());
    const admin = await client(second);
    expect(second.virtualPrinter!.lastRenderedPath()).toBeNull();
    admin.ws.send(JSON.stringify({ type: 'demo.lastReceipt' }));
    await until(() => admin.messages.some((message) => message.type === 'demo.lastReceipt'));
    const answer = admin.messages.find((message) => message.type === 'demo.lastReceipt') as { png: string | null };
    expect(answer.png).toBe(readFileSync(join(dir, png)).toString('base64'));
  });
});

describe('the shell log files', () => {
  it('hold no name, ID number, address or pass number after every demo card is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-shell-logs-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = new RotatingLog({ dir });
    cleanups.push(() => file.close());
    const log = createShellLog({ sinks: [(line) => file.write(line)] });
    const parsed = parseShellOptions(['--origin', ORIGIN, '--bridge-port', '0', '--reader', 'sim', '--no-browser']);
    if (!parsed.ok) throw new Error(parsed.error);
    const shell = await startShell(parsed.options, { env: {}, log, readerPollMs: 30 });
    cleanups.push(() => shell.stop());
    const app = await client(shell);
    for (const name of Object.keys(DEMO_CARDS) as DemoCardName[]) {
      const seen = app.messages.length;
      shell.simulator!.insert(name);
      await until(() => app.messages.slice(seen).some((message) => message.type === 'card' || message.type === 'card.refused'));
      shell.simulator!.remove();
      await until(() => app.messages.slice(seen).some((message) => message.type === 'card.removed'));
    }
    const text = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('\n');
    // The log did record the reads, by type only.
    expect(text).toContain('sam-reader: card read (resident)');
    expect(text).toContain('bridge: -> card');
    for (const card of Object.values(DEMO_CARDS)) {
      const traces = [card.name, card.idNumber, card.idNumber.slice(6, 14), 'address' in card ? card.address : undefined, 'passNumber' in card ? card.passNumber : undefined];
      for (const trace of traces.filter((value): value is string => Boolean(value))) expect(text).not.toContain(trace);
    }
  });
});
