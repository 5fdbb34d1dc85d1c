/**
 * A simulated SAM module: command bytes in, reply bytes out, with a card that can be inserted and
 * removed and faults that can be injected. Pure (no timers, no I/O), like serialport's MockBinding:
 * simulator.ts puts it behind a pseudo-terminal, memory-line.ts behind an in-memory line.
 */
import type { IdCard } from '../../../src/core/id-card.ts';
import { commandNameOf, encodeReadData, encodeReply, FrameReader, parseCommandBody, type CommandName } from './codec.ts';
import { demoPhoto } from './demo-cards.ts';
import { encodeTextBlock } from './text-block.ts';

export type FaultKind = 'bad-checksum' | 'truncated' | 'garbage' | 'status';

export interface Fault {
  kind: FaultKind;
  /** How many replies it spoils (default 1). */
  count?: number;
  /** Only replies to this command (default: the next replies, whatever they answer). */
  command?: CommandName;
  /** For 'status': the SW3 to answer with instead of the real one. */
  sw3?: number;
}

/** Bytes trickling in: `chunkBytes` at a time, `delayMs` apart (a long cable, a USB-serial bridge under load). */
export interface SlowLine {
  chunkBytes: number;
  delayMs: number;
}

export interface SimulatedReaderOptions {
  /**
   * What "find card" answers while an already-read card stays on the reader. Ideal modules say
   * found (9F); many real ones say no card (80) because the chip stays selected, and only a
   * "select card" then shows it is still there. The driver must handle both.
   */
  findAfterRead?: 'found' | 'not-found';
}

const SW = { ok: 0x90, found: 0x9f, noCard: 0x80, selectFailed: 0x81, readFailed: 0x41, checksum: 0x10, command: 0x21 };

/** Noise with a false start: a partial preamble and a preamble announcing an impossible length. */
const GARBAGE = Uint8Array.of(0x00, 0xff, 0x13, 0xaa, 0xaa, 0x96, 0x55, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 0x01);

export class SimulatedSamReader {
  private readonly commands = new FrameReader(2);
  private card: { text: Uint8Array; photo: Uint8Array } | null = null;
  private selected = false;
  private read = false;
  private faults: Array<Fault & { remaining: number }> = [];
  /** No reply at all: a reader that hangs or lost power behind a still-present USB bridge. */
  silent = false;
  slowLine: SlowLine | null = null;
  /** Every well-formed command received, by name (tests assert the driver's sequence). */
  readonly received: Array<CommandName | 'unknown'> = [];

  constructor(private readonly options: SimulatedReaderOptions = {}) {}

  /** Places a card (or a raw text block, for cards the encoder would not build) on the reader. */
  insert(card: IdCard | Uint8Array, photo: Uint8Array = demoPhoto()): void {
    this.card = { text: card instanceof Uint8Array ? card : encodeTextBlock(card), photo };
    this.selected = false;
    this.read = false;
  }

  remove(): void {
    this.card = null;
    this.selected = false;
    this.read = false;
  }

  get hasCard(): boolean {
    return this.card !== null;
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.count ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
    this.silent = false;
    this.slowLine = null;
  }

  /** Feeds bytes from the host; returns the reply frames to send back, faults applied. */
  receive(bytes: Uint8Array): Uint8Array[] {
    if (this.silent) {
      this.commands.reset();
      return [];
    }
    const replies: Uint8Array[] = [];
    for (const event of this.commands.push(bytes)) {
      if (event.type === 'bad-checksum') replies.push(this.deliver('unknown', { sw3: SW.checksum }));
      if (event.type !== 'frame') continue;
      const frame = parseCommandBody(event.body);
      const name = commandNameOf(frame) ?? 'unknown';
      this.received.push(name);
      replies.push(this.deliver(name, this.answer(name)));
    }
    return replies;
  }

  private answer(name: CommandName | 'unknown'): { sw3: number; data?: Uint8Array } {
    const card = this.card;
    switch (name) {
      case 'resetSam':
      case 'samStatus':
        return { sw3: SW.ok };
      case 'findCard':
        if (!card || (this.read && this.options.findAfterRead === 'not-found')) return { sw3: SW.noCard };
        return { sw3: SW.found, data: new Uint8Array(4) };
      case 'selectCard':
        if (!card) return { sw3: SW.selectFailed };
        this.selected = true;
        return { sw3: SW.ok, data: new Uint8Array(8) };
      case 'readTextAndPhoto':
        if (!card || !this.selected) return { sw3: SW.readFailed };
        this.read = true;
        return { sw3: SW.ok, data: encodeReadData(card.text, card.photo) };
      default:
        return { sw3: SW.command };
    }
  }

  private deliver(name: CommandName | 'unknown', reply: { sw3: number; data?: Uint8Array }): Uint8Array {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.command === undefined || f.command === name));
    if (!fault) return encodeReply(reply);
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    const bytes = encodeReply(fault.kind === 'status' ? { sw3: fault.sw3 ?? SW.readFailed } : reply);
    switch (fault.kind) {
      case 'bad-checksum':
        bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x5a;
        return bytes;
      case 'truncated':
        return bytes.slice(0, Math.max(8, bytes.length >> 1));
      case 'garbage': {
        const out = new Uint8Array(GARBAGE.length + bytes.length);
        out.set(GARBAGE, 0);
        out.set(bytes, GARBAGE.length);
        return out;
      }
      default:
        return bytes;
    }
  }
}

/** Cuts reply bytes into the pieces a slow line delivers. */
export function slowLineChunks(bytes: Uint8Array, line: SlowLine | null): Uint8Array[] {
  if (!line) return [bytes];
  const size = Math.max(1, line.chunkBytes);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}
