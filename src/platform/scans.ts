/**
 * Codes read by any of the kiosk's scanners, in one place: the serial scanner behind kiosk-shell,
 * the keyboard-wedge scanner and the camera. A screen that accepts a code watches `lastScan`
 * and does not care where it came from. A code may carry personal data (an identity code), so
 * it is forgotten when the session ends.
 */
import { signal } from '@preact/signals';

export type ScanSource = 'serial' | 'wedge' | 'camera';

export interface Scan {
  text: string;
  source: ScanSource;
  /** Tells two reads of the same code apart. */
  seq: number;
}

/** A QR code holds at most a few KB; anything longer is no code the kiosk knows. */
export const MAX_SCAN_LENGTH = 4096;

export const lastScan = signal<Scan | null>(null);
let seq = 0;

export function reportScan(text: string, source: ScanSource): void {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_SCAN_LENGTH) return;
  lastScan.value = { text: trimmed, source, seq: ++seq };
}

export function forgetScans(): void {
  lastScan.value = null;
}
