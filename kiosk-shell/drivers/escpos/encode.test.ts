import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReceiptDocument, type ReceiptDocument, type ReceiptItem } from '../../../src/core/receipt.ts';
import { decodeEscPos, transcriptText, type TranscriptEntry } from './decode.ts';
import { BARCODE_HEIGHT_DOTS, code128ModuleWidth, DEFAULT_QR_MODULE, encodeReceipt, printableText } from './encode.ts';

const hex = (bytes: Uint8Array | number[]) => Buffer.from(Uint8Array.from(bytes)).toString('hex');
const has = (bytes: Uint8Array, needle: number[]) => Buffer.from(bytes).includes(Buffer.from(needle));

/** A CODE128 barcode in code set B, as the encoder promises it: start B, a value per character, check, stop. */
function code128SetB(data: string): TranscriptEntry {
  const values = [104, ...Array.from(data, (char) => char.charCodeAt(0) - 32)];
  const check = values.reduce((sum, value, index) => sum + value * Math.max(1, index), 0) % 103;
  return { type: 'barcode', format: 'code128', data, symbols: [...values, check, 106], moduleWidth: code128ModuleWidth(data)!, height: BARCODE_HEIGHT_DOTS, readable: 'below' };
}

/** The transcript a document must decode to: the encoder's promises, stated once. */
function expectedTranscript(document: ReceiptDocument): TranscriptEntry[] {
  const line = (text: string, align: 'left' | 'center' | 'right' = 'left'): TranscriptEntry => ({ type: 'text', text, align, bold: false, size: 'normal' });
  const entries = document.items.map((item: ReceiptItem): TranscriptEntry => {
    switch (item.type) {
      case 'text':
        return { type: 'text', text: printableText(item.text), align: item.align ?? 'left', bold: item.bold === true, size: item.size ?? 'normal' };
      case 'rule':
        return { type: 'rule' };
      case 'qr':
        return { type: 'qr', data: item.data, moduleSize: item.size ?? DEFAULT_QR_MODULE, errorLevel: 'M' };
      case 'barcode':
        return code128ModuleWidth(item.data) ? code128SetB(item.data) : line(item.data, 'center');
      case 'feed':
        return { type: 'feed', lines: item.lines };
      case 'cut':
        return { type: 'cut', partial: true };
    }
  });
  if (document.items.at(-1)?.type !== 'cut') entries.push({ type: 'cut', partial: true });
  return entries;
}

const TICKET: ReceiptDocument = {
  items: [
    { type: 'text', text: '示例市政务服务中心', align: 'center', size: 'double', bold: true },
    { type: 'text', text: 'A023', align: 'center', size: 'double' },
    { type: 'rule' },
    { type: 'text', text: '业务类别：社保医保' },
    { type: 'text', text: 'Waiting ahead: 5', align: 'right', size: 'wide' },
    { type: 'qr', data: 'https://hall.example/q/A023', size: 8 },
    { type: 'barcode', format: 'code128', data: 'SB{2026}0315' },
    { type: 'feed', lines: 3 },
    { type: 'cut' },
  ],
};

describe('encodeReceipt', () => {
  const bytes = encodeReceipt(TICKET);

  it('initialises the printer first and ends with a partial cut after leaving Chinese mode', () => {
    expect(hex(bytes.subarray(0, 2))).toBe('1b40');
    expect(hex(bytes.subarray(-6))).toBe('1d5642001c2e');
  });

  it('enters Chinese mode once and sends Chinese text in GB18030', () => {
    expect(has(bytes, [0x1c, 0x26, 0xca, 0xbe, 0xc0, 0xfd])).toBe(true); // FS & 示例
    expect(Buffer.from(bytes).indexOf(Buffer.from([0x1c, 0x26]), Buffer.from(bytes).indexOf(Buffer.from([0x1c, 0x26])) + 1)).toBe(-1);
  });

  it('states alignment, bold and size before each line', () => {
    expect(has(bytes, [0x1b, 0x61, 1, 0x1b, 0x45, 1, 0x1d, 0x21, 0x11])).toBe(true); // centred, bold, double
    expect(has(bytes, [0x1b, 0x61, 2, 0x1b, 0x45, 0, 0x1d, 0x21, 0x10])).toBe(true); // right, wide
    const tall = encodeReceipt({ items: [{ type: 'text', text: 'x', size: 'tall' }] });
    expect(has(tall, [0x1d, 0x21, 0x01, 0x78, 0x0a])).toBe(true);
  });

  it('prints a rule as 48 dashes at normal size', () => {
    expect(has(bytes, [0x1d, 0x21, 0, ...Buffer.from('-'.repeat(48)), 0x0a])).toBe(true);
  });

  it('prints a QR code with model 2, the module size, level M, store and print', () => {
    const data = [...Buffer.from('https://hall.example/q/A023')];
    const sequence = [
      ...[0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 50, 0],
      ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, 8],
      ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 49],
      ...[0x1d, 0x28, 0x6b, data.length + 3, 0, 0x31, 0x50, 0x30, ...data],
      ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
    ];
    expect(has(bytes, sequence)).toBe(true);
  });

  it('prints CODE128 in code set B with braces doubled and the digits below', () => {
    const data = [...Buffer.from('{BSB{{2026}0315')];
    expect(has(bytes, [0x1d, 0x48, 2])).toBe(true);
    expect(has(bytes, [0x1d, 0x6b, 73, data.length, ...data])).toBe(true);
  });

  it('feeds with ESC d', () => {
    expect(has(bytes, [0x1b, 0x64, 3])).toBe(true);
  });

  it('adds a cut to a document without one, and needs no Chinese mode for ASCII', () => {
    const ascii = encodeReceipt({ items: [{ type: 'text', text: 'A001' }] });
    expect(hex(ascii)).toBe('1b40' + '1b6100' + '1b4500' + '1d2100' + '41303031' + '0a' + '1d564200');
  });

  it('turns control characters in text into spaces so text can never issue a command', () => {
    const bytes = encodeReceipt({ items: [{ type: 'text', text: 'a\u001bi\u001dV\u0000b\nc' }] });
    expect(decodeEscPos(bytes)).toEqual([
      { type: 'text', text: 'a i V b c', align: 'left', bold: false, size: 'normal' },
      { type: 'cut', partial: true },
    ]);
  });

  it('narrows a long barcode, and prints one too long for 576 dots as text', () => {
    expect(code128ModuleWidth('A'.repeat(20))).toBe(2);
    expect(code128ModuleWidth('A'.repeat(40))).toBe(1);
    expect(code128ModuleWidth('A'.repeat(60))).toBeNull();
    const entries = decodeEscPos(encodeReceipt({ items: [{ type: 'barcode', format: 'code128', data: 'B'.repeat(60) }] }));
    expect(entries[0]).toMatchObject({ type: 'text', text: 'B'.repeat(60), align: 'center' });
  });
});

