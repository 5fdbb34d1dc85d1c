/**
 * The ID card reader driver: a poll loop over any byte transport (serial.ts in the kiosk, an
 * in-memory line in unit tests) that turns the SAM module protocol into events: `card` once per
 * insertion, `removed` when the card leaves, `status` when the reader goes silent, is unplugged,
 * refuses our frames, or comes back, and `line-errors` when the line has spoiled more frames.
 */
import { chinaTimeParts, formatChinaDate } from '../../../src/core/china-time.ts';
import { systemClock, type Clock } from '../../../src/core/clock.ts';
import type { IdCard, IdCardRefusal } from '../../../src/core/id-card.ts';
import { encodeCommand, FrameReader, parseReadData, parseReplyBody, type CommandName, type FrameCounters, type ReplyFrame } from './codec.ts';
import { replyStatus } from './status.ts';
import { decodeTextBlock } from './text-block.ts';
import { realTimers, type ByteTransport, type Timers } from './transport.ts';

export type { ByteTransport, Timers } from './transport.ts';

export type ReaderState = 'ready' | 'absent' | 'error';

export type CardRead = { ok: true; card: IdCard; photo: Uint8Array } | { ok: false; reason: IdCardRefusal };

export type ReaderEvent =
  /** `receivedAt` is when the last byte of the read reply arrived (the bench measures from it). */
  | { type: 'card'; read: CardRead; receivedAt: number }
  | { type: 'removed' }
  | { type: 'status'; state: ReaderState; reason?: string }
  /** The frame counters, after an exchange that saw bad checksums, bad lengths or garbage bytes. */
  | { type: 'line-errors'; counters: FrameCounters };

export interface ReaderOptions {
  transport: ByteTransport;
  clock?: Clock;
  timers?: Timers;
  /** Pause between find-card polls. A card is noticed within this plus one exchange. */
  pollIntervalMs?: number;
  /** Wait for a find/select reply; restarted while bytes keep arriving (a slow line), up to 4 times. */
  replyTimeoutMs?: number;
  /** Wait for the read reply: the chip transfer and SAM decryption take about a second on real modules. */
  readTimeoutMs?: number;
  /** Consecutive failed exchanges before the reader is reported in error; one can be line noise. */
  failuresBeforeError?: number;
  /** Select + read attempts per insertion before it is refused as unreadable. */
  readAttempts?: number;
  /** Never receives names or numbers: only states, reasons, card types and counts. */
  log?: (message: string) => void;
}

type Outcome =
  | { kind: 'reply'; reply: ReplyFrame }
  | { kind: 'timeout' }
  | { kind: 'corrupt' }
  | { kind: 'disconnected' }
  /** The transport has not finished its first open: nothing to report yet. */
  | { kind: 'opening' }
  | { kind: 'stopped' };

const CARD_FOUND = 0x9f;
const SUCCESS = 0x90;

export class SamReader {
  private readonly transport: ByteTransport;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly pollIntervalMs: number;
  private readonly replyTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private readonly failuresBeforeError: number;
  private readonly readAttempts: number;
  private readonly log: (message: string) => void;
  private readonly frames = new FrameReader(3);
  private readonly listeners = new Set<(event: ReaderEvent) => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private running = false;
  private connected: boolean | null;
  private everConnected = false;
  private cardPresent = false;
  private failures = 0;
  private reportedLineErrors = 0;
  private status: { state: ReaderState; reason?: string } | null = null;
  private pending: ((outcome: Outcome) => void) | null = null;
  /** Restarts the reply timer of the pending exchange: bytes are still coming. */
  private rearm: (() => void) | null = null;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> = Promise.resolve();

  constructor(options: ReaderOptions) {
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? realTimers;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 500;
    this.readTimeoutMs = options.readTimeoutMs ?? 3000;
    this.failuresBeforeError = options.failuresBeforeError ?? 2;
    this.readAttempts = options.readAttempts ?? 3;
    this.log = options.log ?? (() => {});
    this.connected = this.transport.connected === undefined ? true : this.transport.connected;
  }

