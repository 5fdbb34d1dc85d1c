/**
 * The device-independent receipt document of DESIGN.md: kiosk-shell turns it into ESC/POS for an
 * 80 mm printer, a virtual printer renders it to PNG, and the PWA shows it on screen.
 */
export type Align = 'left' | 'center' | 'right';
export type TextSize = 'normal' | 'double' | 'wide' | 'tall';

export type ReceiptItem =
  | { type: 'text'; text: string; align?: Align; size?: TextSize; bold?: true }
  | { type: 'rule' }
  | { type: 'qr'; data: string; size?: number }
  | { type: 'barcode'; format: 'code128'; data: string }
  | { type: 'feed'; lines: number }
  | { type: 'cut' };

export interface ReceiptDocument {
  items: ReceiptItem[];
}

const MAX_ITEMS = 200;
const MAX_TEXT = 512;
const MAX_QR = 1024;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseItem(value: unknown): ReceiptItem | null {
  if (!isRecord(value)) return null;
  switch (value.type) {
    case 'text': {
      const { text, align, size, bold } = value;
      if (typeof text !== 'string' || text.length > MAX_TEXT) return null;
      if (align !== undefined && align !== 'left' && align !== 'center' && align !== 'right') return null;
      if (size !== undefined && !['normal', 'double', 'wide', 'tall'].includes(size as string)) return null;
      if (bold !== undefined && bold !== true) return null;
      return { type: 'text', text, ...(align ? { align } : {}), ...(size ? { size: size as TextSize } : {}), ...(bold ? { bold } : {}) };
    }
    case 'rule':
    case 'cut':
      return { type: value.type };
    case 'qr': {
      const { data, size } = value;
      if (typeof data !== 'string' || data.length === 0 || data.length > MAX_QR) return null;
      if (size !== undefined && (!Number.isInteger(size) || (size as number) < 1 || (size as number) > 16)) return null;
      return { type: 'qr', data, ...(size !== undefined ? { size: size as number } : {}) };
    }
    case 'barcode':
      return value.format === 'code128' && typeof value.data === 'string' && /^[\x20-\x7e]{1,64}$/.test(value.data)
        ? { type: 'barcode', format: 'code128', data: value.data }
        : null;
    case 'feed':
      return Number.isInteger(value.lines) && (value.lines as number) >= 0 && (value.lines as number) <= 20
        ? { type: 'feed', lines: value.lines as number }
        : null;
    default:
      return null;
  }
}

/** Reads a receipt document from the wire; null when any item is not one the printer knows. */
export function parseReceiptDocument(value: unknown): ReceiptDocument | null {
  if (!isRecord(value) || !Array.isArray(value.items) || value.items.length > MAX_ITEMS) return null;
  const items: ReceiptItem[] = [];
  for (const raw of value.items) {
    const item = parseItem(raw);
    if (!item) return null;
    items.push(item);
  }
  return { items };
}
