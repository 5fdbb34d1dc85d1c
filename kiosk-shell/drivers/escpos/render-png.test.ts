/**
 * What the virtual printer's PNG shows, read back from its pixels: Chinese glyphs really drawn
 * (not empty boxes), and CODE128 bars that an independent decoder (ZXing's, shipped inside
 * html5-qrcode) reads back to the data.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../../src/core/receipt.ts';
import { code128Bars } from './code128.ts';
import { decodeEscPos, type TranscriptEntry } from './decode.ts';
import { encodeReceipt, GS } from './encode.ts';
import { receiptFontAvailable, renderReceiptPng } from './render-png.ts';

/** The top margin and the line pitch of the renderer, in dots. */
const MARGIN = 16;
const LINE = 30;

interface Pixels {
  width: number;
  height: number;
  dark(x: number, y: number): boolean;
}

async function pixelsOf(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  return { width: image.width, height: image.height, dark: (x, y) => data[(y * image.width + x) * 4]! < 128 };
}

const entriesOf = (document: ReceiptDocument) => decodeEscPos(encodeReceipt(document)).filter((entry) => entry.type !== 'cut');
const text = (value: string): TranscriptEntry => ({ type: 'text', text: value, align: 'left', bold: false, size: 'normal' });

/** Dark pixels of one glyph cell at the start of the first line, as a string of 0 and 1. */
async function glyphCell(char: string): Promise<string> {
  const pixels = await pixelsOf(await renderReceiptPng([text(char)]));
  let cell = '';
  for (let y = MARGIN; y < MARGIN + LINE; y++) for (let x = 0; x < 24; x++) cell += pixels.dark(x, y) ? '1' : '0';
  return cell;
}

const ink = (cell: string) => cell.split('').filter((bit) => bit === '1').length;

describe('the receipt PNG', () => {
  it('draws a line of Chinese text: dark pixels in its row, white above and below', async () => {
    const pixels = await pixelsOf(await renderReceiptPng([text('示例市政务服务中心'), text('')]));
    let inRow = 0;
    for (let y = MARGIN; y < MARGIN + LINE; y++) for (let x = 0; x < pixels.width; x++) if (pixels.dark(x, y)) inRow++;
    // Nine glyphs of 24 dots: a few hundred dark dots, where an unreadable font leaves none or outlines only.
    expect(inRow).toBeGreaterThan(9 * 40);
    for (let x = 0; x < pixels.width; x++) {
      expect(pixels.dark(x, MARGIN - 1)).toBe(false);
      expect(pixels.dark(x, MARGIN + LINE)).toBe(false);
    }
  });

  it('draws each character with its own glyph, not one box for all', async () => {
    const [zhong, guo, yi, long, zhongAgain] = (await Promise.all(['中', '国', '一', '龍', '中'].map(glyphCell))) as [string, string, string, string, string];
    expect(zhong).toBe(zhongAgain);
    expect(zhong).not.toBe(guo);
    expect(ink(yi)).toBeGreaterThan(0);
    // 龍 has many strokes, 一 has one: a tofu box would give both the same ink.
    expect(ink(long)).toBeGreaterThan(3 * ink(yi));
  });

  it('refuses to render without its font rather than print empty boxes', async () => {
    expect(receiptFontAvailable('/nonexistent/NotoSansCJK-Regular.ttc')).toBe(false);
    await expect(renderReceiptPng([text('中')], '/nonexistent/NotoSansCJK-Regular.ttc')).rejects.toThrow(/receipt font missing: \/nonexistent\/NotoSansCJK-Regular\.ttc/);
  });
});

/** ZXing's CODE128 reader, a decoder written independently of ours. */
interface ZXingSubset {
  BitArray: new (size: number) => { set(index: number): void };
  Code128Reader: new () => { decodeRow(row: number, bits: unknown, hints: Map<unknown, unknown>): { getText(): string } };
}
const ZXing = createRequire(import.meta.url)('html5-qrcode/third_party/zxing-js.umd.js') as ZXingSubset;

function decodeRow(pixels: Pixels, y: number): string {
  const bits = new ZXing.BitArray(pixels.width);
  for (let x = 0; x < pixels.width; x++) if (pixels.dark(x, y)) bits.set(x);
  return new ZXing.Code128Reader().decodeRow(y, bits, new Map()).getText();
}

/** Bar and space widths along a row, from the first dark pixel to the last. */
function runs(pixels: Pixels, y: number): number[] {
  const widths: number[] = [];
  let x = 0;
  while (x < pixels.width && !pixels.dark(x, y)) x++;
  let last = pixels.width - 1;
  while (last > x && !pixels.dark(last, y)) last--;
  while (x <= last) {
    const dark = pixels.dark(x, y);
    let width = 0;
    while (x <= last && pixels.dark(x, y) === dark) {
      width++;
      x++;
    }
    widths.push(width);
  }
  return widths;
}

describe('CODE128 on the receipt PNG', () => {
  it.each(['A023-0315', 'SB{2026}0315', 'hall.example/q?n=A023'])('draws bars for %s that decode back to it', async (data) => {
    const [entry] = entriesOf({ items: [{ type: 'barcode', format: 'code128', data }] });
    expect(entry?.type).toBe('barcode');
    const barcode = entry as Extract<TranscriptEntry, { type: 'barcode' }>;
    const pixels = await pixelsOf(await renderReceiptPng([barcode]));
    const middle = MARGIN + Math.floor(barcode.height / 2);
    expect(decodeRow(pixels, middle)).toBe(data);
    // Module for module what the symbol says, at the module width the encoder chose.
    expect(runs(pixels, middle)).toEqual(code128Bars(barcode.symbols).map((modules) => modules * barcode.moduleWidth));
    // The bars run the full height set by GS h; the readable text (GS H 2) is a line below them.
    let firstBar = 0;
    while (!pixels.dark(firstBar, middle)) firstBar++;
    const column = Array.from({ length: barcode.height + 2 }, (_, i) => pixels.dark(firstBar, MARGIN - 1 + i));
    expect(column).toEqual([false, ...Array<boolean>(barcode.height).fill(true), false]);
    expect(pixels.height).toBe(MARGIN * 2 + barcode.height + LINE);
  });

  it('draws a code set C barcode sent as raw ESC/POS (two digits per byte)', async () => {
    const data = Uint8Array.of(0x7b, 0x43, 20, 26, 3, 15);
    const bytes = Uint8Array.of(GS, 0x77, 2, GS, 0x68, 60, GS, 0x48, 0, GS, 0x6b, 73, data.length, ...data);
    const [entry] = decodeEscPos(bytes);
    expect(entry).toMatchObject({ type: 'barcode', data: '20260315', moduleWidth: 2, height: 60, readable: 'none' });
    const pixels = await pixelsOf(await renderReceiptPng([entry!]));
    expect(decodeRow(pixels, MARGIN + 30)).toBe('20260315');
    // No readable text asked for: nothing below the bars.
    expect(pixels.height).toBe(MARGIN * 2 + 60);
  });
});
