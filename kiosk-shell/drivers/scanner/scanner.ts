/**
 * The serial QR scanner driver: lines from lines.ts become `scan` events, and the transport's
 * connection becomes the scanner's device state. A scanner only ever talks when a code is read,
 * so "there" is all that can be known of it: ready while the port is open, absent otherwise.
 * The transport (sam-reader/serial.ts) reopens the port when a pulled scanner comes back.
 */
import type { DeviceState } from '../../../src/core/devices.ts';
import { SerialTransport } from '../sam-reader/serial.ts';
import type { ByteTransport } from '../sam-reader/transport.ts';
import { ScanLineSplitter } from './lines.ts';

export type ScannerEvent =
  | { type: 'scan'; text: string }
  | { type: 'status'; state: DeviceState }
  | { type: 'dropped'; reason: 'overlong' | 'unreadable'; bytes: number };

export class QrScanner {
  private readonly listeners = new Set<(event: ScannerEvent) => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private splitter = new ScanLineSplitter();
  private current: DeviceState | null = null;

  constructor(
    private readonly transport: ByteTransport,
    /** Counts and reasons only: a scan may be an identity code. */
    private readonly log: (message: string) => void = () => {},
  ) {}

  get state(): DeviceState | null {
    return this.current;
  }

  on(listener: (event: ScannerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.unsubscribe.push(
      this.transport.onData((bytes) => {
        for (const event of this.splitter.feed(bytes)) {
          if (event.type === 'dropped') this.log(`scanner: dropped a ${event.reason} line of ${event.bytes} bytes`);
          this.emit(event);
        }
      }),
    );
    if (this.transport.onConnectionChange) {
      this.unsubscribe.push(this.transport.onConnectionChange((connected) => this.setState(connected ? 'ready' : 'absent')));
    }
    if (this.transport.connected !== undefined && this.transport.connected !== null) this.setState(this.transport.connected ? 'ready' : 'absent');
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
  }

  private setState(state: DeviceState): void {
    if (state === this.current) return;
    // Half a line from before a reconnect would glue onto the next code.
    if (state !== 'ready') this.splitter = new ScanLineSplitter();
    this.current = state;
    this.emit({ type: 'status', state });
  }

  private emit(event: ScannerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** `--scanner serial:PATH`: the driver on a reconnecting serial port (9600 8N1, scanners' factory setting). */
export function openSerialScanner(options: { path: string; baudRate?: number; reconnectMs?: number; log?: (message: string) => void }) {
  const transport = new SerialTransport({ ...options, baudRate: options.baudRate ?? 9600 });
  const scanner = new QrScanner(transport, options.log);
  return {
    scanner,
    start: () => {
      scanner.start();
      transport.start();
    },
    stop: async () => {
      scanner.stop();
      await transport.stop();
    },
  };
}
