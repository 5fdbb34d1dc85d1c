import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IdCard } from '../../../src/core/id-card.ts';
import { maskIdNumber } from '../../../src/core/id-number.ts';
import { DEMO_CARDS } from './demo-cards.ts';
import { MemoryLine } from './memory-line.ts';
import { SamReader, type ReaderEvent } from './reader.ts';
import { SimulatedSamReader, type SimulatedReaderOptions } from './sim-device.ts';

/** The driver on an in-memory line with fake timers: every scenario runs in milliseconds. */
function rig(options: SimulatedReaderOptions = {}) {
  const device = new SimulatedSamReader(options);
  const line = new MemoryLine(device);
  const events: ReaderEvent[] = [];
  const logs: string[] = [];
  const reader = new SamReader({
    transport: line,
    clock: { now: () => Date.now() },
    pollIntervalMs: 100,
    replyTimeoutMs: 200,
    readTimeoutMs: 500,
    log: (message) => logs.push(message),
  });
  reader.on((event) => events.push(event));
  reader.start();
  const kinds = () =>
    events.filter((event) => event.type !== 'line-errors').map((event) => (event.type === 'status' ? `status:${event.state}${event.reason ? `:${event.reason}` : ''}` : event.type));
  const cards = () => events.flatMap((event) => (event.type === 'card' ? [event.read] : []));
  const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);
  return { device, line, reader, events, logs, kinds, cards, wait };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-15T10:00:00+08:00'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SamReader', () => {
  it('reports ready, emits one card per insertion however long it stays, and removed when it leaves', async () => {
    const { device, reader, kinds, cards, wait } = rig();
    await wait(300);
    expect(kinds()).toEqual(['status:ready']);
    device.insert(DEMO_CARDS.citizen);
    await wait(3000);
    expect(kinds()).toEqual(['status:ready', 'card']);
    const [read] = cards();
    expect(read?.ok && read.card).toEqual(DEMO_CARDS.citizen);
    expect(read?.ok && read.photo.length).toBe(1024);
    device.remove();
    await wait(500);
    expect(kinds()).toEqual(['status:ready', 'card', 'removed']);
    device.insert(DEMO_CARDS.hmt);
    await wait(500);
    expect(cards()).toHaveLength(2);
    await reader.stop();
  });

  it('tells a card still selected from a card lifted on readers that stop finding a read card', async () => {
    const { device, reader, kinds, wait } = rig({ findAfterRead: 'not-found' });
    device.insert(DEMO_CARDS.foreign);
    await wait(3000);
    expect(kinds()).toEqual(['status:ready', 'card']);
    expect(device.received.slice(-2)).toEqual(['findCard', 'selectCard']);
    device.remove();
    await wait(500);
    expect(kinds()).toEqual(['status:ready', 'card', 'removed']);
    await reader.stop();
  });

  it.each([
    ['a bad checksum', 'bad-checksum'],
    ['a truncated reply', 'truncated'],
    ['garbage before the reply', 'garbage'],
  ] as const)('reads the card once despite %s on the read', async (_name, kind) => {
    const { device, reader, kinds, cards, wait } = rig();
    await wait(150);
    device.inject({ kind, command: 'readTextAndPhoto' });
    device.insert(DEMO_CARDS.booked);
    await wait(3000);
    expect(kinds()).toEqual(['status:ready', 'card']);
    expect(cards()[0]?.ok).toBe(true);
    if (kind === 'bad-checksum') expect(reader.lineCounters.badChecksums).toBe(1);
    await reader.stop();
  });

  it('waits for a slow line as long as bytes keep coming', async () => {
    const { device, reader, kinds, wait } = rig();
    device.slowLine = { chunkBytes: 16, delayMs: 10 }; // the read reply takes about 0.8 s, over readTimeoutMs
    device.insert(DEMO_CARDS.elder);
    await wait(3000);
    expect(kinds()).toEqual(['status:ready', 'card']);
    await reader.stop();
  });

  it('reports a silent reader as an error, ends the card, and recovers when it answers again', async () => {
    const { device, reader, kinds, wait } = rig();
    device.insert(DEMO_CARDS.citizen);
    await wait(1000);
    device.silent = true;
    await wait(1000);
    expect(kinds()).toEqual(['status:ready', 'card', 'status:error:no-reply', 'removed']);
    device.silent = false;
    await wait(1000);
    expect(kinds().slice(4)).toEqual(['status:ready', 'card']);
    await reader.stop();
  });

  it('reports an unplugged reader at once and recovers when it is back', async () => {
    const { line, reader, kinds, wait } = rig();
    await wait(150);
    line.setPlugged(false);
    await wait(150);
    expect(kinds()).toEqual(['status:ready', 'status:error:unplugged']);
    line.setPlugged(true);
    await wait(300);
    expect(kinds()).toEqual(['status:ready', 'status:error:unplugged', 'status:ready']);
    await reader.stop();
  });

  it('reports absent when the reader was never there', async () => {
    const { line, reader, kinds, wait } = rig();
    await reader.stop();
    line.setPlugged(false);
    const fresh = new SamReader({ transport: line, pollIntervalMs: 100 });
    const states: string[] = [];
    fresh.on((event) => event.type === 'status' && states.push(`${event.state}:${event.reason}`));
    fresh.start();
    await wait(300);
    expect(states).toEqual(['absent:not-connected']);
    expect(kinds()).toEqual([]);
    await fresh.stop();
  });

  it('reports a SAM module fault with its reason until the module works again', async () => {
    const { device, reader, kinds, wait } = rig();
    device.inject({ kind: 'status', sw3: 0x60, count: 1000 });
    await wait(500);
    // The first find went out at start, before the fault.
    expect(kinds()).toEqual(['status:ready', 'status:error:sam-self-test-failed']);
    device.clearFaults();
    await wait(300);
    expect(kinds()).toEqual(['status:ready', 'status:error:sam-self-test-failed', 'status:ready']);
    await reader.stop();
  });

  it('refuses a card that cannot be read after its retries, once, and waits for it to leave', async () => {
    const { device, reader, cards, wait } = rig();
    device.inject({ kind: 'status', sw3: 0x41, command: 'readTextAndPhoto', count: 3 });
    device.insert(DEMO_CARDS.citizen);
    await wait(3000);
    expect(cards()).toEqual([{ ok: false, reason: 'unreadable' }]);
    await reader.stop();
  });

  it('emits no card when the card is lifted between find and select', async () => {
    const { device, reader, kinds, wait } = rig();
    device.inject({ kind: 'status', sw3: 0x81, command: 'selectCard' });
    device.insert(DEMO_CARDS.citizen);
    await wait(110);
    device.remove();
    await wait(1000);
    expect(kinds()).toEqual(['status:ready']);
    await reader.stop();
  });

  it('refuses an expired card with its reason', async () => {
    const { device, reader, cards, wait } = rig();
    device.insert(DEMO_CARDS.expired);
    await wait(1000);
    expect(cards()).toEqual([{ ok: false, reason: 'expired' }]);
    await reader.stop();
  });

  it('never writes a name or a number to its log', async () => {
    const { device, reader, logs, wait } = rig();
    for (const card of [DEMO_CARDS.citizen, DEMO_CARDS.expired, DEMO_CARDS.foreign]) {
      device.inject({ kind: 'bad-checksum' });
      device.insert(card);
      await wait(1000);
      device.remove();
      await wait(500);
    }
    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(3);
    for (const card of [DEMO_CARDS.citizen, DEMO_CARDS.expired, DEMO_CARDS.foreign] as IdCard[]) {
      for (const secret of [card.name, card.idNumber, maskIdNumber(card.idNumber), card.birthDate, card.address ?? card.name]) {
        expect(text).not.toContain(secret);
      }
    }
    await reader.stop();
  });

  it('reports the line errors it counted, once per exchange that saw new ones', async () => {
    const { device, reader, events, wait } = rig();
    await wait(150);
    device.inject({ kind: 'bad-checksum', command: 'findCard' });
    await wait(300);
    device.inject({ kind: 'garbage', command: 'findCard' });
    await wait(300);
    const reports = events.flatMap((event) => (event.type === 'line-errors' ? [event.counters] : []));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({ badChecksums: 1 });
    // The garbage carries a preamble with an impossible length, too.
    expect(reports[1]).toMatchObject({ badChecksums: 1, badLengths: 1 });
    expect(reports[1]!.garbageBytes).toBeGreaterThan(reports[0]!.garbageBytes);
    expect(reader.lineCounters).toMatchObject({ badChecksums: 1, badLengths: 1, garbageBytes: reports[1]!.garbageBytes });
    await reader.stop();
  });
});