  on(listener: (event: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get state(): ReaderState | null {
    return this.status?.state ?? null;
  }

  get lineCounters() {
    return { ...this.frames.counters };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe.push(this.transport.onData((bytes) => this.onBytes(bytes)));
    if (this.transport.onConnectionChange) {
      this.unsubscribe.push(this.transport.onConnectionChange((connected) => this.onConnection(connected)));
    }
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pending?.({ kind: 'stopped' });
    this.wake?.();
    for (const off of this.unsubscribe.splice(0)) off();
    await this.loopDone;
  }

  private emit(event: ReaderEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private setStatus(state: ReaderState, reason?: string): void {
    if (this.status?.state === state && this.status.reason === reason) return;
    this.status = reason ? { state, reason } : { state };
    this.log(`sam-reader: ${state}${reason ? ` (${reason})` : ''}`);
    this.emit({ type: 'status', ...this.status });
    // Without a working reader nobody can tell the card is still there; a session bound to it must end.
    if (state !== 'ready') this.cardLeft();
  }

  private cardLeft(): void {
    if (!this.cardPresent) return;
    this.cardPresent = false;
    this.emit({ type: 'removed' });
  }

  private onConnection(connected: boolean): void {
    this.connected = connected;
    if (connected) this.everConnected = true;
    else this.pending?.({ kind: 'disconnected' });
  }

  private onBytes(bytes: Uint8Array): void {
    this.everConnected = true;
    const events = this.frames.push(bytes);
    if (!this.pending) return; // a late reply to an exchange that already timed out
    const frame = events.find((event) => event.type === 'frame');
    if (frame) this.pending({ kind: 'reply', reply: parseReplyBody(frame.body) });
    else if (events.some((event) => event.type === 'bad-checksum')) this.pending({ kind: 'corrupt' });
    else this.rearm?.();
  }

  /** One command, one reply. Every way it can go wrong is an outcome, never an exception. */
  private exchange(name: CommandName, timeoutMs: number): Promise<Outcome> {
    if (!this.running) return Promise.resolve({ kind: 'stopped' });
    return new Promise<Outcome>((resolve) => {
      const startedAt = this.clock.now();
      let timer: unknown = null;
      const settle = (outcome: Outcome) => {
        this.timers.clearTimeout(timer);
        this.pending = null;
        this.rearm = null;
        if (outcome.kind === 'timeout' || outcome.kind === 'corrupt') this.frames.reset();
        resolve(outcome);
      };
      this.rearm = () => {
        const left = startedAt + timeoutMs * 4 - this.clock.now();
        this.timers.clearTimeout(timer);
        timer = this.timers.setTimeout(() => settle({ kind: 'timeout' }), Math.max(0, Math.min(timeoutMs, left)));
      };
      this.pending = settle;
      // Bytes left from an earlier exchange cannot belong to this one.
      this.frames.reset();
      if (this.connected === null) return settle({ kind: 'opening' });
      if (!this.connected || !this.transport.write(encodeCommand(name))) return settle({ kind: 'disconnected' });
      timer = this.timers.setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
    }).then((outcome) => this.judge(outcome));
  }

  /** Keeps the device status in step with how exchanges go. */
  private judge(outcome: Outcome): Outcome {
    this.reportLineErrors();
    if (outcome.kind === 'stopped' || outcome.kind === 'opening') return outcome;
    if (outcome.kind === 'disconnected') {
      this.failures = 0;
      if (this.everConnected) this.setStatus('error', 'unplugged');
      else this.setStatus('absent', 'not-connected');
      return outcome;
    }
    const status = outcome.kind === 'reply' ? replyStatus(outcome.reply.sw3) : null;
    if (status && status.effect !== 'rejected') {
      this.failures = 0;
      if (status.effect === 'reader') this.setStatus('error', status.reason);
      else this.setStatus('ready');
      return outcome;
    }
    // No usable answer: silence, a spoiled reply, or the module refusing our frame (sent again by
    // the caller). One in a row can be line noise; more means the reader is not working.
    this.failures++;
    const reason = status?.reason ?? (outcome.kind === 'timeout' ? 'no-reply' : 'line-errors');
    this.log(`sam-reader: ${status?.reason ?? outcome.kind} (${this.failures} in a row)`);
    if (this.failures >= this.failuresBeforeError) this.setStatus('error', reason);
    return outcome;
  }

  private reportLineErrors(): void {
    const { badChecksums, badLengths, garbageBytes } = this.frames.counters;
    const errors = badChecksums + badLengths + garbageBytes;
    if (errors === this.reportedLineErrors) return;
    this.reportedLineErrors = errors;
    this.emit({ type: 'line-errors', counters: { ...this.frames.counters } });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.timers.setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        this.timers.clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    while (this.running) {
      if (this.cardPresent) await this.checkStillPresent();
      else await this.lookForCard();
      if (this.running) await this.sleep(this.pollIntervalMs);
    }
  }

  private async lookForCard(): Promise<void> {
    const found = await this.exchange('findCard', this.replyTimeoutMs);
    if (found.kind === 'reply' && found.reply.sw3 === CARD_FOUND) await this.readInsertedCard();
  }

  /**
   * Whether the card is still on the reader: true, false, or null when the reader did not say.
   * Many modules answer "no card" to find-card while a card they have read stays selected, so a
   * "no card" is confirmed with select-card before the card counts as gone.
   */
  private async presence(): Promise<boolean | null> {
    const found = await this.exchange('findCard', this.replyTimeoutMs);
    if (found.kind !== 'reply') return null;
    if (found.reply.sw3 === CARD_FOUND) return true;
    if (replyStatus(found.reply.sw3).effect !== 'no-card') return null;
    const selected = await this.exchange('selectCard', this.replyTimeoutMs);
    if (selected.kind !== 'reply') return null;
    if (selected.reply.sw3 === SUCCESS) return true;
    return replyStatus(selected.reply.sw3).effect === 'no-card' ? false : null;
  }

  private async checkStillPresent(): Promise<void> {
    if ((await this.presence()) === false) this.cardLeft();
  }

  /** Select and read, retrying a spoiled exchange; one `card` event for the insertion either way. */
  private async readInsertedCard(): Promise<void> {
    for (let attempt = 1; attempt <= this.readAttempts && this.running; attempt++) {
      if (attempt > 1) {
        const present = await this.presence();
        if (present === false) return;
        if (present === null) continue;
      }
      const selected = await this.exchange('selectCard', this.replyTimeoutMs);
      if (selected.kind !== 'reply') continue;
      const selectEffect = replyStatus(selected.reply.sw3).effect;
      if (selectEffect === 'no-card' || selectEffect === 'reader') return;
      if (selectEffect !== 'success') continue;
      const read = await this.exchange('readTextAndPhoto', this.readTimeoutMs);
      if (read.kind !== 'reply') continue;
      const effect = replyStatus(read.reply.sw3).effect;
      if (effect === 'no-card' || effect === 'reader') return;
      const blocks = effect === 'success' ? parseReadData(read.reply.data) : null;
      if (!blocks) continue;
      this.deliverCard(blocks.text, blocks.photo);
      return;
    }
    if (!this.running || this.status?.state !== 'ready') return;
    this.log('sam-reader: card refused (unreadable)');
    this.cardPresent = true;
    this.emit({ type: 'card', read: { ok: false, reason: 'unreadable' }, receivedAt: this.clock.now() });
  }

  private deliverCard(text: Uint8Array, photo: Uint8Array): void {
    const receivedAt = this.clock.now();
    const decoded = decodeTextBlock(text, formatChinaDate(chinaTimeParts(receivedAt)));
    this.cardPresent = true;
    if (decoded.ok) {
      this.log(`sam-reader: card read (${decoded.card.cardType})`);
      this.emit({ type: 'card', read: { ok: true, card: decoded.card, photo }, receivedAt });
    } else {
      this.log(`sam-reader: card refused (${decoded.reason}${decoded.field ? `, field ${decoded.field}` : ''})`);
      this.emit({ type: 'card', read: { ok: false, reason: decoded.reason }, receivedAt });
    }
  }
}
