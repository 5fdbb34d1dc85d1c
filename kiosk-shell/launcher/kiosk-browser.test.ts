/**
 * The launcher and watchdog against real Chromium (headless here: the build machines have no
 * display), on a tiny local site whose pages the test turns normal, white or hung.
 * CHROMIUM_PATH overrides /usr/bin/chromium, as for the e2e tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chinaTimeParts } from '../../src/core/china-time.ts';
import type { ChromiumBrowser } from './chromium.ts';
import { startKioskBrowser, type KioskBrowserOptions } from './kiosk-browser.ts';
import type { Watchdog, WatchdogEvent, WatchdogTimings } from './watchdog.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HEADLESS_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const TOKEN = 'launch-token-NOT-FOR-LOGS';

/** Short enough for a fast test, loose enough for a loaded 2-core machine. */
const TIMINGS: Partial<WatchdogTimings> = {
  probeIntervalMs: 250,
  readyPollMs: 100,
  probeTimeoutMs: 1500,
  missedProbes: 2,
  readyTimeoutMs: 10_000,
  backoffInitialMs: 200,
  backoffMaxMs: 2000,
};

/** The kiosk site: `mode` decides what the next page load does; the page polls /control for a hang or a session. */
interface Site {
  origin: string;
  mode: 'normal' | 'white';
  hangOnce: boolean;
  session: boolean;
  close(): Promise<void>;
}

async function startSite(): Promise<Site> {
  const site = { mode: 'normal', hangOnce: false, session: false } as Site;
  const page = (mode: string) => `<!doctype html><html><head><meta charset="utf-8"><title>kiosk</title></head><body><script>
    const root = document.documentElement;
    if (${JSON.stringify(mode)} === 'normal') root.dataset.ready = 'home';
    setInterval(async () => {
      const control = await (await fetch('/control')).json();
      if (control.session) root.dataset.session = 'active'; else delete root.dataset.session;
      if (control.hang) for (;;) {}
    }, 50);
  </script></body></html>`;
  const server: Server = createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page(site.mode));
    } else if (request.url === '/control') {
      const control = { hang: site.hangOnce, session: site.session };
      site.hangOnce = false;
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(control));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return site;
}

/** Pids of processes whose command line names the profile: Chromium and every helper it started. */
function processesOnProfile(profileDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(profileDir)) pids.push(Number(entry));
    } catch {
      // Exited while listed.
    }
  }
  return pids;
}

