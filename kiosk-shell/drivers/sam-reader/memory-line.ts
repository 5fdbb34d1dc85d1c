/**
 * The simulated reader on an in-memory line: the same bytes as over the pty, without a process,
 * for unit tests of the driver that run in milliseconds (with fake timers if they like).
 */
import { slowLineChunks, type SimulatedSamReader } from './sim-device.ts';
import { realTimers, type ByteTransport, type Timers } from './transport.ts';

export class MemoryLine implements ByteTransport {
  private readonly dataListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private plugged = true;
  /** Every byte the driver sent, for tests that look at the wire. */
  readonly sent: Uint8Array[] = [];

  constructor(
    private readonly device: SimulatedSamReader,
    private readonly timers: Timers = realTimers,
    /** Delay of a reply's first byte, like a module thinking. */
    private readonly latencyMs = 1,
  ) {}

  get connected(): boolean {
    return this.plugged;
  }

  write(bytes: Uint8Array): boolean {
    if (!this.plugged) return false;
    this.sent.push(bytes.slice());
    for (const reply of this.device.receive(bytes)) {
      const slow = this.device.slowLine;
      slowLineChunks(reply, slow).forEach((chunk, index) => {
        const copy = chunk.slice();
        this.timers.setTimeout(() => this.deliver(copy), this.latencyMs + index * (slow?.delayMs ?? 0));
      });
    }
    return true;
  }

  private deliver(bytes: Uint8Array): void {
    if (!this.plugged) return;
    for (const listener of this.dataListeners) listener(bytes);
  }

  onData(listener: (bytes: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onConnectionChange(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  setPlugged(plugged: boolean): void {
    if (plugged === this.plugged) return;
    this.plugged = plugged;
    for (const listener of this.connectionListeners) listener(plugged);
  }
}
