/**
 * Real-time status of an ESC/POS printer: DLE EOT n (n = 1..4) asks, the printer answers one
 * byte at once, even mid-job or offline. Asked before a job (refuse rather than half-print) and
 * after it (did it come out?). Bit meanings per the ESC/POS reference; every reply byte has
 * bits 1 and 4 set and bits 0 and 7 clear, which tells a status byte from stray data.
 */
export type StatusQuery = 1 | 2 | 3 | 4;

export type PrinterCondition = 'ready' | 'paper-near-end' | 'paper-out' | 'cover-open' | 'offline';

export interface StatusFlags {
  /** n=1 bit 3 */
  offline?: boolean;
  /** n=1 bit 5 */
  waitingForRecovery?: boolean;
  /** n=1 bit 6 */
  feedButtonPressed?: boolean;
  /** n=2 bit 2 */
  coverOpen?: boolean;
  /** n=2 bit 3: paper is being fed by the feed button */
  feedingByButton?: boolean;
  /** n=2 bit 5: printing stopped because the paper ran out */
  stoppedByPaperEnd?: boolean;
  /** n=2 bit 6 */
  errorOccurred?: boolean;
  /** n=3 bit 2 */
  mechanicalError?: boolean;
  /** n=3 bit 3 */
  autocutterError?: boolean;
  /** n=3 bit 5 */
  unrecoverableError?: boolean;
  /** n=3 bit 6: e.g. head overheated; clears by itself */
  autoRecoverableError?: boolean;
  /** n=4 bits 2 and 3: the roll is near its end (the sensor sits a few metres before the core) */
  paperNearEnd?: boolean;
  /** n=4 bits 5 and 6: no paper at the print head */
  paperOut?: boolean;
}

export function statusRequest(n: StatusQuery): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n);
}

const bit = (byte: number, index: number) => (byte & (1 << index)) !== 0;
const bits = (byte: number, a: number, b: number) => bit(byte, a) && bit(byte, b);

/** The flags a reply to DLE EOT n carries; null when the byte is not a status byte. */
export function decodeStatusByte(n: StatusQuery, byte: number): StatusFlags | null {
  if ((byte & 0x93) !== 0x12) return null;
  switch (n) {
    case 1:
      return { offline: bit(byte, 3), waitingForRecovery: bit(byte, 5), feedButtonPressed: bit(byte, 6) };
    case 2:
      return { coverOpen: bit(byte, 2), feedingByButton: bit(byte, 3), stoppedByPaperEnd: bit(byte, 5), errorOccurred: bit(byte, 6) };
    case 3:
      return { mechanicalError: bit(byte, 2), autocutterError: bit(byte, 3), unrecoverableError: bit(byte, 5), autoRecoverableError: bit(byte, 6) };
    case 4:
      // Each sensor reports on two bits; both set means the condition holds.
      return { paperNearEnd: bits(byte, 2, 3), paperOut: bits(byte, 5, 6) };
  }
}

/**
 * One condition from the replies at hand (null for none, or a byte that is no status), worst first: what the hall staff must fix before the
 * terminal prints again. Offline without a known cause (cutter jam, overheating) stays 'offline'.
 */
export function printerCondition(replies: Partial<Record<StatusQuery, number>>): PrinterCondition | null {
  const flags: StatusFlags = {};
  if (Object.keys(replies).length === 0) return null;
  for (const n of [1, 2, 3, 4] as const) {
    const byte = replies[n];
    if (byte === undefined) continue;
    const decoded = decodeStatusByte(n, byte);
    if (!decoded) return null;
    Object.assign(flags, decoded);
  }
  if (flags.coverOpen) return 'cover-open';
  if (flags.paperOut || flags.stoppedByPaperEnd) return 'paper-out';
  if (flags.offline || flags.errorOccurred || flags.autocutterError || flags.unrecoverableError || flags.mechanicalError || flags.autoRecoverableError) {
    return 'offline';
  }
  if (flags.paperNearEnd) return 'paper-near-end';
  return 'ready';
}
