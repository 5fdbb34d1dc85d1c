/**
 * Frames of the resident ID card SAM module protocol (GA 467 "居民身份证验证安全控制模块接口技术
 * 规范", the serial protocol every certified reader speaks):
 *
 *   AA AA AA 96 69 | LEN (2, big-endian) | body | CHK
 *
 * LEN counts the body and the checksum byte; CHK is the XOR of the two LEN bytes and the body.
 * A command body is CMD PARA [data]; a reply body is SW1 SW2 SW3 [data]. Pure: bytes in, frames
 * out, no I/O, so it can be fuzzed.
 */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
const HEADER_LENGTH = PREAMBLE.length + 2;

/**
 * The longest legal frame is the reply to "read text, photo and fingerprint" (30 10):
 * 3 status + 6 lengths + 256 + 1024 + 1024 + 1 = 2314 bytes. Anything announcing more is noise
 * that happens to contain a preamble, and waiting for it would stall the line.
 */
export const MAX_FRAME_LENGTH = 0x0a00;

export interface CommandFrame {
  command: number;
  parameter: number;
  data: Uint8Array;
}

export interface ReplyFrame {
  sw1: number;
  sw2: number;
  /** The status byte that carries meaning; see status.ts. */
  sw3: number;
  data: Uint8Array;
}

/** The commands the driver sends, as [CMD, PARA]. */
export const COMMANDS = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readTextAndPhoto: [0x30, 0x01],
} as const satisfies Record<string, readonly [number, number]>;
export type CommandName = keyof typeof COMMANDS;

export function commandNameOf(frame: Pick<CommandFrame, 'command' | 'parameter'>): CommandName | null {
  for (const [name, [command, parameter]] of Object.entries(COMMANDS)) {
    if (command === frame.command && parameter === frame.parameter) return name as CommandName;
  }
  return null;
}

function xor(bytes: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum ^= bytes[i]!;
  return sum;
}

/** Wraps a body in preamble, length and checksum. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const length = body.length + 1;
  if (length > 0xffff) throw new RangeError('frame body too long');
  const out = new Uint8Array(HEADER_LENGTH + length);
  out.set(PREAMBLE, 0);
  out[5] = length >> 8;
  out[6] = length & 0xff;
  out.set(body, HEADER_LENGTH);
  out[out.length - 1] = xor(out, 5, out.length - 1);
  return out;
}

export function encodeCommand(name: CommandName, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const [command, parameter] = COMMANDS[name];
  const body = new Uint8Array(2 + data.length);
  body[0] = command;
  body[1] = parameter;
  body.set(data, 2);
  return encodeFrame(body);
}

export function encodeReply(reply: { sw3: number; data?: Uint8Array; sw1?: number; sw2?: number }): Uint8Array {
  const data = reply.data ?? new Uint8Array(0);
  const body = new Uint8Array(3 + data.length);
  body[0] = reply.sw1 ?? 0;
  body[1] = reply.sw2 ?? 0;
  body[2] = reply.sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

/** Bodies handed out by FrameReader always meet the direction's minimum, so these cannot fail. */
export function parseCommandBody(body: Uint8Array): CommandFrame {
  return { command: body[0]!, parameter: body[1]!, data: body.subarray(2) };
}

export function parseReplyBody(body: Uint8Array): ReplyFrame {
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
}

export const TEXT_BLOCK_LENGTH = 256;
export const PHOTO_LENGTH = 1024;

/** The data of a successful "read text and photo" reply: two BE lengths, then the two blocks. */
export function encodeReadData(text: Uint8Array, photo: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + text.length + photo.length);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  out.set(text, 4);
  out.set(photo, 4 + text.length);
  return out;
}

/** Null when the lengths are not the 256 + 1024 the card holds or do not add up to the data. */
export function parseReadData(data: Uint8Array): { text: Uint8Array; photo: Uint8Array } | null {
  if (data.length < 4) return null;
  const textLength = (data[0]! << 8) | data[1]!;
  const photoLength = (data[2]! << 8) | data[3]!;
  if (textLength !== TEXT_BLOCK_LENGTH || photoLength !== PHOTO_LENGTH) return null;
  if (data.length !== 4 + textLength + photoLength) return null;
  return { text: data.slice(4, 4 + textLength), photo: data.slice(4 + textLength) };
}

export type FrameEvent =
  | { type: 'frame'; body: Uint8Array }
  /** Bytes dropped while looking for a preamble (line noise, a reader's boot banner). */
  | { type: 'garbage'; discarded: number }
  /** A preamble whose frame failed the XOR check: resynchronised one byte further. */
  | { type: 'bad-checksum' }
  /** A preamble announcing a length no frame can have: resynchronised one byte further. */
  | { type: 'bad-length'; length: number };

export interface FrameCounters {
  frames: number;
  garbageBytes: number;
  badChecksums: number;
  badLengths: number;
}

function indexOfPreamble(bytes: Uint8Array): number {
  outer: for (let i = 0; i + PREAMBLE.length <= bytes.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (bytes[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** How many trailing bytes could be the start of a preamble split across reads. */
function partialPreambleTail(bytes: Uint8Array): number {
  for (let keep = Math.min(PREAMBLE.length - 1, bytes.length); keep > 0; keep--) {
    let match = true;
    for (let j = 0; j < keep && match; j++) match = bytes[bytes.length - keep + j] === PREAMBLE[j];
    if (match) return keep;
  }
  return 0;
}

/**
 * Cuts a byte stream into frame bodies, like serialport's parser-delimiter but for length-prefixed
 * frames. Never throws: noise is skipped, a bad frame costs one byte of resync (so a good frame
 * hidden inside a bad one's span is still found), and every problem is reported and counted.
 */
export class FrameReader {
  private buffer = new Uint8Array(0);
  readonly counters: FrameCounters = { frames: 0, garbageBytes: 0, badChecksums: 0, badLengths: 0 };

  /** @param minBodyLength 2 for commands (CMD PARA), 3 for replies (SW1 SW2 SW3). */
  constructor(private readonly minBodyLength: number) {}

  push(chunk: Uint8Array): FrameEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer, 0);
    joined.set(chunk, this.buffer.length);
    let bytes = joined;
    const events: FrameEvent[] = [];
    const drop = (count: number) => {
      bytes = bytes.subarray(count);
    };
    for (;;) {
      const start = indexOfPreamble(bytes);
      const garbage = start < 0 ? bytes.length - partialPreambleTail(bytes) : start;
      if (garbage > 0) {
        this.counters.garbageBytes += garbage;
        events.push({ type: 'garbage', discarded: garbage });
        drop(garbage);
      }
      if (start < 0 || bytes.length < HEADER_LENGTH) break;
      const length = (bytes[5]! << 8) | bytes[6]!;
      if (length < this.minBodyLength + 1 || length > MAX_FRAME_LENGTH) {
        this.counters.badLengths++;
        events.push({ type: 'bad-length', length });
        drop(1);
        continue;
      }
      const end = HEADER_LENGTH + length;
      if (bytes.length < end) break;
      if (xor(bytes, 5, end - 1) !== bytes[end - 1]) {
        this.counters.badChecksums++;
        events.push({ type: 'bad-checksum' });
        drop(1);
        continue;
      }
      this.counters.frames++;
      events.push({ type: 'frame', body: bytes.slice(HEADER_LENGTH, end - 1) });
      drop(end);
    }
    this.buffer = bytes.slice();
    return events;
  }

  /** Forgets a partial frame, e.g. after a reply timeout, so a truncated reply cannot swallow the next one. */
  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  get pendingBytes(): number {
    return this.buffer.length;
  }
}
