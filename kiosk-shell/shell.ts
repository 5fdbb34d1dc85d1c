/**
 * kiosk-shell without its command line: the bridge and the devices the options name, wired
 * together. main.ts runs it for `npm run shell`; tests start it in-process.
 */
import { readFileSync } from 'node:fs';
import { clockFromPin } from '../src/core/clock.ts';
import { DEMO_CARDS, type DemoCardName } from './drivers/sam-reader/demo-cards.ts';
import { SamReader } from './drivers/sam-reader/reader.ts';
import { SerialTransport } from './drivers/sam-reader/serial.ts';
import { startSamSimulator, type SamSimulator } from './drivers/sam-reader/simulator.ts';
import { linkReader } from './bridge/reader-link.ts';
import { BridgeServer, bridgeToken } from './bridge/server.ts';
import type { ShellOptions } from './options.ts';

export interface Shell {
  bridgeUrl: string;
  token: string;
  bridge: BridgeServer;
  /** Present with `--reader sim`: insert and remove demo cards. */
  simulator: SamSimulator | null;
  stop(): Promise<void>;
}

export interface ShellStartOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Faster polling for tests; the driver's defaults otherwise. */
  readerPollMs?: number;
}

function shellVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function startShell(options: ShellOptions, start: ShellStartOptions = {}): Promise<Shell> {
  const env = start.env ?? process.env;
  const log = start.log ?? (() => {});
  const token = bridgeToken(env);
  const bridge = new BridgeServer({ port: options.bridgePort, origin: options.origin, token, shellVersion: shellVersion(), log });
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const bridgeUrl = await bridge.start();
    stops.push(() => bridge.stop());
    let simulator: SamSimulator | null = null;
    if (options.reader.kind !== 'none') {
      if (options.reader.kind === 'sim') {
        simulator = await startSamSimulator();
        stops.push(() => simulator?.stop());
      }
      const path = options.reader.kind === 'sim' ? simulator!.path : options.reader.path;
      const transport = new SerialTransport({ path, log });
      const clock = clockFromPin(env.KIOSK_NOW, () => performance.now());
      const reader = new SamReader({ transport, clock, log, ...(start.readerPollMs ? { pollIntervalMs: start.readerPollMs } : {}) });
      const unlink = linkReader(reader, bridge);
      transport.start();
      reader.start();
      stops.push(async () => {
        unlink();
        await reader.stop();
        await transport.stop();
      });
    }
    return { bridgeUrl, token, bridge, simulator, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function isDemoCardName(name: string): name is DemoCardName {
  return Object.hasOwn(DEMO_CARDS, name);
}