describe('decodeEscPos', () => {
  it('gives back the ticket as a transcript', () => {
    const entries = decodeEscPos(encodeReceipt(TICKET));
    expect(entries).toEqual(expectedTranscript(TICKET));
    expect(transcriptText(entries)).toContain('[c] **示例市政务服务中心');
    expect(transcriptText(entries)).toContain('[QR https://hall.example/q/A023]');
    expect(transcriptText(entries)).toContain('[CODE128 SB{2026}0315]');
  });

  it('skips commands it knows by length and reports unknown ones, without throwing', () => {
    const bytes = Uint8Array.from([0x1b, 0x4d, 1, 0x41, 0x1d, 0x76, 0x0a, 0x1b]);
    expect(decodeEscPos(bytes)).toEqual([
      { type: 'unknown', byte: 0x1d, at: 4 },
      { type: 'text', text: 'Av', align: 'left', bold: false, size: 'normal' },
      { type: 'unknown', byte: 0x1b, at: 7 },
    ]);
  });

  it('reads a status request and a full cut', () => {
    expect(decodeEscPos(Uint8Array.of(0x10, 0x04, 4, 0x1d, 0x56, 0))).toEqual([
      { type: 'status-request', n: 4 },
      { type: 'cut', partial: false },
    ]);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        decodeEscPos(bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('encode → decode round trip (fast-check)', () => {
  const hanzi = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((code) => String.fromCharCode(code));
  // U+E5E5 is the one code point GB18030 cannot carry both ways (its byte pair now maps to U+3000).
  const anyText = fc.string({ unit: 'binary', maxLength: 30 }).filter((text) => !text.includes('\ue5e5'));
  const text = fc.oneof(fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), hanzi), maxLength: 60 }), anyText);
  const item: fc.Arbitrary<ReceiptItem> = fc.oneof(
    fc.record(
      {
        type: fc.constant('text' as const),
        text,
        align: fc.constantFrom('left' as const, 'center' as const, 'right' as const),
        size: fc.constantFrom('normal' as const, 'double' as const, 'wide' as const, 'tall' as const),
        bold: fc.constant(true as const),
      },
      { requiredKeys: ['type', 'text'] },
    ),
    fc.constant({ type: 'rule' as const }),
    fc.record(
      { type: fc.constant('qr' as const), data: fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }), size: fc.integer({ min: 1, max: 16 }) },
      { requiredKeys: ['type', 'data'] },
    ),
    fc.record({ type: fc.constant('barcode' as const), format: fc.constant('code128' as const), data: fc.stringMatching(/^[\x20-\x7e]{1,64}$/) }),
    fc.record({ type: fc.constant('feed' as const), lines: fc.integer({ min: 0, max: 20 }) }),
    fc.constant({ type: 'cut' as const }),
  );

  it('decodes every valid document to what it says: text with style, QR, barcodes, feeds, cuts', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 25 }), (items) => {
        const document = parseReceiptDocument({ items });
        expect(document).not.toBeNull();
        expect(decodeEscPos(encodeReceipt(document!))).toEqual(expectedTranscript(document!));
      }),
      { numRuns: 300 },
    );
  });
});
