import { loadImage, createCanvas } from '@napi-rs/canvas';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'uqr';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../src/core/receipt.ts';
import { findLastRenderedJob, openVirtualPrinter } from './virtual-printer.ts';

const TICKET: ReceiptDocument = {
  items: [
    { type: 'text', text: '示例市政务服务中心', align: 'center', size: 'double', bold: true },
    { type: 'text', text: 'A023', align: 'center', size: 'double' },
    { type: 'rule' },
    { type: 'text', text: '业务类别：社保医保，前面还有 5 人。请留意叫号屏幕和语音提示，过号请重新取号。' },
    { type: 'text', text: 'Waiting ahead: 5', align: 'right', size: 'wide' },
    { type: 'qr', data: 'https://hall.example/q/A023', size: 6 },
    { type: 'barcode', format: 'code128', data: 'A023-0315' },
    { type: 'feed', lines: 2 },
    { type: 'cut' },
  ],
};

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function virtualPrinter(options: { fontPath?: string } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'virtual-printer-'));
  const opened = openVirtualPrinter({ dir, clock: { now: () => Date.parse('2026-03-15T02:15:00Z') }, statusTimeoutMs: 200, pollIntervalMs: 0, ...options });
  opened.printer.start();
  stops.push(() => opened.printer.stop());
  return { dir, ...opened };
}

describe('virtual printer', () => {
  it('files a job as a 576-dot-wide PNG and a transcript with the Chinese text', async () => {
    const { dir, printer, line } = await virtualPrinter();
    expect(await printer.print({ jobId: 'ticket/A023', document: TICKET })).toEqual({ ok: true, state: 'ready' });
    const png = await readFile(line.lastRenderedPath()!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(576);
    const image = await loadImage(png);
    expect(image.width).toBe(576);
    expect(image.height).toBeGreaterThan(400);
    // The job id's slash cannot climb out of the folder.
    expect(await readdir(dir)).toEqual(['2026-03-15T02-15-00-000Z-ticket_A023.png', '2026-03-15T02-15-00-000Z-ticket_A023.txt']);
    const transcript = await readFile(join(dir, '2026-03-15T02-15-00-000Z-ticket_A023.txt'), 'utf8');
    expect(transcript).toContain('[c] **示例市政务服务中心');
    expect(transcript).toContain('[QR https://hall.example/q/A023]');
    expect(transcript).toContain('--- cut ---');
    expect(await findLastRenderedJob(dir)).toBe(line.lastRenderedPath());
  });

  it('draws the QR module for module as its payload encodes', async () => {
    const { printer, line } = await virtualPrinter();
    const data = 'https://hall.example/q/B007';
    await printer.print({ jobId: 'qr', document: { items: [{ type: 'qr', data, size: 6 }, { type: 'cut' }] } });
    const image = await loadImage(await readFile(line.lastRenderedPath()!));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
    const qr = encode(data, { ecc: 'M', border: 0 });
    const left = Math.floor((576 - qr.size * 6) / 2);
    const top = 16 + 4 * 6;
    const dark = (x: number, y: number) => pixels[(y * image.width + x) * 4]! < 128;
    const drawn = qr.data.map((row, y) => row.map((_, x) => dark(left + x * 6 + 3, top + y * 6 + 3)));
    expect(drawn).toEqual(qr.data);
    // The quiet zone around it is white.
    expect(dark(left - 3, top + 3)).toBe(false);
  });

  it('refuses with the simulated paper-out or cover-open and renders nothing', async () => {
    const { dir, printer, line } = await virtualPrinter();
    line.setCondition('paper-out');
    expect(await printer.print({ jobId: 'a', document: TICKET })).toEqual({ ok: false, reason: 'paper-out', sent: false });
    line.setCondition('cover-open');
    expect(await printer.print({ jobId: 'b', document: TICKET })).toEqual({ ok: false, reason: 'cover-open', sent: false });
    expect(await readdir(dir)).toEqual([]);
    expect(line.lastRenderedPath()).toBeNull();
    expect(await findLastRenderedJob(dir)).toBeNull();
    line.setCondition('ready');
    expect(await printer.print({ jobId: 'c', document: TICKET })).toMatchObject({ ok: true });
  });

  it('reports absent and refuses with offline when switched off', async () => {
    const { printer, line } = await virtualPrinter();
    line.setConnected(false);
    expect(printer.state).toBe('absent');
    expect(await printer.print({ jobId: 'a', document: TICKET })).toEqual({ ok: false, reason: 'offline', sent: false });
  });

  it('is in error with font-missing and refuses every job when the CJK font is not installed', async () => {
    const { dir, printer, line } = await virtualPrinter({ fontPath: '/nonexistent/NotoSansCJK-Regular.ttc' });
    expect(line.fault()).toBe('font-missing');
    expect(printer.state).toBe('error');
    expect(await printer.print({ jobId: 'a', document: TICKET })).toEqual({ ok: false, reason: 'font-missing', sent: false });
    expect(await readdir(dir)).toEqual([]);
  });
});
