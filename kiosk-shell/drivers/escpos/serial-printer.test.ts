/**
 * The serial receipt printer line (SerialPrinterLine over node-serialport) against a simulated
 * printer on the other end of a real pseudo-terminal, which answers DLE EOT as a printer does.
 */
import { randomUUID } from 'node:crypto';
import { rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../src/core/receipt.ts';
import { openPtyRelay, type PtyRelay } from '../pty/pty-relay.ts';
import { openReceiptPrinter } from './open-printer.ts';
import { ReceiptPrinter, type PrinterEvent } from './printer.ts';
import { SimulatedPrinter } from './printer-sim.ts';
import { SerialPrinterLine } from './transports.ts';

const TICKET: ReceiptDocument = {
  items: [
    { type: 'text', text: '示例市政务服务中心', align: 'center', bold: true },
    { type: 'text', text: 'A023', align: 'center', size: 'double' },
    { type: 'qr', data: 'https://hall.example/q/A023' },
    { type: 'cut' },
  ],
};

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

/** A serial printer on a pty behind a stable symlink, which unplug() removes as a pulled USB cable would. */
async function serialPrinter() {
  const path = join(tmpdir(), `kiosk24-printer-${randomUUID()}`);
  const printer = new SimulatedPrinter();
  let relay: PtyRelay | null = null;
  const plug = async () => {
    const line = await openPtyRelay();
    const feed = printer.stream();
    line.onData((bytes) => {
      const replies = feed(bytes);
      if (replies.length > 0) line.write(replies);
    });
    await rm(path, { force: true });
    await symlink(line.ptyPath, path);
    relay = line;
  };
  const unplug = async () => {
    await rm(path, { force: true });
    await relay?.close();
    relay = null;
  };
  await plug();
  cleanups.push(unplug);
  return { path, printer, plug, unplug };
}

function driver(path: string, pollIntervalMs = 50) {
  const printer = new ReceiptPrinter({ line: new SerialPrinterLine({ path, reconnectMs: 50 }), statusTimeoutMs: 300, afterJobTimeoutMs: 1000, pollIntervalMs });
  const events: PrinterEvent[] = [];
  printer.on((event) => events.push(event));
  printer.start();
  cleanups.push(() => printer.stop());
  return { printer, events };
}

describe('receipt printer on a serial line (pseudo-terminal)', () => {
  it('asks DLE EOT 1..4 before and after the job and prints what the document says', async () => {
    const device = await serialPrinter();
    // No idle polls: every request counted below is the job's.
    const { printer } = driver(device.path, 0);
    await until(() => printer.state === 'ready');
    const asked = device.printer.statusRequests;
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: true, state: 'ready' });
    expect(device.printer.statusRequests - asked).toBe(8);
    expect(device.printer.text()).toContain('示例市政务服务中心');
    expect(device.printer.text()).toContain('[QR https://hall.example/q/A023]');
    expect(device.printer.transcript().at(-1)).toEqual({ type: 'cut', partial: true });
  });

  it('refuses a job while the paper is out, reports it, and prints again once paper is loaded', async () => {
    const device = await serialPrinter();
    device.printer.condition = 'paper-out';
    const { printer, events } = driver(device.path);
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: false, reason: 'paper-out', sent: false });
    expect(device.printer.transcript()).toEqual([]);
    expect(events).toContainEqual({ type: 'status', state: 'paper-out', reason: 'paper-out' });
    device.printer.condition = 'ready';
    // The idle status poll notices the paper without a job.
    await until(() => printer.state === 'ready');
    expect(await printer.print({ jobId: 'j2', document: TICKET })).toMatchObject({ ok: true });
  });

  it('fails a job with sent: true when the cover is opened during it', async () => {
    const device = await serialPrinter();
    const { printer } = driver(device.path);
    await until(() => printer.state === 'ready');
    device.printer.setConditionDuringNextJob('cover-open');
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: false, reason: 'cover-open', sent: true });
    expect(printer.state).toBe('cover-open');
  });

  it('reports a pulled cable as absent, refuses with offline, and prints once it is back', async () => {
    const device = await serialPrinter();
    const { printer, events } = driver(device.path);
    await until(() => printer.state === 'ready');
    await device.unplug();
    await until(() => printer.state === 'absent');
    expect(events).toContainEqual({ type: 'status', state: 'absent', reason: 'offline' });
    expect(await printer.print({ jobId: 'j1', document: TICKET })).toEqual({ ok: false, reason: 'offline', sent: false });
    await device.plug();
    await until(() => printer.state === 'ready');
    expect(await printer.print({ jobId: 'j2', document: TICKET })).toEqual({ ok: true, state: 'ready' });
    expect(device.printer.text()).toContain('A023');
  });

  it('is what --printer serial:PATH opens', async () => {
    const device = await serialPrinter();
    const { printer } = openReceiptPrinter({ kind: 'serial', path: device.path }, { pollIntervalMs: 0 });
    printer.start();
    cleanups.push(() => printer.stop());
    expect(await printer.print({ jobId: 'j1', document: { items: [{ type: 'text', text: '取号成功' }] } })).toEqual({ ok: true, state: 'ready' });
    expect(device.printer.text()).toContain('取号成功');
  });
});
