/**
 * The lines a receipt printer hangs on: a network printer's raw port (TCP 9100), a serial
 * port, or a device file such as /dev/usb/lp0. TCP and serial carry DLE EOT replies back; the
 * device file is write-only, so the driver cannot ask it anything.
 */
import { appendFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { SerialTransport } from '../sam-reader/serial.ts';

export interface PrinterLine {
  /** Whether the printer's DLE EOT replies can come back over this line. */
  readonly canRead: boolean;
  /** Whether the printer is there; null while the first connection attempt is under way. */
  readonly connected: boolean | null;
  start(): void;
  stop(): Promise<void>;
  /** Resolves false when the bytes did not leave (printer not there, write failed). */
  write(bytes: Uint8Array): Promise<boolean>;
  onData(listener: (bytes: Uint8Array) => void): () => void;
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /** Called after a job's bytes, for lines that file jobs separately (the virtual printer). */
  endJob?(jobId: string): Promise<void>;
  /** A fault of the line itself, checked before each status request; null when it can print. */
  fault?(): LineFault | null;
}

type Log = (message: string) => void;

/** Why a line cannot print whatever the printer would say: the virtual printer without its font. */
export type LineFault = 'font-missing';

/** Listener sets and the connected flag every line shares. */
export class LineEvents {
  readonly data = new Set<(bytes: Uint8Array) => void>();
  readonly connection = new Set<(connected: boolean) => void>();
  state: boolean | null = null;

  setConnected(connected: boolean): void {
    if (connected === this.state) return;
    this.state = connected;
    for (const listener of this.connection) listener(connected);
  }

  emitData(bytes: Uint8Array): void {
    for (const listener of this.data) listener(bytes);
  }

  subscribe<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }
}

export interface TcpLineOptions {
  host: string;
  port: number;
  /** Pause between connection attempts while the printer is away (switched off, cable out). */
  reconnectMs?: number;
  /** A printer that is switched off behind a switch gives no RST: give up on a silent connect. */
  connectTimeoutMs?: number;
  log?: Log;
}

export class TcpPrinterLine implements PrinterLine {
  readonly canRead = true;
  private readonly events = new LineEvents();
  private socket: Socket | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private lastError = '';

  constructor(private readonly options: TcpLineOptions) {}

  get connected(): boolean | null {
    return this.events.state;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
    this.events.setConnected(false);
  }

  write(bytes: Uint8Array): Promise<boolean> {
    const socket = this.socket;
    if (!socket || this.events.state !== true) return Promise.resolve(false);
    return new Promise((resolve) => socket.write(bytes, (error) => resolve(!error)));
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.events.subscribe(this.events.data, listener);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    return this.events.subscribe(this.events.connection, listener);
  }

  private log(message: string): void {
    this.options.log?.(`printer tcp ${this.options.host}:${this.options.port}: ${message}`);
  }

  private open(): void {
    if (!this.running) return;
    const socket = connect({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    socket.setNoDelay(true);
    // Notices a printer that was switched off while idle, where no FIN ever comes.
    socket.setKeepAlive(true, 10_000);
    socket.setTimeout(this.options.connectTimeoutMs ?? 3000, () => {
      if (this.events.state !== true) socket.destroy(new Error('connect timed out'));
    });
    socket.on('connect', () => {
      socket.setTimeout(0);
      this.lastError = '';
      this.log('connected');
      this.events.setConnected(true);
    });
    socket.on('data', (chunk: Buffer) => this.events.emitData(new Uint8Array(chunk)));
    socket.on('error', (error) => {
      // Once per distinct failure, not every second for the hours a printer may be off.
      if (error.message !== this.lastError) this.log(`error: ${error.message}`);
      this.lastError = error.message;
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.events.setConnected(false);
      this.scheduleOpen();
    });
  }

  private scheduleOpen(): void {
    if (!this.running) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open();
    }, this.options.reconnectMs ?? 1000);
  }
}

/** A serial receipt printer: the reader's reconnecting serial transport, at the printer's baud rate. */
export class SerialPrinterLine implements PrinterLine {
  readonly canRead = true;
  private readonly transport: SerialTransport;

  constructor(options: { path: string; baudRate?: number; reconnectMs?: number; log?: Log }) {
    // 9600 is the factory setting of most serial receipt printers; set the DIP switches and this together.
    this.transport = new SerialTransport({ ...options, baudRate: options.baudRate ?? 9600 });
  }

  get connected(): boolean | null {
    return this.transport.connected;
  }

  start(): void {
    this.transport.start();
  }

  stop(): Promise<void> {
    return this.transport.stop();
  }

  async write(bytes: Uint8Array): Promise<boolean> {
    return this.transport.write(bytes);
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    return this.transport.onData(listener);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    return this.transport.onConnectionChange(listener);
  }
}

/**
 * A printer device file (usblp's /dev/usb/lp0, or any file for a test). Opened per write in
 * append mode: the device node disappears and comes back when the printer is power-cycled.
 */
export class FilePrinterLine implements PrinterLine {
  readonly canRead = false;
  private readonly events = new LineEvents();

  constructor(private readonly options: { path: string; log?: Log }) {
    this.events.state = true;
  }

  get connected(): boolean | null {
    return this.events.state;
  }

  start(): void {}

  async stop(): Promise<void> {}

  async write(bytes: Uint8Array): Promise<boolean> {
    try {
      await appendFile(this.options.path, bytes);
      this.events.setConnected(true);
      return true;
    } catch (error) {
      this.options.log?.(`printer file ${this.options.path}: ${(error as Error).message}`);
      this.events.setConnected(false);
      return false;
    }
  }

  onData(): () => void {
    return () => {};
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    return this.events.subscribe(this.events.connection, listener);
  }
}
