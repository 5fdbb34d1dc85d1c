import { useSignal, useSignalEffect } from '@preact/signals';
import { lastScan } from '../../platform/scans.ts';

/** Gives `accept` each code scanned while the component is on screen; one read before it opened is not its own. */
export function useNewScans(accept: (text: string) => void): void {
  const seenScan = useSignal(lastScan.peek()?.seq ?? 0);
  useSignalEffect(() => {
    const scan = lastScan.value;
    if (!scan || scan.seq <= seenScan.peek()) return;
    seenScan.value = scan.seq;
    accept(scan.text);
  });
}
