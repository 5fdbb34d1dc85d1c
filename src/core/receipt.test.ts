import { describe, expect, it } from 'vitest';
import { parseReceiptDocument } from './receipt.ts';

describe('receipt document', () => {
  it('reads every item kind of the contract', () => {
    const doc = {
      items: [
        { type: 'text', text: 'A023', align: 'center', size: 'double', bold: true },
        { type: 'rule' },
        { type: 'qr', data: 'http://hall/t/abc', size: 6 },
        { type: 'barcode', format: 'code128', data: 'A023' },
        { type: 'feed', lines: 3 },
        { type: 'cut' },
      ],
    };
    expect(parseReceiptDocument(doc)).toEqual(doc);
  });

  it('refuses anything a printer would not know', () => {
    expect(parseReceiptDocument(null)).toBeNull();
    expect(parseReceiptDocument({ items: [{ type: 'image' }] })).toBeNull();
    expect(parseReceiptDocument({ items: [{ type: 'text', text: 'x', size: 'huge' }] })).toBeNull();
    expect(parseReceiptDocument({ items: [{ type: 'qr', data: '' }] })).toBeNull();
    expect(parseReceiptDocument({ items: [{ type: 'qr', data: 'x', size: 17 }] })).toBeNull();
    expect(parseReceiptDocument({ items: [{ type: 'barcode', format: 'ean13', data: '1' }] })).toBeNull();
    expect(parseReceiptDocument({ items: [{ type: 'feed', lines: 99 }] })).toBeNull();
    expect(parseReceiptDocument({ items: new Array(201).fill({ type: 'rule' }) })).toBeNull();
  });
});
