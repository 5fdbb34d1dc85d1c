/**
 * The reader's byte transport on a real serial device (115200 8N1, the SAM module's fixed
 * setting). A kiosk runs for months: the USB-serial adapter gets pulled, re-enumerates after a
 * power dip, or is not there yet at boot, so the port is reopened until the device is back.
 * Give it a stable path (/dev/serial/by-id/…, a udev symlink) so a re-enumerated ttyUSB1 is
 * still found.
 */
import { SerialPort } from 'serialport';
import type { ByteTransport } from './transport.ts';

export interface SerialTransportOptions {
  path: string;
  baudRate?: number;
  /** Pause between attempts to (re)open the device. */
  reconnectMs?: number;
  log?: (message: string) => void;
}

export class SerialTransport implements ByteTransport {
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private port: SerialPort | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  /** null until the first attempt to open the device has succeeded or failed. */
  private state: boolean | null = null;
  private lastOpenError = '';

  constructor(private readonly options: SerialTransportOptions) {}

  get connected(): boolean | null {
    return this.state;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setConnected(false);
  }

  write(bytes: Uint8Array): boolean {
    if (!this.port || this.state !== true) return false;
    this.port.write(Buffer.from(bytes));
    return true;
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  private log(message: string): void {
    this.options.log?.(`serial ${this.options.path}: ${message}`);
  }

  private setConnected(connected: boolean): void {
    if (connected === this.state) return;
    this.state = connected;
    for (const listener of this.connectionListeners) listener(connected);
  }

  private open(): void {
    if (!this.running) return;
    const port = new SerialPort({
      path: this.options.path,
      baudRate: this.options.baudRate ?? 115200,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      autoOpen: false,
    });
    this.port = port;
    port.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      for (const listener of this.dataListeners) listener(bytes);
    });
    // A read error on a vanished device surfaces as 'close' with a disconnect error; other errors
    // (a failed write) are only logged: the reader's reply timeout deals with their effect.
    port.on('error', (error) => this.log(`error: ${error.message}`));
    port.on('close', () => {
      if (this.port !== port) return;
      this.log('closed');
      this.setConnected(false);
      this.scheduleOpen();
    });
    port.open((error) => {
      if (this.port !== port) return;
      if (error) {
        // Logged once per distinct failure, not every second for the hours a reader may be away.
        if (error.message !== this.lastOpenError) this.log(`cannot open: ${error.message}`);
        this.lastOpenError = error.message;
        this.setConnected(false);
        this.scheduleOpen();
        return;
      }
      this.lastOpenError = '';
      this.log('open');
      this.setConnected(true);
    });
  }

  private scheduleOpen(): void {
    if (!this.running) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open();
    }, this.options.reconnectMs ?? 1000);
  }
}
