import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeCommand,
  encodeFrame,
  encodeReadData,
  encodeReply,
  FrameReader,
  MAX_FRAME_LENGTH,
  parseCommandBody,
  parseReadData,
  parseReplyBody,
  PREAMBLE,
  type FrameEvent,
} from './codec.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const frames = (events: FrameEvent[]) => events.flatMap((event) => (event.type === 'frame' ? [event.body] : []));
const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('SAM frames', () => {
  it('encodes find card as the documented bytes', () => {
    // AA AA AA 96 69, length 3 (command, parameter, checksum), 20 01, checksum 00^03^20^01 = 22
    expect(hex(encodeCommand('findCard'))).toBe('aaaaaa9669000320' + '0122');
  });

  it('encodes the other commands with their command and parameter bytes', () => {
    expect(hex(encodeCommand('selectCard')).slice(14, 18)).toBe('2002');
    expect(hex(encodeCommand('readTextAndPhoto')).slice(14, 18)).toBe('3001');
    expect(hex(encodeCommand('resetSam')).slice(14, 18)).toBe('10ff');
    expect(hex(encodeCommand('samStatus')).slice(14, 18)).toBe('11ff');
  });

  it('encodes a no-card reply with status 00 00 80', () => {
    // length 4 (SW1 SW2 SW3 checksum); checksum 00^04^00^00^80 = 84
    expect(hex(encodeReply({ sw3: 0x80 }))).toBe('aaaaaa9669000400008084');
  });

  it('round-trips command and reply frames through the frame reader', () => {
    const command = new FrameReader(2).push(encodeCommand('readTextAndPhoto', Uint8Array.of(1, 2, 3)));
    expect(frames(command).map(parseCommandBody)).toEqual([{ command: 0x30, parameter: 0x01, data: Uint8Array.of(1, 2, 3) }]);
    const data = encodeReadData(new Uint8Array(256).fill(0x20), new Uint8Array(1024).fill(7));
    const reply = new FrameReader(3).push(encodeReply({ sw3: 0x90, data }));
    const [body] = frames(reply);
    expect(parseReplyBody(body!)).toEqual({ sw1: 0, sw2: 0, sw3: 0x90, data });
  });

  it('reads the text and photo blocks of a read reply, and refuses wrong lengths', () => {
    const text = new Uint8Array(256).fill(1);
    const photo = new Uint8Array(1024).fill(2);
    const data = encodeReadData(text, photo);
    expect(hex(data.subarray(0, 4))).toBe('01000400');
    expect(parseReadData(data)).toEqual({ text, photo });
    expect(parseReadData(data.subarray(0, 1000))).toBeNull();
    expect(parseReadData(encodeReadData(new Uint8Array(255), photo))).toBeNull();
    expect(parseReadData(Uint8Array.of(1))).toBeNull();
  });
});

describe('FrameReader', () => {
  const reply = encodeReply({ sw3: 0x9f, data: new Uint8Array(4) });

  it('assembles a frame delivered one byte at a time', () => {
    const reader = new FrameReader(3);
    const events = [...reply].flatMap((byte) => reader.push(Uint8Array.of(byte)));
    expect(frames(events)).toHaveLength(1);
    expect(reader.pendingBytes).toBe(0);
  });

  it('skips garbage before a preamble, including a preamble split across reads', () => {
    const reader = new FrameReader(3);
    const first = reader.push(concat([Uint8Array.of(0x00, 0x13, 0xaa, 0x55), reply.subarray(0, 3)]));
    expect(first).toEqual([{ type: 'garbage', discarded: 4 }]);
    const second = reader.push(reply.subarray(3));
    expect(frames(second)).toHaveLength(1);
    expect(reader.counters).toMatchObject({ frames: 1, garbageBytes: 4 });
  });

  it('reports a bad checksum, counts it, and still finds the next good frame', () => {
    const broken = reply.slice();
    broken[broken.length - 1] = broken[broken.length - 1]! ^ 1;
    const reader = new FrameReader(3);
    const events = reader.push(concat([broken, reply]));
    expect(events.filter((event) => event.type === 'bad-checksum')).toHaveLength(1);
    expect(frames(events)).toHaveLength(1);
    expect(reader.counters.badChecksums).toBe(1);
  });

  it('finds a good frame hidden inside the span of a bad one', () => {
    // A preamble announcing 20 bytes swallows the real reply that follows; resync recovers it.
    const liar = concat([PREAMBLE, Uint8Array.of(0x00, 0x14)]);
    const reader = new FrameReader(3);
    const events = reader.push(concat([liar, reply, new Uint8Array(16)]));
    expect(frames(events).map(hex)).toEqual([hex(reply.subarray(7, -1))]);
  });

  it('resyncs past an absurd or impossible length without waiting for it', () => {
    const reader = new FrameReader(3);
    const huge = concat([PREAMBLE, Uint8Array.of(0xff, 0xff)]);
    const tiny = concat([PREAMBLE, Uint8Array.of(0x00, 0x02)]);
    const events = reader.push(concat([huge, tiny, reply]));
    expect(events.filter((event) => event.type === 'bad-length')).toEqual([
      { type: 'bad-length', length: 0xffff },
      { type: 'bad-length', length: 2 },
    ]);
    expect(frames(events)).toHaveLength(1);
  });

  it('forgets a truncated frame on reset so it cannot swallow the next reply', () => {
    const reader = new FrameReader(3);
    const long = encodeReply({ sw3: 0x90, data: new Uint8Array(1284) });
    expect(reader.push(long.subarray(0, 600))).toEqual([]);
    reader.reset();
    expect(frames(reader.push(reply))).toHaveLength(1);
  });

  it('keeps at most a partial preamble of pure noise', () => {
    const reader = new FrameReader(3);
    reader.push(new Uint8Array(10_000).fill(0x42));
    reader.push(Uint8Array.of(0xaa, 0xaa));
    expect(reader.pendingBytes).toBe(2);
  });
});