/**
 * Every SW3 the module can answer, through the driver: what the citizen and the status bar see,
 * and that the driver is back to normal afterwards. The pty suite (simulator.test.ts) runs a
 * representative set of the same over a real serial line.
 */
describe('SamReader on each SW3 status code', () => {
  it.each([0x10, 0x11, 0x21, 0x24, 0x7e].map((sw3) => [sw3.toString(16), sw3] as const))('sends the read again after SW3 0x%s (frame refused) and reads the card once', async (_hex, sw3) => {
    const { device, reader, kinds, cards, wait } = rig();
    device.inject({ kind: 'status', sw3, command: 'readTextAndPhoto' });
    device.insert(DEMO_CARDS.citizen);
    await wait(2000);
    expect(kinds()).toEqual(['status:ready', 'card']);
    expect(cards()).toEqual([expect.objectContaining({ ok: true, card: DEMO_CARDS.citizen })]);
    expect(device.received.filter((name) => name === 'readTextAndPhoto')).toHaveLength(2);
    await reader.stop();
  });

  it.each([
    ['0x10', 'checksum-rejected', 0x10],
    ['0x11', 'length-rejected', 0x11],
    ['0x21', 'command-rejected', 0x21],
    ['0x24', 'unrecognized-error', 0x24],
    ['0x7e', 'unknown-status-0x7e', 0x7e],
  ])('reports SW3 %s on every frame as a reader error (%s), and recovers', async (_hex, reason, sw3) => {
    const { device, reader, kinds, wait } = rig();
    device.inject({ kind: 'status', sw3, count: 1000 });
    await wait(1000);
    expect(kinds()).toEqual(['status:ready', `status:error:${reason}`]);
    device.clearFaults();
    device.insert(DEMO_CARDS.hmt);
    await wait(2000);
    expect(kinds()).toEqual(['status:ready', `status:error:${reason}`, 'status:ready', 'card']);
    await reader.stop();
  });

  it.each([
    ['0x23', 'unauthorized', 0x23],
    ['0x60', 'sam-self-test-failed', 0x60],
    ['0x66', 'sam-not-authorized', 0x66],
  ])('reports SW3 %s on the read as a reader error (%s) at once, then reads the card once the module works', async (_hex, reason, sw3) => {
    const { device, reader, kinds, cards, wait } = rig();
    device.inject({ kind: 'status', sw3, command: 'readTextAndPhoto' });
    device.insert(DEMO_CARDS.citizen);
    await wait(2000);
    expect(kinds()).toEqual(['status:ready', `status:error:${reason}`, 'status:ready', 'card']);
    expect(cards()).toEqual([expect.objectContaining({ ok: true })]);
    await reader.stop();
  });

  it.each([0x31, 0x32, 0x33, 0x3f, 0x40, 0x41, 0x47, 0x91].map((sw3) => [sw3.toString(16), sw3] as const))('refuses the card as unreadable after SW3 0x%s on every read, and reads the next card', async (_hex, sw3) => {
    const { device, reader, kinds, cards, wait } = rig();
    device.inject({ kind: 'status', sw3, command: 'readTextAndPhoto', count: 3 });
    device.insert(DEMO_CARDS.citizen);
    await wait(2000);
    expect(cards()).toEqual([{ ok: false, reason: 'unreadable' }]);
    // A card the chip refuses is the card's fault: the reader stays ready.
    expect(kinds()).toEqual(['status:ready', 'card']);
    device.remove();
    await wait(500);
    device.insert(DEMO_CARDS.elder);
    await wait(2000);
    expect(kinds()).toEqual(['status:ready', 'card', 'removed', 'card']);
    expect(cards()[1]).toMatchObject({ ok: true, card: DEMO_CARDS.elder });
    await reader.stop();
  });
});
