/**
 * ESC/POS bytes back into what the paper would show: text lines with their style, QR payloads,
 * barcodes, feeds and cuts. The inverse of encode.ts for tests, and the reader behind the TCP
 * capture server that stands in for a printer. It understands the commands kiosk24 sends and
 * skips (by their documented length) the common ones it does not; it never throws.
 */
import iconv from 'iconv-lite';
import type { Align, TextSize } from '../../../src/core/receipt.ts';
import { code128FromEscPos } from './code128.ts';
import { ALIGN_CODES, COLUMNS, ESC, FS, GS, LF, SIZE_CODES } from './encode.ts';

/** Where GS H puts the human-readable text of a barcode. */
export type ReadablePosition = 'none' | 'above' | 'below' | 'both';

export type TranscriptEntry =
  | { type: 'text'; text: string; align: Align; bold: boolean; size: TextSize }
  | { type: 'rule' }
  | { type: 'qr'; data: string; moduleSize: number; errorLevel: 'L' | 'M' | 'Q' | 'H' }
  /**
   * `data` is the human-readable text; `symbols` the CODE128 symbol values as printed (start,
   * data, check, stop); `moduleWidth` (GS w) and `height` (GS h) in dots; `readable` from GS H.
   */
  | { type: 'barcode'; format: 'code128'; data: string; symbols: number[]; moduleWidth: number; height: number; readable: ReadablePosition }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; partial: boolean }
  | { type: 'status-request'; n: number }
  /** A command this decoder does not know, or one cut off by the end of the bytes. */
  | { type: 'unknown'; byte: number; at: number };

const ALIGNS = Object.fromEntries(Object.entries(ALIGN_CODES).map(([align, code]) => [code, align as Align]));
const SIZES = Object.fromEntries(Object.entries(SIZE_CODES).map(([size, code]) => [code, size as TextSize]));
const ERROR_LEVELS = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' } as const;
const READABLE: readonly ReadablePosition[] = ['none', 'above', 'below', 'both'];
/** The printer's barcode settings after ESC @ (Epson's defaults). */
const BARCODE_DEFAULTS = { moduleWidth: 3, height: 162, readable: 'none' as ReadablePosition };

/** Commands skipped by their fixed parameter count: ESC/GS/FS + letter → bytes after the letter. */
const FIXED_PARAMETERS: Record<number, Record<number, number>> = {
  [ESC]: { 0x20: 1, 0x21: 1, 0x2d: 1, 0x32: 0, 0x33: 1, 0x4a: 1, 0x4d: 1, 0x52: 1, 0x74: 1, 0x47: 1, 0x56: 1, 0x7b: 1, 0x24: 2, 0x5c: 2 },
  [GS]: { 0x66: 1, 0x42: 1, 0x4c: 2, 0x57: 2, 0x24: 2 },
  [FS]: { 0x21: 1, 0x2d: 1, 0x43: 1, 0x57: 1, 0x53: 2 },
};

class Decoder {
  readonly entries: TranscriptEntry[] = [];
  private align: Align = 'left';
  private bold = false;
  private size: TextSize = 'normal';
  private chinese = false;
  private line: number[] = [];
  private lineStyle: { bold: boolean; size: TextSize } | null = null;
  private qrData = new Uint8Array(0);
  private qrModule = 3;
  private qrLevel: 'L' | 'M' | 'Q' | 'H' = 'L';
  private barcodeStyle = { ...BARCODE_DEFAULTS };
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  private byte(offset: number): number | undefined {
    return this.bytes[this.at + offset];
  }

  private reset(): void {
    this.align = 'left';
    this.bold = false;
    this.size = 'normal';
    this.chinese = false;
    this.barcodeStyle = { ...BARCODE_DEFAULTS };
  }

  private flush(): void {
    const text = iconv.decode(Uint8Array.from(this.line), this.chinese ? 'gb18030' : 'cp437');
    const style = this.lineStyle ?? { bold: this.bold, size: this.size };
    // A full-width line of dashes at normal size is how a rule is printed.
    if (text === '-'.repeat(COLUMNS) && style.size === 'normal') this.entries.push({ type: 'rule' });
    else this.entries.push({ type: 'text', text, align: this.align, ...style });
    this.line = [];
    this.lineStyle = null;
  }

  run(): TranscriptEntry[] {
    while (this.at < this.bytes.length) {
      const byte = this.bytes[this.at]!;
      if (byte >= 0x20) {
        this.lineStyle ??= { bold: this.bold, size: this.size };
        this.line.push(byte);
        this.at++;
      } else if (byte === LF) {
        this.flush();
        this.at++;
      } else {
        const used = this.command(byte);
        if (used === null) {
          this.entries.push({ type: 'unknown', byte, at: this.at });
          this.at++;
        } else this.at += used;
      }
    }
    if (this.line.length > 0) this.flush();
    return this.entries;
  }

