/**
 * "Card bytes fully received to identified screen ≤ 50 ms": the real reader driver reads fictional
 * cards from the simulator over a pseudo-terminal, the real bridge carries them to the kiosk in
 * Chromium, and two intervals are taken per card:
 *   - the last byte of the read reply arriving at the driver → the `card` message handed to the
 *     socket (decoding, validation, JSON);
 *   - the same last byte → the identified screen painted: the Element Timing `renderTime` of the
 *     holder's masked name, the moment Chromium painted it.
 * Both ends use epoch-based high-resolution clocks (performance.timeOrigin + now) of processes on
 * one machine. The wire time of the read reply at 115,200 baud (8N1) is printed beside: what a real
 * module's line adds before the first interval starts, and outside the budget.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DeviceIdentity } from '../../kiosk-shell/device/device-identity.ts';
import { DeviceStore } from '../../kiosk-shell/device/device-store.ts';
import { systemClock } from '../../src/core/clock.ts';
import { BridgeServer, bridgeToken } from '../../kiosk-shell/bridge/server.ts';
import { linkReader } from '../../kiosk-shell/bridge/reader-link.ts';
import { encodeReadData, encodeReply, PHOTO_LENGTH, TEXT_BLOCK_LENGTH } from '../../kiosk-shell/drivers/sam-reader/codec.ts';
import { SamReader } from '../../kiosk-shell/drivers/sam-reader/reader.ts';
import { SerialTransport } from '../../kiosk-shell/drivers/sam-reader/serial.ts';
import { startSamSimulator } from '../../kiosk-shell/drivers/sam-reader/simulator.ts';
import { newKioskContext, within } from './browser.ts';
import { progress } from './format.ts';
import { latencySummary, type LatencySummary } from './stats.ts';

export interface CardIdentify {
  rounds: number;
  toMessage: LatencySummary;
  toPainted: LatencySummary;
  /** Bytes of the read reply frame and their time on a 115,200-baud 8N1 line. */
  readReplyBytes: number;
  wireMs: number;
}

const BAUD = 115_200;
/** 8N1: a start bit, eight data bits, a stop bit. */
const BITS_PER_BYTE = 10;
const CARDS = ['citizen', 'elder', 'hmt', 'foreign', 'booked'] as const;

const epochNow = () => performance.timeOrigin + performance.now();

/**
 * kiosk-shell's device identity as an enrolled terminal has it (a device key and its enrollment
 * on disk), without a hall: signing a card needs neither the network nor the hall.
 */
function enrolledIdentity(): { witness: DeviceIdentity; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-bench-device-'));
  const store = new DeviceStore(dir);
  store.commitEnrollment(store.newPendingKey(), { server: 'http://127.0.0.1', terminalId: randomUUID(), name: 'bench-card-terminal', keyId: 'bench', enrolledAt: new Date().toISOString() });
  const witness = new DeviceIdentity({ store, server: 'http://127.0.0.1', clock: systemClock });
  return { witness, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Records, in the page, when each identified name is painted (epoch ms). */
async function watchIdentifiedPaints(page: Page): Promise<void> {
  await page.evaluate(() => {
    const paints: number[] = [];
    (window as unknown as { identifiedPaints: number[] }).identifiedPaints = paints;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { identifier: string; renderTime: number }>) {
        if (entry.identifier === 'identified') paints.push(performance.timeOrigin + entry.renderTime);
      }
    }).observe({ type: 'element', buffered: false });
  });
}

const paintsSoFar = (page: Page) => page.evaluate(() => (window as unknown as { identifiedPaints: number[] }).identifiedPaints.length);
const paintAt = (page: Page, index: number) => page.evaluate((i) => (window as unknown as { identifiedPaints: number[] }).identifiedPaints[i]!, index);

/** `warmup` cards first, not counted: the first card of a fresh page also compiles the screen's code. */
export async function measureCardIdentify(browser: Browser, hallUrl: string, rounds: number, warmup: number): Promise<CardIdentify> {
  const simulator = await startSamSimulator();
  const transport = new SerialTransport({ path: simulator.path });
  const reader = new SamReader({ transport, pollIntervalMs: 50 });
  const origin = new URL(hallUrl).origin;
  const token = bridgeToken({});
  const bridge = new BridgeServer({ port: 0, origin, token });
  let lastChunkAt = 0;
  // Registered before the driver's own listener: the time of each chunk as it arrives.
  const unwatchData = transport.onData(() => {
    lastChunkAt = epochNow();
  });
  const bridgeUrl = await bridge.start();
  // An enrolled shell's device identity: each card goes out with its assertion, signed on the way.
  const identity = enrolledIdentity();
  const unlink = linkReader(reader, bridge, identity.witness);
  const cards: Array<{ bytesAt: number; sentAt: number }> = [];
  const readAt: number[] = [];
  const unwatchCards = reader.on((event) => {
    if (event.type === 'card' && event.read.ok) readAt.push(lastChunkAt);
  });
  // The moment the signed `card` message has been handed to the socket.
  const sendCard = bridge.sendCard.bind(bridge);
  bridge.sendCard = (card, assertion) => {
    sendCard(card, assertion);
    cards.push({ bytesAt: readAt.shift() ?? lastChunkAt, sentAt: epochNow() });
  };
  transport.start();
  reader.start();
  const context = await newKioskContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${hallUrl}#bridge=${encodeURIComponent(bridgeUrl)}&token=${encodeURIComponent(token)}`);
    await page.waitForSelector('[data-testid="device-reader"][data-state="ready"]');
    await watchIdentifiedPaints(page);
    const toMessage: number[] = [];
    const toPainted: number[] = [];
    for (let round = -warmup; round < rounds; round++) {
      const paintsBefore = await paintsSoFar(page);
      simulator.insert(CARDS[(round + warmup) % CARDS.length]!);
      await within(page.waitForSelector('[data-testid="identified"]'), 10_000, 'the identified screen');
      await page.waitForFunction((n) => (window as unknown as { identifiedPaints: number[] }).identifiedPaints.length > n, paintsBefore);
      const card = cards[cards.length - 1]!;
      const paintedAt = await paintAt(page, paintsBefore);
      if (round >= 0) {
        toMessage.push(card.sentAt - card.bytesAt);
        toPainted.push(paintedAt - card.bytesAt);
      }
      simulator.remove();
      // Taking the card away ends the visit: the next card starts on the home screen again.
      await page.waitForSelector('[data-screen="home"]');
      if (round >= 0 && (round + 1) % 10 === 0) progress(`card → identified: ${round + 1}/${rounds}`);
    }
    const readReplyBytes = encodeReply({ sw3: 0x90, data: encodeReadData(new Uint8Array(TEXT_BLOCK_LENGTH), new Uint8Array(PHOTO_LENGTH)) }).length;
    return {
      rounds,
      toMessage: latencySummary(toMessage)!,
      toPainted: latencySummary(toPainted)!,
      readReplyBytes,
      wireMs: (readReplyBytes * BITS_PER_BYTE * 1000) / BAUD,
    };
  } finally {
    await context.close();
    unwatchCards();
    identity.remove();
    unwatchData();
    unlink();
    await reader.stop();
    await transport.stop();
    await bridge.stop();
    await simulator.stop();
  }
}