async function until<T>(find: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Required, like the e2e tests: a machine without Chromium fails here rather than skipping the watchdog.
describe(`the kiosk browser with real Chromium (${CHROMIUM})`, () => {
  let site: Site;
  let profileDir: string;
  let watchdog: Watchdog | null;
  let events: WatchdogEvent[];
  let lines: string[];

  beforeEach(async () => {
    site = await startSite();
    profileDir = await mkdtemp(join(tmpdir(), 'kiosk-profile-'));
    watchdog = null;
    events = [];
    lines = [];
  });

  afterEach(async () => {
    await watchdog?.stop();
    // Helpers (zygote, renderer, GPU) go with the browser; none may outlive the test.
    await until(() => processesOnProfile(profileDir).length === 0, 5000, 'every Chromium process to exit');
    await site.close();
    await rm(profileDir, { recursive: true, force: true });
  });

  function start(overrides: Partial<KioskBrowserOptions> = {}): Watchdog {
    watchdog = startKioskBrowser({
      chromium: CHROMIUM,
      profileDir,
      url: `${site.origin}/`,
      bridgeLaunch: { url: 'ws://127.0.0.1:7801', token: TOKEN },
      extraArgs: HEADLESS_ARGS,
      timings: TIMINGS,
      killGraceMs: 2000,
      log: (line) => lines.push(line),
      ...overrides,
    });
    watchdog.on((event) => events.push(event));
    return watchdog;
  }

  const readyCount = () => events.filter((event) => event.type === 'ready').length;
  const restarts = () => events.filter((event): event is Extract<WatchdogEvent, { type: 'restart' }> => event.type === 'restart');

  it('opens the kiosk page with the token off the command line, the URL and the log, and restarts a killed Chromium', async () => {
    const dog = start();
    await until(() => readyCount() === 1, 15_000, 'the kiosk page to be ready');
    const pid = dog.browser!.pid!;
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    expect(commandLine).toContain('--kiosk');
    expect(commandLine).not.toContain(TOKEN);
    expect(processesOnProfile(profileDir).every((each) => !readFileSync(`/proc/${each}/cmdline`, 'utf8').includes(TOKEN))).toBe(true);
    const href = await (dog.browser as ChromiumBrowser).sendToPage('Runtime.evaluate', { expression: 'location.href', returnByValue: true });
    expect(href).toMatchObject({ result: { value: `${site.origin}/` } });

    process.kill(pid, 'SIGKILL');
    await until(() => readyCount() === 2, 15_000, 'the page to be ready after the kill');
    expect(restarts()).toMatchObject([{ reason: 'exited', detail: 'Chromium was ended by SIGKILL' }]);
    expect(dog.browser!.pid).not.toBe(pid);
    expect(lines.some((line) => line.includes(TOKEN) || line.includes('token='))).toBe(false);
    expect(lines).toContain('browser: Chromium was ended by SIGKILL; restarting Chromium in 0.2 s (failure 1 in a row)');
  }, 30_000);

  it('restarts a page that hangs in an endless loop', async () => {
    start();
    await until(() => readyCount() === 1, 15_000, 'the kiosk page to be ready');
    site.hangOnce = true;
    await until(() => readyCount() === 2, 20_000, 'the page to be ready after the hang');
    expect(restarts().map((event) => event.reason)).toContain('unresponsive');
  }, 30_000);

  it('restarts after the renderer crashes', async () => {
    const dog = start();
    await until(() => readyCount() === 1, 15_000, 'the kiosk page to be ready');
    void (dog.browser as ChromiumBrowser).sendToPage('Page.crash').catch(() => {});
    await until(() => readyCount() === 2, 15_000, 'the page to be ready after the crash');
    expect(restarts()[0]).toMatchObject({ reason: 'crashed' });
  }, 30_000);

  it('restarts a white screen after the ready timeout, backing off longer each time, until the page is ready', async () => {
    site.mode = 'white';
    start({ timings: { ...TIMINGS, readyTimeoutMs: 1500 } });
    await until(() => restarts().length >= 3, 20_000, 'three restarts of the white screen');
    site.mode = 'normal';
    await until(() => readyCount() === 1, 15_000, 'the page to be ready once it paints');
    const delays = restarts().map((event) => event.delayMs);
    expect(restarts().slice(0, 3).map((event) => event.reason)).toEqual(['not-ready', 'not-ready', 'not-ready']);
    expect(delays.slice(0, 3)).toEqual([200, 400, 800]);
    expect(lines).toContain('browser: the kiosk page was not ready within 1.5 s (white screen); restarting Chromium in 0.4 s (failure 2 in a row)');
  }, 40_000);

  it('holds the nightly restart while a citizen session is active', async () => {
    // The restart is set two hours ahead; the test's clock then jumps past it.
    let offsetMs = 0;
    const clock = { now: () => Date.now() + offsetMs };
    const nightly = chinaTimeParts(Date.now() + 2 * 60 * 60_000);
    const dog = start({ clock, nightlyRestart: { hour: nightly.hour, minute: nightly.minute } });
    await until(() => readyCount() === 1, 15_000, 'the kiosk page to be ready');
    site.session = true;
    await new Promise((resolve) => setTimeout(resolve, 300));
    offsetMs = 2 * 60 * 60_000 + 60_000;
    await until(() => events.some((event) => event.type === 'nightly-waiting'), 5000, 'the restart to wait');
    const pid = dog.browser!.pid;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(restarts()).toEqual([]);
    expect(dog.browser!.pid).toBe(pid);
    site.session = false;
    await until(() => readyCount() === 2, 15_000, 'the page to be ready after the nightly restart');
    expect(restarts()).toMatchObject([{ reason: 'nightly', delayMs: 0 }]);
    expect(dog.consecutiveFailures).toBe(0);
  }, 30_000);
});