  /** Applies the command at `at`; returns its length, or null when it is unknown or cut off. */
  private command(prefix: number): number | null {
    const letter = this.byte(1);
    const n = this.byte(2);
    if (prefix === 0x0d) return 1; // CR: ignored by a printer with auto line feed off
    if (prefix === 0x10) return letter === 0x04 && n !== undefined ? this.statusRequest(n) : null;
    if (letter === undefined) return null;
    if (prefix === ESC && letter === 0x40) {
      this.reset();
      return 2;
    }
    if (prefix === FS && (letter === 0x26 || letter === 0x2e)) {
      this.chinese = letter === 0x26;
      return 2;
    }
    if (prefix === GS && letter === 0x56) return this.cut();
    if (prefix === GS && letter === 0x6b) return this.barcode();
    if (prefix === GS && letter === 0x28 && n === 0x6b) return this.qr();
    if (n !== undefined && this.styleCommand(prefix, letter, n)) return 3;
    const fixed = FIXED_PARAMETERS[prefix]?.[letter];
    if (fixed === undefined || this.at + 2 + fixed > this.bytes.length) return null;
    return 2 + fixed;
  }

  /** ESC a, ESC E, GS !, ESC d and the barcode's GS w, GS h, GS H: three bytes each. */
  private styleCommand(prefix: number, letter: number, n: number): boolean {
    if (prefix === ESC && letter === 0x61) this.align = ALIGNS[n % 48] ?? 'left';
    else if (prefix === ESC && letter === 0x45) this.bold = (n & 1) === 1;
    else if (prefix === ESC && letter === 0x64) this.entries.push({ type: 'feed', lines: n });
    else if (prefix === GS && letter === 0x21) this.size = SIZES[n] ?? 'normal';
    else if (prefix === GS && letter === 0x77) this.barcodeStyle.moduleWidth = n;
    else if (prefix === GS && letter === 0x68) this.barcodeStyle.height = n;
    else if (prefix === GS && letter === 0x48) this.barcodeStyle.readable = READABLE[n % 48] ?? 'none';
    else return false;
    return true;
  }

  private statusRequest(n: number): number {
    this.entries.push({ type: 'status-request', n });
    return 3;
  }

  private cut(): number | null {
    const mode = this.byte(2);
    if (mode === undefined) return null;
    // Modes 65/66 carry a feed amount; 0/1/48/49 do not. 1, 49 and 66 cut partially.
    const length = mode === 65 || mode === 66 ? 4 : 3;
    if (this.at + length > this.bytes.length) return null;
    if (this.line.length > 0) this.flush();
    this.entries.push({ type: 'cut', partial: mode === 1 || mode === 49 || mode === 66 });
    return length;
  }

  private barcode(): number | null {
    const system = this.byte(2);
    if (system === undefined) return null;
    if (system <= 6) {
      // Old form: NUL-terminated data, systems this decoder does not render.
      const end = this.bytes.indexOf(0, this.at + 3);
      return end < 0 ? null : end - this.at + 1;
    }
    const length = this.byte(3);
    if (length === undefined || this.at + 4 + length > this.bytes.length) return null;
    if (system !== 73) return 4 + length;
    const symbol = code128FromEscPos(this.bytes.subarray(this.at + 4, this.at + 4 + length));
    // Data a printer cannot make a symbol of prints nothing; the transcript notes the command.
    if (!symbol) this.entries.push({ type: 'unknown', byte: GS, at: this.at });
    else this.entries.push({ type: 'barcode', format: 'code128', data: symbol.text, symbols: symbol.symbols, ...this.barcodeStyle });
    return 4 + length;
  }

  private qr(): number | null {
    const pL = this.byte(3);
    const pH = this.byte(4);
    if (pL === undefined || pH === undefined) return null;
    const size = pL + pH * 256;
    const end = this.at + 5 + size;
    if (end > this.bytes.length || size < 2) return null;
    const [cn, fn, m] = [this.byte(5), this.byte(6), this.byte(7)];
    if (cn === 0x31 && fn === 0x43 && m !== undefined) this.qrModule = m;
    if (cn === 0x31 && fn === 0x45 && m !== undefined) this.qrLevel = ERROR_LEVELS[m as keyof typeof ERROR_LEVELS] ?? this.qrLevel;
    if (cn === 0x31 && fn === 0x50) this.qrData = this.bytes.slice(this.at + 8, end);
    if (cn === 0x31 && fn === 0x51) {
      const data = new TextDecoder().decode(this.qrData);
      this.entries.push({ type: 'qr', data, moduleSize: this.qrModule, errorLevel: this.qrLevel });
    }
    return end - this.at;
  }
}

export function decodeEscPos(bytes: Uint8Array): TranscriptEntry[] {
  return new Decoder(bytes).run();
}

/** A plain-text rendering of a transcript, for logs of the capture server and test failures. */
export function transcriptText(entries: readonly TranscriptEntry[]): string {
  return entries
    .map((entry) => {
      switch (entry.type) {
        case 'text':
          return `${entry.align === 'center' ? '[c] ' : entry.align === 'right' ? '[r] ' : ''}${entry.bold ? '**' : ''}${entry.text}`;
        case 'rule':
          return '-'.repeat(COLUMNS);
        case 'qr':
          return `[QR ${entry.data}]`;
        case 'barcode':
          return `[CODE128 ${entry.data}]`;
        case 'feed':
          return '\n'.repeat(Math.max(0, entry.lines - 1));
        case 'cut':
          return '--- cut ---';
        default:
          return null;
      }
    })
    .filter((line) => line !== null)
    .join('\n');
}
