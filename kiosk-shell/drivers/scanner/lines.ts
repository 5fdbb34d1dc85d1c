/**
 * A serial QR scanner's output as scans: one line per code, ended by CR, LF or CRLF depending on
 * the scanner's setup. Codes on Chinese government documents come in UTF-8 or in GB18030 (older
 * scanners and older codes), so a line is read as UTF-8 when it is valid UTF-8, else GB18030.
 * No I/O here: bytes in, scans out, so it can be fed any chunking and any garbage.
 */
import iconv from 'iconv-lite';

/** The largest QR code holds under 3 KB; a longer "line" is a scanner in the wrong mode or noise. */
export const MAX_LINE_BYTES = 4096;

export type LineEvent =
  | { type: 'scan'; text: string }
  /** Never the content: a scan may be an identity code. */
  | { type: 'dropped'; reason: 'overlong' | 'unreadable'; bytes: number };

const CR = 0x0d;
const LF = 0x0a;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a line, or null when neither encoding gives printable text. */
export function decodeScanLine(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), 'gb18030');
  }
  // Replacement characters or control codes mean line noise, not a code someone printed.
  // eslint-disable-next-line no-control-regex
  if (/[\ufffd\u0000-\u0008\u000b-\u001f\u007f]/u.test(text)) return null;
  return text;
}

export class ScanLineSplitter {
  private line: number[] = [];
  private overlong = 0;
  /** A CR just ended a line: an LF right after it belongs to the same CRLF. */
  private afterCr = false;

  feed(bytes: Uint8Array): LineEvent[] {
    const events: LineEvent[] = [];
    for (const byte of bytes) {
      if (byte === LF && this.afterCr) {
        this.afterCr = false;
        continue;
      }
      this.afterCr = byte === CR;
      if (byte === CR || byte === LF) {
        const event = this.endLine();
        if (event) events.push(event);
      } else if (this.overlong > 0) this.overlong++;
      else if (this.line.length >= MAX_LINE_BYTES) {
        // Dropped now rather than at its end, so memory stays bounded whatever comes.
        this.overlong = this.line.length + 1;
        this.line = [];
      } else this.line.push(byte);
    }
    return events;
  }

  private endLine(): LineEvent | null {
    if (this.overlong > 0) {
      const bytes = this.overlong;
      this.overlong = 0;
      return { type: 'dropped', reason: 'overlong', bytes };
    }
    const line = Uint8Array.from(this.line);
    this.line = [];
    if (line.length === 0) return null;
    const text = decodeScanLine(line);
    return text === null ? { type: 'dropped', reason: 'unreadable', bytes: line.length } : { type: 'scan', text };
  }
}
