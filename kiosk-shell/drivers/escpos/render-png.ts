/**
 * Draws a decoded ESC/POS transcript as the 80 mm paper would look: 576 dots wide, Chinese in
 * Noto Sans CJK, GS ! sizes, emphasis, alignment, QR codes drawn module by module from their
 * payload and CODE128 bars from their symbols (so a phone or a scanner can read the PNG), rules,
 * feeds and cut marks. The virtual printer's eyes.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { encode } from 'uqr';
import type { TextSize } from '../../../src/core/receipt.ts';
import { code128Bars } from './code128.ts';
import type { TranscriptEntry } from './decode.ts';
import { PAPER_DOTS } from './encode.ts';

/** Present on every kiosk image and test machine (Debian's fonts-noto-cjk). */
export const CJK_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FAMILY = 'KioskReceipt';
/** Font A: 24-dot Chinese glyphs, 12-dot Latin ones. */
const GLYPH_DOTS = 24;
/** The printer's default line spacing (ESC 2) at 203 dpi: about 1/6 inch. */
const LINE_DOTS = 30;
const MARGIN_DOTS = 16;
/** A QR code needs a quiet zone of four modules to be found by a camera. */
const QR_QUIET_MODULES = 4;

const SCALE: Record<TextSize, [number, number]> = { normal: [1, 1], wide: [2, 1], tall: [1, 2], double: [2, 2] };

const registered = new Set<string>();

/**
 * Registers the receipt font (once per path); false when the file is missing or unreadable. Without
 * it every Chinese character would come out as an empty box: callers refuse to render instead. A
 * miss is tried again next time, so installing the font mends a running printer.
 */
export function receiptFontAvailable(path = CJK_FONT_PATH): boolean {
  if (registered.has(path)) return true;
  if (GlobalFonts.registerFromPath(path, FAMILY) === null) return false;
  registered.add(path);
  return true;
}

interface Block {
  height: number;
  draw(ctx: SKRSContext2D, top: number): void;
}

/** Greedy character wrap at the paper width, as the printer wraps a line that runs past column 48. */
function wrap(ctx: SKRSContext2D, text: string, scaleX: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const char of text) {
    if (current && ctx.measureText(current + char).width * scaleX > PAPER_DOTS) {
      lines.push(current);
      current = '';
    }
    current += char;
  }
  return [...lines, current];
}

function textBlocks(ctx: SKRSContext2D, entry: Extract<TranscriptEntry, { type: 'text' }>): Block[] {
  const [scaleX, scaleY] = SCALE[entry.size];
  return wrap(ctx, entry.text, scaleX).map((line) => ({
    height: LINE_DOTS * scaleY,
    draw(context, top) {
      const width = context.measureText(line).width * scaleX;
      const x = entry.align === 'center' ? (PAPER_DOTS - width) / 2 : entry.align === 'right' ? PAPER_DOTS - width : 0;
      context.save();
      // The face's own leading puts the ink a few dots below `top`; the rest of the line is spacing below it.
      context.translate(x, top);
      context.scale(scaleX, scaleY);
      context.fillText(line, 0, 0);
      // Emphasis on a thermal head is a double strike one dot over: the regular face drawn twice.
      if (entry.bold) context.fillText(line, 1 / scaleX, 0);
      context.restore();
    },
  }));
}

function qrBlock(entry: Extract<TranscriptEntry, { type: 'qr' }>): Block {
  const qr = encode(entry.data, { ecc: entry.errorLevel, border: 0 });
  // A module size the paper cannot hold is shrunk, as printers do, rather than cropped.
  const module = Math.max(1, Math.min(entry.moduleSize, Math.floor(PAPER_DOTS / (qr.size + 2 * QR_QUIET_MODULES))));
  const side = qr.size * module;
  return {
    height: side + 2 * QR_QUIET_MODULES * module,
    draw(context, top) {
      const left = Math.floor((PAPER_DOTS - side) / 2);
      const y0 = top + QR_QUIET_MODULES * module;
      qr.data.forEach((row, y) =>
        row.forEach((dark, x) => {
          if (dark) context.fillRect(left + x * module, y0 + y * module, module, module);
        }),
      );
    },
  };
}

function barcodeBlock(ctx: SKRSContext2D, entry: Extract<TranscriptEntry, { type: 'barcode' }>): Block[] {
  const bars = code128Bars(entry.symbols);
  const module = Math.max(1, entry.moduleWidth);
  const width = bars.reduce((sum, modules) => sum + modules, 0) * module;
  const readable = textBlocks(ctx, { type: 'text', text: entry.data, align: 'center', bold: false, size: 'normal' });
  // A printer leaves out a barcode wider than the paper; its text still tells what it held.
  if (width > PAPER_DOTS) return readable;
  const symbol: Block = {
    height: entry.height,
    draw(context, top) {
      let x = Math.floor((PAPER_DOTS - width) / 2);
      bars.forEach((modules, index) => {
        // Even positions are bars, odd ones spaces: every pattern starts with a bar.
        if (index % 2 === 0) context.fillRect(x, top, modules * module, entry.height);
        x += modules * module;
      });
    },
  };
  const above = entry.readable === 'above' || entry.readable === 'both' ? readable : [];
  const below = entry.readable === 'below' || entry.readable === 'both' ? readable : [];
  return [...above, symbol, ...below];
}

function ruleBlock(dashed: boolean): Block {
  return {
    height: LINE_DOTS,
    draw(context, top) {
      context.save();
      context.lineWidth = 2;
      if (dashed) context.setLineDash([8, 6]);
      context.beginPath();
      context.moveTo(0, top + LINE_DOTS / 2);
      context.lineTo(PAPER_DOTS, top + LINE_DOTS / 2);
      context.stroke();
      context.restore();
    },
  };
}

function blocksFor(ctx: SKRSContext2D, entry: TranscriptEntry): Block[] {
  switch (entry.type) {
    case 'text':
      return textBlocks(ctx, entry);
    case 'rule':
      return [ruleBlock(false)];
    case 'qr':
      return [qrBlock(entry)];
    case 'barcode':
      return barcodeBlock(ctx, entry);
    case 'feed':
      return [{ height: LINE_DOTS * entry.lines, draw: () => {} }];
    case 'cut':
      return [ruleBlock(true)];
    default:
      return [];
  }
}

/** The transcript as a PNG, 576 pixels (dots) wide and as long as the paper it took. Throws without the font: check receiptFontAvailable first. */
export async function renderReceiptPng(entries: readonly TranscriptEntry[], fontPath = CJK_FONT_PATH): Promise<Buffer> {
  if (!receiptFontAvailable(fontPath)) throw new Error(`receipt font missing: ${fontPath} (Debian: apt install fonts-noto-cjk)`);
  const measure = createCanvas(PAPER_DOTS, 1).getContext('2d');
  measure.font = `${GLYPH_DOTS}px ${FAMILY}`;
  const blocks = entries.flatMap((entry) => blocksFor(measure, entry));
  const height = Math.max(1, blocks.reduce((sum, block) => sum + block.height, 0) + 2 * MARGIN_DOTS);
  const canvas = createCanvas(PAPER_DOTS, Math.ceil(height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, PAPER_DOTS, canvas.height);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  ctx.font = `${GLYPH_DOTS}px ${FAMILY}`;
  ctx.textBaseline = 'top';
  let top = MARGIN_DOTS;
  for (const block of blocks) {
    block.draw(ctx, top);
    top += block.height;
  }
  return canvas.encode('png');
}
