/**
 * The receipt document (src/core/receipt.ts) as ESC/POS bytes for an 80 mm thermal printer
 * (576 dots, font A 12×24: 48 columns). Chinese text goes out in GB18030, the encoding of
 * Chinese-market printers, after FS & switches the printer to its Chinese character mode.
 */
import iconv from 'iconv-lite';
import type { Align, ReceiptDocument, ReceiptItem, TextSize } from '../../../src/core/receipt.ts';

export { printerCondition, decodeStatusByte, statusRequest } from './status.ts';

export const PAPER_DOTS = 576;
export const COLUMNS = 48;
/** 6-dot modules keep a ticket's URL QR (version 4–6) about 25 mm wide: easy for phone cameras. */
export const DEFAULT_QR_MODULE = 6;
export const BARCODE_HEIGHT_DOTS = 80;

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const LF = 0x0a;

export const ALIGN_CODES: Record<Align, number> = { left: 0, center: 1, right: 2 };
/** GS ! n: high nibble is width − 1, low nibble height − 1. It applies to Chinese characters too. */
export const SIZE_CODES: Record<TextSize, number> = { normal: 0x00, wide: 0x10, tall: 0x01, double: 0x11 };
/** GS ( k function 169 levels; M restores up to 15 % damage, enough for thermal paper that fades or creases. */
export const QR_ERROR_LEVELS = { L: 48, M: 49, Q: 50, H: 51 } as const;

/**
 * What reaches the printer as text: control characters would be read as commands (an ESC inside
 * a name could reconfigure or cut), and a lone surrogate has no GB18030 code.
 */
export function printableText(text: string): string {
  return Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return ' ';
    return code >= 0xd800 && code <= 0xdfff ? '\ufffd' : char;
  }).join('');
}

/** CODE128 width in modules: start, data, check and stop symbols of 11 modules, plus the 2-module stop bar. */
const code128Modules = (data: string) => 11 * (data.length + 3) + 2;

/** The module width that fits the paper, or null when even 1-dot modules would overflow it. */
export function code128ModuleWidth(data: string): 1 | 2 | null {
  const modules = code128Modules(data);
  if (modules * 2 <= PAPER_DOTS) return 2;
  return modules <= PAPER_DOTS ? 1 : null;
}

class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  bytes(...values: number[]): this {
    this.parts.push(Uint8Array.from(values));
    return this;
  }
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    return this;
  }
  result(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

interface LineStyle {
  align: Align;
  bold: boolean;
  size: TextSize;
}

/** Every line states its whole style, so a printer that missed a byte recovers by the next line. */
function style(out: ByteWriter, { align, bold, size }: LineStyle): void {
  out.bytes(ESC, 0x61, ALIGN_CODES[align]).bytes(ESC, 0x45, bold ? 1 : 0).bytes(GS, 0x21, SIZE_CODES[size]);
}

function qr(out: ByteWriter, data: string, moduleSize: number): void {
  // Byte mode carries UTF-8, which phone scanners assume; level M holds up to 2,331 bytes.
  const payload = new TextEncoder().encode(data);
  const stored = payload.length + 3;
  out
    .bytes(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 50, 0) // function 165: model 2
    .bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize) // function 167: module size in dots
    .bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, QR_ERROR_LEVELS.M) // function 169: error correction
    .bytes(GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30) // function 180: store
    .raw(payload)
    .bytes(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30); // function 181: print
}

function code128(out: ByteWriter, data: string, moduleWidth: number): void {
  // "{B" selects code set B (all printable ASCII); a literal "{" is sent doubled.
  const body = new TextEncoder().encode(`{B${data.replaceAll('{', '{{')}`);
  out
    .bytes(GS, 0x48, 2) // human-readable digits below the bars, for a citizen to read out
    .bytes(GS, 0x68, BARCODE_HEIGHT_DOTS)
    .bytes(GS, 0x77, moduleWidth)
    .bytes(GS, 0x6b, 73, body.length)
    .raw(body);
}

class ReceiptEncoder {
  private readonly out = new ByteWriter().bytes(ESC, 0x40);
  private chineseMode = false;

  text(text: string, lineStyle: LineStyle): void {
    const printable = printableText(text);
    style(this.out, lineStyle);
    // FS & only when a line needs it; ASCII prints the same in both modes.
    if (!this.chineseMode && /[^ -~]/u.test(printable)) {
      this.out.bytes(FS, 0x26);
      this.chineseMode = true;
    }
    this.out.raw(iconv.encode(printable, 'gb18030')).bytes(LF);
  }

  item(item: ReceiptItem): void {
    switch (item.type) {
      case 'text':
        return this.text(item.text, { align: item.align ?? 'left', bold: item.bold === true, size: item.size ?? 'normal' });
      case 'rule':
        return this.text('-'.repeat(COLUMNS), { align: 'left', bold: false, size: 'normal' });
      case 'qr':
        style(this.out, { align: 'center', bold: false, size: 'normal' });
        return qr(this.out, item.data, item.size ?? DEFAULT_QR_MODULE);
      case 'barcode': {
        const width = code128ModuleWidth(item.data);
        // Too long for the paper: the printer would drop it silently; print the data as text instead.
        if (width === null) return this.text(item.data, { align: 'center', bold: false, size: 'normal' });
        style(this.out, { align: 'center', bold: false, size: 'normal' });
        return code128(this.out, item.data, width);
      }
      case 'feed':
        this.out.bytes(ESC, 0x64, item.lines);
        return;
      case 'cut':
        this.out.bytes(GS, 0x56, 66, 0); // feed to the cutter, then partial cut (the ticket stays graspable)
        return;
    }
  }

  finish(): Uint8Array {
    // Leave the printer in its default single-byte mode for whatever prints next.
    if (this.chineseMode) this.out.bytes(FS, 0x2e);
    return this.out.result();
  }
}

/** The document as printer bytes; a document that does not end with a cut gets one, so no ticket is left hanging. */
export function encodeReceipt(document: ReceiptDocument): Uint8Array {
  const encoder = new ReceiptEncoder();
  for (const item of document.items) encoder.item(item);
  if (document.items.at(-1)?.type !== 'cut') encoder.item({ type: 'cut' });
  return encoder.finish();
}
