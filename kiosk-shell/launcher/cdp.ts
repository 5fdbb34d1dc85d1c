/**
 * A minimal Chrome DevTools Protocol client over a pair of streams (Chromium's fds 3 and 4
 * with `--remote-debugging-pipe`): numbered commands with a timeout each, flat sessions
 * (`sessionId` on the message), events to listeners. Only what the watchdog needs.
 */
import type { Readable, Writable } from 'node:stream';
import { encodeFrame, NulFrameDecoder } from './cdp-frames.ts';

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

export interface SendOptions {
  sessionId?: string;
  timeoutMs?: number;
}

/** A command Chromium answered with an error, or that got no answer. Messages name the method only. */
export class CdpError extends Error {
  constructor(
    readonly method: string,
    message: string,
    readonly kind: 'protocol' | 'timeout' | 'closed',
  ) {
    super(`${method}: ${message}`);
  }
}

interface Pending {
  method: string;
  resolve(result: Record<string, unknown>): void;
  reject(error: CdpError): void;
  timer: ReturnType<typeof setTimeout>;
}

interface IncomingMessage {
  id?: unknown;
  method?: unknown;
  params?: unknown;
  sessionId?: unknown;
  result?: unknown;
  error?: { message?: unknown };
}

export class CdpConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(event: CdpEvent) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private readonly decoder = new NulFrameDecoder();
  private closedReason: string | null = null;

  constructor(
    private readonly output: Writable,
    private readonly input: Readable,
  ) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('end', () => this.close('pipe closed'));
    input.on('close', () => this.close('pipe closed'));
    input.on('error', (error) => this.close(`pipe error (${error.message})`));
    output.on('error', (error) => this.close(`pipe error (${error.message})`));
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  send<T extends object = Record<string, unknown>>(method: string, params: object = {}, options: SendOptions = {}): Promise<T> {
    if (this.closedReason !== null) return Promise.reject(new CdpError(method, this.closedReason, 'closed'));
    const id = this.nextId++;
    const message = { id, method, params, ...(options.sessionId ? { sessionId: options.sessionId } : {}) };
    return new Promise<T>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CdpError(method, `no answer within ${timeoutMs} ms`, 'timeout'));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (result: Record<string, unknown>) => void, reject, timer });
      this.output.write(encodeFrame(message));
    });
  }

  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called once, when the pipe ends or fails or close() is called; pending commands fail first. */
  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(reason = 'closed by the shell'): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      this.pending.delete(id);
      entry.reject(new CdpError(entry.method, reason, 'closed'));
    }
    this.output.destroy();
    this.input.destroy();
    for (const listener of this.closeListeners) listener(reason);
  }

  private receive(chunk: Buffer): void {
    let frames: string[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.close((error as Error).message);
      return;
    }
    for (const frame of frames) this.dispatch(frame);
  }

  private dispatch(frame: string): void {
    let message: IncomingMessage;
    try {
      message = JSON.parse(frame) as IncomingMessage;
    } catch {
      // One unreadable message is skipped; a broken pipe shows itself as missing answers.
      return;
    }
    if (typeof message.id === 'number') {
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.error) entry.reject(new CdpError(entry.method, String(message.error.message ?? 'error'), 'protocol'));
      else entry.resolve((message.result ?? {}) as Record<string, unknown>);
    } else if (typeof message.method === 'string') {
      const event: CdpEvent = {
        method: message.method,
        params: (message.params ?? {}) as Record<string, unknown>,
        ...(typeof message.sessionId === 'string' ? { sessionId: message.sessionId } : {}),
      };
      for (const listener of this.eventListeners) listener(event);
    }
  }
}