describe('FrameReader under fuzzing', () => {
  const body = fc.uint8Array({ minLength: 3, maxLength: 300 });
  /** Where a read may cut the stream: any split of it into chunks. */
  const chunked = (stream: Uint8Array, cuts: number[]) => {
    const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let last = 0;
    for (const point of [...points, stream.length]) {
      chunks.push(stream.subarray(last, point));
      last = point;
    }
    return chunks;
  };
  const contains = (haystack: Uint8Array, needle: Uint8Array) => Buffer.from(haystack).includes(Buffer.from(needle));

  /** Random bytes rarely hold a preamble; mix in preambles, plausible headers and whole frames. */
  const hostileStream = fc
    .array(
      fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc.constant(PREAMBLE),
        fc.integer({ min: 0, max: 0xffff }).map((length) => concat([PREAMBLE, Uint8Array.of(length >> 8, length & 0xff)])),
        body.map(encodeFrame),
      ),
      { maxLength: 20 },
    )
    .map(concat);

  it('never throws on hostile bytes, and every frame it yields was a checksum-valid frame of the input', () => {
    fc.assert(
      fc.property(hostileStream, fc.array(fc.nat(), { maxLength: 20 }), (stream, cuts) => {
        const reader = new FrameReader(3);
        for (const chunk of chunked(stream, cuts)) {
          for (const frame of frames(reader.push(chunk))) {
            expect(frame.length).toBeLessThanOrEqual(MAX_FRAME_LENGTH);
            expect(contains(stream, encodeFrame(frame))).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('yields only checksum-valid frames from mutated streams of real frames', () => {
    fc.assert(
      fc.property(
        fc.array(body, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }), op: fc.constantFrom('flip', 'insert', 'delete') }), {
          maxLength: 12,
        }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bodies, mutations, cuts) => {
          const bytes = [...concat(bodies.map(encodeFrame))];
          for (const { at, byte, op } of mutations) {
            const index = at % (bytes.length + 1);
            if (op === 'insert') bytes.splice(index, 0, byte);
            else if (op === 'delete') bytes.splice(index, 1);
            else if (index < bytes.length) bytes[index] = byte;
          }
          const stream = Uint8Array.from(bytes);
          const reader = new FrameReader(3);
          for (const chunk of chunked(stream, cuts)) {
            for (const frame of frames(reader.push(chunk))) expect(contains(stream, encodeFrame(frame))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('recovers every frame, in order, from any split of frames separated by noise', () => {
    const noise = fc.uint8Array({ maxLength: 40 }).map((bytes) => bytes.map((byte) => (byte === 0xaa ? 0x55 : byte)));
    fc.assert(
      fc.property(fc.array(fc.tuple(noise, body), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 30 }), (parts, cuts) => {
        const stream = concat(parts.flatMap(([garbage, frameBody]) => [garbage, encodeFrame(frameBody)]));
        const reader = new FrameReader(3);
        const got = chunked(stream, cuts).flatMap((chunk) => frames(reader.push(chunk)));
        expect(got.map(hex)).toEqual(parts.map(([, frameBody]) => hex(frameBody)));
      }),
      { numRuns: 300 },
    );
  });
});
