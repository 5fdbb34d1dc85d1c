/**
 * What a driver needs from the line to its device: bytes both ways and, where the line knows it,
 * whether the device is there. serial.ts implements it on a serial port, memory-line.ts in memory.
 * Timers are injected beside it so tests can run the driver on fake time.
 */
export interface ByteTransport {
  /** Sends bytes; false when the device is not there (unplugged, not yet opened). */
  write(bytes: Uint8Array): boolean;
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Lets an unplugged device be reported at once rather than after a reply timeout. */
  onConnectionChange?(listener: (connected: boolean) => void): () => void;
  /** Whether the device is there; null while the first attempt to open it is still under way. */
  readonly connected?: boolean | null;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

