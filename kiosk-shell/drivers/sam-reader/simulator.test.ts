import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CARDS } from './demo-cards.ts';
import { SamReader, type ReaderEvent } from './reader.ts';
import { SerialTransport } from './serial.ts';
import { startSamSimulator, type SamSimulator } from './simulator.ts';

/** The real driver (reader.ts over serial.ts and node-serialport) against the simulator on a real pty. */
async function rig() {
  const simulator = await startSamSimulator();
  return { simulator, ...driverOn(simulator.path, () => simulator.stop()) };
}

function driverOn(path: string, stopDevice: () => Promise<void>) {
  const transport = new SerialTransport({ path, reconnectMs: 50 });
  const reader = new SamReader({ transport, pollIntervalMs: 20, replyTimeoutMs: 150, readTimeoutMs: 400 });
  const events: ReaderEvent[] = [];
  reader.on((event) => events.push(event));
  transport.start();
  reader.start();
  const kinds = () =>
    events.filter((event) => event.type !== 'line-errors').map((event) => (event.type === 'status' ? `status:${event.state}${event.reason ? `:${event.reason}` : ''}` : event.type));
  const cards = () => events.flatMap((event) => (event.type === 'card' ? [event.read] : []));
  const stop = async () => {
    await reader.stop();
    await transport.stop();
    await stopDevice();
  };
  running.push(stop);
  return { transport, reader, events, kinds, cards };
}

const running: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const last = (list: string[]) => list[list.length - 1];

describe('the SAM reader driver over a pseudo-terminal', () => {
  it('reads an inserted card once with every field, and reports its removal', async () => {
    const { simulator, kinds, cards } = await rig();
    await until(() => kinds().includes('status:ready'));
    simulator.insert('citizen');
    await until(() => cards().length === 1);
    await sleep(200); // many polls with the card still there
    expect(kinds()).toEqual(['status:ready', 'card']);
    const [read] = cards();
    expect(read?.ok && read.card).toEqual(DEMO_CARDS.citizen);
    simulator.remove();
    await until(() => kinds().includes('removed'));
    expect(kinds()).toEqual(['status:ready', 'card', 'removed']);
  });

  it.each(['hmt', 'foreign'] as const)('decodes the %s card layout from the wire', async (name) => {
    const { simulator, cards } = await rig();
    simulator.insert(name);
    await until(() => cards().length === 1);
    expect(cards()[0]).toMatchObject({ ok: true, card: DEMO_CARDS[name] });
  });

  it('survives a bad checksum, a truncated reply and garbage on the line, one card each', async () => {
    const { simulator, events, kinds, cards, reader } = await rig();
    for (const kind of ['bad-checksum', 'truncated', 'garbage'] as const) {
      simulator.inject({ kind, command: 'readTextAndPhoto' });
      simulator.insert('booked');
      await until(() => cards().length === 1);
      simulator.remove();
      await until(() => last(kinds()) === 'removed');
      expect(cards()).toHaveLength(1);
      expect(cards()[0]?.ok).toBe(true);
      events.length = 0;
    }
    expect(reader.lineCounters.badChecksums).toBeGreaterThanOrEqual(1);
    expect(reader.lineCounters.garbageBytes).toBeGreaterThan(0);
  });

  it('reads a card over a slow line', async () => {
    const { simulator, cards } = await rig();
    simulator.setSlowLine({ chunkBytes: 64, delayMs: 8 });
    simulator.insert('elder');
    await until(() => cards().length === 1);
    expect(cards()[0]).toMatchObject({ ok: true, card: { validTo: 'long-term' } });
  });

  it('reports a silent reader as an error and recovers when it answers again', async () => {
    const { simulator, kinds } = await rig();
    await until(() => kinds().includes('status:ready'));
    simulator.setSilent(true);
    await until(() => last(kinds()) === 'status:error:no-reply');
    simulator.setSilent(false);
    await until(() => last(kinds()) === 'status:ready');
  });

  it('reports an unplugged reader and reads again once it is plugged back in', async () => {
    const { simulator, kinds, cards } = await rig();
    simulator.insert('hmt');
    await until(() => cards().length === 1);
    await simulator.unplug();
    await until(() => kinds().includes('status:error:unplugged'));
    expect(kinds()).toContain('removed');
    await simulator.replug();
    await until(() => last(kinds()) === 'card');
    expect(kinds()).toEqual(['status:ready', 'card', 'status:error:unplugged', 'removed', 'status:ready', 'card']);
  });
});

