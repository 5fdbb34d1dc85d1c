import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, ScanLineSplitter, type LineEvent } from './lines.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const feedAll = (chunks: Uint8Array[]) => {
  const splitter = new ScanLineSplitter();
  return chunks.flatMap((chunk) => splitter.feed(chunk));
};
const scans = (events: LineEvent[]) => events.flatMap((event) => (event.type === 'scan' ? [event.text] : []));

describe('scan lines', () => {
  it('ends lines at CR, LF and CRLF, without empty scans between CR and LF', () => {
    expect(scans(feedAll([bytes('A023\rB007\nC100\r\nD200\r\n\n')]))).toEqual(['A023', 'B007', 'C100', 'D200']);
  });

  it('reads UTF-8 Chinese, and GB18030 where the bytes are not UTF-8', () => {
    const gb = iconv.encode('粤B12345 示例政务中心\r', 'gb18030');
    expect(scans(feedAll([bytes('证照编号：440300\r'), new Uint8Array(gb)]))).toEqual(['证照编号：440300', '粤B12345 示例政务中心']);
  });

  it('joins a line split across chunks, even inside a character or between CR and LF', () => {
    const whole = bytes('办件编号：SB2026\r\nnext\n');
    const chunks = [whole.subarray(0, 4), whole.subarray(4, 5), whole.subarray(5, 19), whole.subarray(19)];
    expect(scans(feedAll(chunks))).toEqual(['办件编号：SB2026', 'next']);
  });

  it('drops an overlong line with a report and reads the next line', () => {
    const events = feedAll([new Uint8Array(MAX_LINE_BYTES + 10).fill(0x41), bytes('\nA023\n')]);
    expect(events).toEqual([{ type: 'dropped', reason: 'overlong', bytes: MAX_LINE_BYTES + 10 }, { type: 'scan', text: 'A023' }]);
    expect(scans(feedAll([new Uint8Array(MAX_LINE_BYTES).fill(0x42), bytes('\n')]))[0]).toHaveLength(MAX_LINE_BYTES);
  });

  it('reports a line of garbage as unreadable rather than a scan', () => {
    expect(feedAll([Uint8Array.of(0x01, 0x02, 0xff, 0xff, 0x0a), bytes('ok\n')])).toEqual([
      { type: 'dropped', reason: 'unreadable', bytes: 4 },
      { type: 'scan', text: 'ok' },
    ]);
  });

  it('never throws on random bytes in random chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 20 }), (chunks) => {
        const events = feedAll(chunks);
        for (const event of events) if (event.type === 'scan') expect(event.text.length).toBeGreaterThan(0);
      }),
    );
  });
});
