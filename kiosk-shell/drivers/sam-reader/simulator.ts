/**
 * A simulated ID card reader on a real pseudo-terminal: the kiosk's own serial driver opens it
 * exactly as it opens the reader's /dev/ttyUSB0, so the demo and the tests run the real driver.
 * The device is reached through a stable symlink (like /dev/serial/by-id/…) that unplug() removes
 * and replug() points at a fresh pty, so reconnection is exercised too.
 */
import { randomUUID } from 'node:crypto';
import { rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IdCard } from '../../../src/core/id-card.ts';
import { openPtyRelay, type PtyRelay } from '../pty/pty-relay.ts';
import { DEMO_CARDS, type DemoCardName } from './demo-cards.ts';
import { SimulatedSamReader, slowLineChunks, type Fault, type SimulatedReaderOptions, type SlowLine } from './sim-device.ts';

export interface SamSimulatorOptions extends SimulatedReaderOptions {
  /** Where the device appears; default: a new path in the temp directory. */
  linkPath?: string;
  /** A card already on the reader at start. */
  card?: DemoCardName | IdCard;
  python?: string;
}

export interface SamSimulator {
  /** What the driver opens (`--reader serial:PATH`). */
  readonly path: string;
  /** The pty behind it right now (changes on replug). */
  readonly ptyPath: string;
  readonly device: SimulatedSamReader;
  insert(card: DemoCardName | IdCard | Uint8Array, photo?: Uint8Array): void;
  remove(): void;
  inject(fault: Fault): void;
  /** Takes back injected faults, silence and a slow line: the module works normally again. */
  clearFaults(): void;
  /** The reader stops answering (true) or answers again (false). */
  setSilent(silent: boolean): void;
  setSlowLine(line: SlowLine | null): void;
  /** The device disappears, as when its USB cable is pulled. */
  unplug(): Promise<void>;
  replug(): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startSamSimulator(options: SamSimulatorOptions = {}): Promise<SamSimulator> {
  const device = new SimulatedSamReader(options);
  if (options.card) device.insert(typeof options.card === 'string' ? DEMO_CARDS[options.card] : options.card);
  const path = options.linkPath ?? join(tmpdir(), `kiosk24-sam-${randomUUID()}`);
  let relay: PtyRelay | null = null;
  // Replies leave in order even when a slow line spreads one over many writes.
  let outgoing: Promise<void> = Promise.resolve();

  const send = (line: PtyRelay, reply: Uint8Array) => {
    const slow = device.slowLine;
    if (!slow) return line.write(reply);
    outgoing = outgoing.then(async () => {
      for (const chunk of slowLineChunks(reply, slow)) {
        await sleep(slow.delayMs);
        if (relay !== line) return;
        line.write(chunk);
      }
    });
  };

  const plug = async () => {
    const line = await openPtyRelay({ python: options.python });
    line.onData((bytes) => {
      for (const reply of device.receive(bytes)) send(line, reply);
    });
    await rm(path, { force: true });
    await symlink(line.ptyPath, path);
    relay = line;
  };

  const unplug = async () => {
    const line = relay;
    relay = null;
    await rm(path, { force: true });
    await line?.close();
  };

  await plug();
  return {
    path,
    get ptyPath() {
      return relay?.ptyPath ?? '';
    },
    device,
    insert: (card, photo) => device.insert(typeof card === 'string' ? DEMO_CARDS[card] : card, photo),
    remove: () => device.remove(),
    inject: (fault) => device.inject(fault),
    clearFaults: () => device.clearFaults(),
    setSilent: (silent) => {
      device.silent = silent;
    },
    setSlowLine: (line) => {
      device.slowLine = line;
    },
    unplug,
    replug: async () => {
      if (!relay) await plug();
    },
    stop: unplug,
  };
}
