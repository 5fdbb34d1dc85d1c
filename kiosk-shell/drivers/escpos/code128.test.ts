import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, code128Bars, code128FromEscPos } from './code128.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const ZXing = createRequire(import.meta.url)('html5-qrcode/third_party/zxing-js.umd.js') as { Code128Reader: { CODE_PATTERNS: Int32Array[] } };

describe('CODE128 symbols from GS k data', () => {
  it('has the bar patterns of the standard: 11 modules a symbol, 13 for the stop, as ZXing reads them', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    expect(CODE128_PATTERNS.map((pattern) => pattern.split('').map(Number))).toEqual(ZXing.Code128Reader.CODE_PATTERNS.map((pattern) => [...pattern]));
    for (const [value, pattern] of CODE128_PATTERNS.entries()) {
      const widths = pattern.split('').map(Number);
      expect(widths.reduce((sum, width) => sum + width, 0)).toBe(value === 106 ? 13 : 11);
    }
  });

  it('builds "Wikipedia" in code set B with check symbol 88, as in the standard example', () => {
    expect(code128FromEscPos(bytes('{BWikipedia'))).toEqual({ symbols: [104, 55, 73, 75, 73, 80, 69, 68, 73, 65, 88, 106], text: 'Wikipedia' });
  });

  it('reads set C as two digits a byte, switches sets, shifts, function characters and doubled braces', () => {
    expect(code128FromEscPos(Uint8Array.of(0x7b, 0x43, 20, 26, 3, 15))).toMatchObject({ symbols: [105, 20, 26, 3, 15, expect.any(Number), 106], text: '20260315' });
    expect(code128FromEscPos(bytes('{BNo{C\x01\x02'))).toMatchObject({ symbols: [104, 46, 79, 99, 1, 2, expect.any(Number), 106], text: 'No0102' });
    expect(code128FromEscPos(bytes('{AAB{Sc'))).toMatchObject({ symbols: [103, 33, 34, 98, 67, expect.any(Number), 106], text: 'ABc' });
    expect(code128FromEscPos(bytes('{A\x09'))).toMatchObject({ symbols: [103, 73, expect.any(Number), 106] });
    expect(code128FromEscPos(bytes('{B{1a{{b'))).toMatchObject({ symbols: [104, 102, 65, 91, 66, expect.any(Number), 106], text: 'a{b' });
  });

  it('refuses data a printer would not print', () => {
    for (const data of ['A023', '{Xabc', '{Babc{', '{Aabc', '{B{Q']) expect(code128FromEscPos(bytes(data)), data).toBeNull();
    expect(code128FromEscPos(Uint8Array.of(0x7b, 0x43, 100))).toBeNull();
  });

  it('lays out bars and spaces module by module, starting with a bar', () => {
    const symbol = code128FromEscPos(bytes('{BA'))!;
    const bars = code128Bars(symbol.symbols);
    expect(bars.slice(0, 6)).toEqual([2, 1, 1, 2, 1, 4]);
    expect(bars.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2]);
    expect(bars.reduce((sum, width) => sum + width, 0)).toBe(11 * 3 + 13);
  });
});