/** A representative set of SW3 codes over the real serial line; reader.test.ts runs every code on an in-memory line. */
describe('the SAM reader driver on SW3 status codes over a pseudo-terminal', () => {
  it.each([0x10, 0x24].map((sw3) => [sw3.toString(16), sw3] as const))('sends the read again after SW3 0x%s (frame refused) and reads the card once', async (_hex, sw3) => {
    const { simulator, kinds, cards } = await rig();
    await until(() => kinds().includes('status:ready'));
    simulator.inject({ kind: 'status', sw3, command: 'readTextAndPhoto' });
    simulator.insert('citizen');
    await until(() => cards().length === 1);
    expect(cards()[0]).toMatchObject({ ok: true, card: DEMO_CARDS.citizen });
    expect(simulator.device.received.filter((name) => name === 'readTextAndPhoto')).toHaveLength(2);
    expect(kinds()).toEqual(['status:ready', 'card']);
  });

  it.each([
    ['0x23', 'unauthorized', 0x23],
    ['0x66', 'sam-not-authorized', 0x66],
  ])('reports SW3 %s as a reader error (%s) until the module answers normally, then reads the card', async (_hex, reason, sw3) => {
    const { simulator, kinds, cards } = await rig();
    await until(() => kinds().includes('status:ready'));
    simulator.insert('foreign');
    simulator.inject({ kind: 'status', sw3, count: 1_000_000 });
    await until(() => last(kinds()) === `status:error:${reason}`);
    simulator.clearFaults();
    await until(() => cards().length === 1);
    expect(cards()[0]).toMatchObject({ ok: true, card: DEMO_CARDS.foreign });
    expect(kinds().slice(-2)).toEqual(['status:ready', 'card']);
  });

  it.each([0x31, 0x47, 0x91].map((sw3) => [sw3.toString(16), sw3] as const))('refuses the card as unreadable after SW3 0x%s on every read, then reads the next card', async (_hex, sw3) => {
    const { simulator, kinds, cards } = await rig();
    await until(() => kinds().includes('status:ready'));
    simulator.inject({ kind: 'status', sw3, command: 'readTextAndPhoto', count: 3 });
    simulator.insert('citizen');
    await until(() => cards().length === 1);
    expect(cards()[0]).toEqual({ ok: false, reason: 'unreadable' });
    simulator.remove();
    await until(() => last(kinds()) === 'removed');
    simulator.insert('elder');
    await until(() => cards().length === 2);
    expect(cards()[1]).toMatchObject({ ok: true, card: DEMO_CARDS.elder });
    expect(kinds()).toEqual(['status:ready', 'card', 'removed', 'card']);
  });

  it('reports an unknown SW3 on every frame as a reader error named by its code, and recovers', async () => {
    const { simulator, kinds } = await rig();
    await until(() => kinds().includes('status:ready'));
    simulator.inject({ kind: 'status', sw3: 0x7e, count: 1_000_000 });
    await until(() => last(kinds()) === 'status:error:unknown-status-0x7e');
    simulator.clearFaults();
    await until(() => last(kinds()) === 'status:ready');
    simulator.insert('hmt');
    await until(() => last(kinds()) === 'card');
  });
});

it('reports a reader missing at boot as absent, and ready once it appears', async () => {
  const { tmpdir } = await import('node:os');
  const path = `${tmpdir()}/kiosk24-sam-late-${process.pid}`;
  let simulator: SamSimulator | null = null;
  const { kinds } = driverOn(path, async () => simulator?.stop());
  await until(() => kinds().includes('status:absent:not-connected'));
  simulator = await startSamSimulator({ linkPath: path, card: 'citizen' });
  await until(() => last(kinds()) === 'card');
  expect(kinds()).toEqual(['status:absent:not-connected', 'status:ready', 'card']);
});

describe('the simulator', () => {
  it('appears at a stable path that disappears when unplugged', async () => {
    const simulator: SamSimulator = await startSamSimulator({ card: 'foreign' });
    running.push(() => simulator.stop());
    const { realpath, access } = await import('node:fs/promises');
    expect(await realpath(simulator.path)).toBe(simulator.ptyPath);
    await simulator.unplug();
    await expect(access(simulator.path)).rejects.toThrow();
    await simulator.replug();
    expect(await realpath(simulator.path)).toBe(simulator.ptyPath);
    expect(simulator.device.hasCard).toBe(true);
  });
});
