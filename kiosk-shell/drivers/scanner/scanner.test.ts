import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { openPtyRelay } from '../pty/pty-relay.ts';
import { openSerialScanner } from './scanner.ts';
import type { ScannerEvent } from './scanner.ts';

/** The real driver on node-serialport, with a simulated scanner writing to the other end of a pty. */
async function rig() {
  const relay = await openPtyRelay();
  const opened = openSerialScanner({ path: relay.ptyPath, reconnectMs: 50 });
  const events: ScannerEvent[] = [];
  opened.scanner.on((event) => events.push(event));
  opened.start();
  cleanups.push(async () => {
    await opened.stop();
    await relay.close();
  });
  await until(() => opened.scanner.state === 'ready');
  return { relay, events, scans: () => events.flatMap((event) => (event.type === 'scan' ? [event.text] : [])) };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('serial QR scanner over a pty', () => {
  it('emits scans for UTF-8 and GB18030 lines, split chunks included', async () => {
    const { relay, scans } = await rig();
    relay.write(utf8('https://hall.example/q/A023\r\n'));
    relay.write(new Uint8Array(iconv.encode('示例市政务服务中心\r', 'gb18030')));
    const split = utf8('证照编号：440300\n');
    relay.write(split.subarray(0, 7));
    await pause(30);
    relay.write(split.subarray(7));
    await until(() => scans().length === 3);
    expect(scans()).toEqual(['https://hall.example/q/A023', '示例市政务服务中心', '证照编号：440300']);
  });

  it('reports garbage and overlong lines without crashing, and keeps scanning', async () => {
    const { relay, events, scans } = await rig();
    relay.write(Uint8Array.of(0x00, 0x1b, 0xff, 0xfe, 0x0d));
    relay.write(new Uint8Array(5000).fill(0x41));
    relay.write(utf8('\nB007\n'));
    await until(() => scans().length === 1);
    expect(scans()).toEqual(['B007']);
    expect(events.filter((event) => event.type === 'dropped')).toEqual([
      { type: 'dropped', reason: 'unreadable', bytes: 4 },
      { type: 'dropped', reason: 'overlong', bytes: 5000 },
    ]);
  });

  it('reports absent when the scanner goes away', async () => {
    const { relay, events } = await rig();
    await relay.close();
    const states = () => events.filter((event) => event.type === 'status').map((event) => event.type === 'status' && event.state);
    // The 'ready' of opening may already be the last event: wait for the change, not for any status.
    await until(() => states().includes('absent'));
    expect(states()).toEqual(['ready', 'absent']);
  });
});
