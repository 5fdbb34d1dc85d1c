/**
 * The kiosk browser as main.ts starts it: a watchdog over real Chromium on the kiosk profile,
 * opened at the kiosk URL. Tests use the same function with headless arguments and short timings.
 */
import type { BridgeLaunch } from '../../src/core/bridge-handoff.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { BrowserUser } from './browser-user.ts';
import { launchChromium } from './chromium.ts';
import type { WallTime } from './nightly.ts';
import { Watchdog, type Timers, type WatchdogTimings } from './watchdog.ts';

export interface KioskBrowserOptions {
  chromium: string;
  profileDir: string;
  /** The kiosk page (`<origin>/`), without the bridge launch: Chromium keeps the URLs it opens on disk. */
  url: string;
  /** The bridge address and token, handed to the page over the DevTools pipe at every start. */
  bridgeLaunch?: BridgeLaunch;
  extraArgs?: readonly string[];
  nightlyRestart?: WallTime | null;
  timings?: Partial<WatchdogTimings>;
  startTimeoutMs?: number;
  killGraceMs?: number;
  clock?: Clock;
  timers?: Timers;
  env?: NodeJS.ProcessEnv;
  /** Chromium's own OS user (browser-user.ts); absent: the shell's. */
  user?: BrowserUser;
  log?: (line: string) => void;
}

/** Starts Chromium under the watchdog and returns the watchdog; `stop()` ends Chromium for good. */
export function startKioskBrowser(options: KioskBrowserOptions): Watchdog {
  const log = options.log ?? (() => {});
  const watchdog = new Watchdog({
    launch: () => launchChromium({
      executable: options.chromium,
      profileDir: options.profileDir,
      url: options.url,
      log,
      ...(options.bridgeLaunch ? { bridgeLaunch: options.bridgeLaunch } : {}),
      ...(options.extraArgs ? { extraArgs: options.extraArgs } : {}),
      ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
      ...(options.killGraceMs ? { killGraceMs: options.killGraceMs } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.user ? { user: options.user } : {}),
    }),
    clock: options.clock ?? { now: () => Date.now() },
    log,
    nightlyRestart: options.nightlyRestart ?? null,
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.timings ? { timings: options.timings } : {}),
  });
  watchdog.start();
  return watchdog;
}
