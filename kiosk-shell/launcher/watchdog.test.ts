import { describe, expect, it } from 'vitest';
import type { BrowserFailure, BrowserProcess, PageState } from './browser-process.ts';
import { backoffDelay, Watchdog, type Timers, type WatchdogEvent, type WatchdogTimings } from './watchdog.ts';

/** A clock and timers that move only when the test says so. */
class FakeTime implements Timers {
  private nowMs: number;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();

  constructor(startIso: string) {
    this.nowMs = Date.parse(startIso);
  }

  readonly clock = { now: () => this.nowMs };

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.due.set(id, { at: this.nowMs + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }

  /** Runs every timer due within `ms`, in order, letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    await settle();
    for (;;) {
      let nextId = -1;
      let nextAt = Infinity;
      for (const [id, timer] of this.due) if (timer.at <= end && timer.at < nextAt) [nextId, nextAt] = [id, timer.at];
      if (nextId < 0) break;
      const timer = this.due.get(nextId)!;
      this.due.delete(nextId);
      this.nowMs = timer.at;
      timer.callback();
      await settle();
    }
    this.nowMs = end;
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A browser the test plays: its page state, a hang, an exit or crash. */
class FakeBrowser implements BrowserProcess {
  page: PageState = { ready: null, session: null };
  hung = false;
  killed = false;
  private listener: ((failure: BrowserFailure) => void) | null = null;

  constructor(readonly pid: number) {}

  probe(): Promise<PageState> {
    if (this.hung || this.killed) return new Promise(() => {});
    return Promise.resolve({ ...this.page });
  }

  onFailure(listener: (failure: BrowserFailure) => void): void {
    this.listener = listener;
  }

  fail(failure: BrowserFailure): void {
    this.listener?.(failure);
  }

  async kill(): Promise<void> {
    this.killed = true;
  }
}

const TIMINGS: WatchdogTimings = {
  probeIntervalMs: 2000,
  readyPollMs: 500,
  probeTimeoutMs: 1000,
  missedProbes: 3,
  readyTimeoutMs: 10_000,
  backoffInitialMs: 1000,
  backoffMaxMs: 8000,
  stableMs: 60_000,
  nightlyWindowMs: 30 * 60_000,
};

interface Setup {
  /** Called for each new browser: the page is ready at once unless this says otherwise. */
  onLaunch?: (browser: FakeBrowser, attempt: number) => void;
  failLaunches?: number;
  nightly?: { hour: number; minute: number };
  start?: string;
}

function setup(options: Setup = {}) {
  const time = new FakeTime(options.start ?? '2026-03-02T10:00:00+08:00');
  const browsers: FakeBrowser[] = [];
  const events: WatchdogEvent[] = [];
  const lines: string[] = [];
  let launches = 0;
  const watchdog = new Watchdog({
    clock: time.clock,
    timers: time,
    timings: TIMINGS,
    log: (line) => lines.push(line),
    nightlyRestart: options.nightly ?? null,
    launch: async () => {
      launches++;
      if (launches <= (options.failLaunches ?? 0)) throw new Error('cannot run /usr/bin/chromium (ENOENT)');
      const browser = new FakeBrowser(1000 + browsers.length);
      browser.page = { ready: 'home', session: null };
      options.onLaunch?.(browser, browsers.length + 1);
      browsers.push(browser);
      return browser;
    },
  });
  watchdog.on((event) => events.push(event));
  const restarts = () => events.filter((event) => event.type === 'restart');
  return { time, watchdog, browsers, events, lines, restarts, current: () => browsers.at(-1)! };
}

describe('the browser watchdog', () => {
  it('starts the browser and reports the page ready once it sets data-ready=home', async () => {
    const { time, watchdog, browsers, events, lines } = setup({ onLaunch: (browser) => (browser.page = { ready: null, session: null }) });
    watchdog.start();
    await time.advance(1000);
    expect(watchdog.state).toBe('waiting-ready');
    browsers[0]!.page.ready = 'home';
    await time.advance(500);
    expect(watchdog.state).toBe('running');
    expect(events.map((event) => event.type)).toEqual(['launched', 'ready']);
    expect(lines).toContain('browser: kiosk page ready (1.5 s after start)');
  });

  it('restarts a browser that exits, after the first backoff step', async () => {
    const { time, watchdog, browsers, restarts, lines } = setup();
    watchdog.start();
    await time.advance(600);
    browsers[0]!.fail({ kind: 'exited', detail: 'Chromium was ended by SIGKILL' });
    await time.advance(0);
    expect(restarts()).toEqual([{ type: 'restart', reason: 'exited', detail: 'Chromium was ended by SIGKILL', delayMs: 1000 }]);
    expect(browsers[0]!.killed).toBe(true);
    expect(lines).toContain('browser: Chromium was ended by SIGKILL; restarting Chromium in 1 s (failure 1 in a row)');
    await time.advance(999);
    expect(browsers).toHaveLength(1);
    await time.advance(1 + 500);
    expect(browsers).toHaveLength(2);
    expect(watchdog.state).toBe('running');
  });

  it('restarts after a renderer crash', async () => {
    const { time, watchdog, browsers, restarts } = setup();
    watchdog.start();
    await time.advance(600);
    browsers[0]!.fail({ kind: 'crashed', detail: "the page's renderer crashed" });
    await time.advance(1500);
    expect(restarts().map((event) => event.type === 'restart' && event.reason)).toEqual(['crashed']);
    expect(browsers).toHaveLength(2);
  });

  it('restarts a page that stops answering, after the set number of missed probes in a row', async () => {
    const { time, watchdog, browsers, restarts } = setup();
    watchdog.start();
    await time.advance(600);
    expect(watchdog.state).toBe('running');
    browsers[0]!.hung = true;
    // Two misses (each: 2 s wait + 1 s unanswered) are not yet a hang.
    await time.advance(6000);
    expect(restarts()).toEqual([]);
    await time.advance(3000);
    expect(restarts()).toMatchObject([{ reason: 'unresponsive', detail: 'the page did not answer 3 probes in a row' }]);
  });

  it('forgives a slow probe once the page answers again', async () => {
    const { time, watchdog, browsers, restarts } = setup();
    watchdog.start();
    await time.advance(600);
    browsers[0]!.hung = true;
    await time.advance(6000);
    browsers[0]!.hung = false;
    await time.advance(60_000);
    expect(restarts()).toEqual([]);
  });

  it('restarts a white screen: no data-ready within the ready timeout', async () => {
    const { time, watchdog, restarts, lines } = setup({ onLaunch: (browser, attempt) => (browser.page.ready = attempt === 1 ? null : 'home') });
    watchdog.start();
    await time.advance(9999);
    expect(restarts()).toEqual([]);
    await time.advance(501);
    expect(restarts()).toMatchObject([{ reason: 'not-ready', delayMs: 1000 }]);
    expect(lines).toContain('browser: the kiosk page was not ready within 10 s (white screen); restarting Chromium in 1 s (failure 1 in a row)');
    await time.advance(1500);
    expect(watchdog.state).toBe('running');
  });

  it('waits for ready again when a running page is reloaded, and restarts it if it stays white', async () => {
    const { time, watchdog, browsers, restarts, lines } = setup();
    watchdog.start();
    await time.advance(600);
    browsers[0]!.page = { ready: null, session: null };
    await time.advance(2000);
    expect(watchdog.state).toBe('waiting-ready');
    expect(lines).toContain('browser: the kiosk page was reloaded; waiting for it to be ready again');
    await time.advance(10_000);
    expect(restarts()).toMatchObject([{ reason: 'not-ready' }]);
  });

  it('does not count an error answer (a page between documents) as a missed probe', async () => {
    const { time, watchdog, browsers, restarts } = setup();
    watchdog.start();
    await time.advance(600);
    browsers[0]!.probe = () => Promise.reject(new Error('Execution context was destroyed'));
    await time.advance(30_000);
    expect(restarts()).toEqual([]);
  });

  it('backs off 1 s, 2 s, 4 s … up to the cap on failures in a row, and resets after a stable period', async () => {
    let stable = false;
    const { time, watchdog, browsers, restarts } = setup({ onLaunch: (browser) => (browser.page.ready = stable ? 'home' : null) });
    watchdog.start();
    await time.advance(90_000);
    const delays = restarts().map((event) => event.type === 'restart' && event.delayMs);
    expect(delays.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(watchdog.consecutiveFailures).toBeGreaterThanOrEqual(6);
    stable = true;
    for (let waited = 0; watchdog.state !== 'running' && waited < 30_000; waited += 100) await time.advance(100);
    expect(watchdog.state).toBe('running');
    // Ready, but not yet stable: a failure now would still wait the capped delay.
    await time.advance(58_000);
    expect(watchdog.consecutiveFailures).toBeGreaterThan(0);
    await time.advance(3000);
    expect(watchdog.consecutiveFailures).toBe(0);
    browsers.at(-1)!.fail({ kind: 'exited', detail: 'Chromium exited with code 1' });
    await time.advance(0);
    expect(restarts().at(-1)).toMatchObject({ reason: 'exited', delayMs: 1000 });
  });

  it('retries a browser that cannot be started, with backoff', async () => {
    const { time, watchdog, restarts, lines } = setup({ failLaunches: 2 });
    watchdog.start();
    await time.advance(4000);
    expect(restarts()).toMatchObject([
      { reason: 'launch-failed', delayMs: 1000 },
      { reason: 'launch-failed', delayMs: 2000 },
    ]);
    expect(lines[0]).toBe('browser: start failed (cannot run /usr/bin/chromium (ENOENT)); restarting Chromium in 1 s (failure 1 in a row)');
    expect(watchdog.state).toBe('running');
  });

  it('ignores what an old browser reports after it was replaced', async () => {
    const { time, watchdog, browsers, restarts } = setup();
    watchdog.start();
    await time.advance(600);
    browsers[0]!.fail({ kind: 'crashed', detail: 'first' });
    browsers[0]!.fail({ kind: 'exited', detail: 'late exit of the same browser' });
    await time.advance(1600);
    expect(restarts()).toHaveLength(1);
    expect(browsers).toHaveLength(2);
  });

  it('stops for good: the browser is killed and nothing restarts it', async () => {
    const { time, watchdog, browsers, events } = setup();
    watchdog.start();
    await time.advance(600);
    await watchdog.stop();
    browsers[0]!.fail({ kind: 'exited', detail: 'exit after stop' });
    await time.advance(120_000);
    expect(browsers).toHaveLength(1);
    expect(browsers[0]!.killed).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'stopped' });
    expect(watchdog.state).toBe('stopped');
  });

  it('waits, when stopped during a start, for that browser to be started and killed', async () => {
    const time = new FakeTime('2026-03-02T10:00:00+08:00');
    const browser = new FakeBrowser(7);
    let finishLaunch: (browser: BrowserProcess) => void = () => {};
    const watchdog = new Watchdog({ clock: time.clock, timers: time, timings: TIMINGS, launch: () => new Promise((resolve) => (finishLaunch = resolve)) });
    watchdog.start();
    let stopped = false;
    const stopping = watchdog.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    finishLaunch(browser);
    await stopping;
    expect(browser.killed).toBe(true);
  });
});

describe('the nightly restart', () => {
  // 02:59 China time on a Monday; the restart is set for 03:00.
  const start = '2026-03-02T02:59:00+08:00';

  it('restarts at the set China time when no session is active, without backoff, then again the next night', async () => {
    const { time, watchdog, browsers, restarts, lines } = setup({ start, nightly: { hour: 3, minute: 0 } });
    watchdog.start();
    expect(lines[0]).toBe('browser: nightly restart at 03:00 China time when no citizen session is active');
    await time.advance(59_000);
    expect(restarts()).toEqual([]);
    await time.advance(2000);
    expect(restarts()).toEqual([{ type: 'restart', reason: 'nightly', detail: 'nightly restart', delayMs: 0 }]);
    expect(watchdog.consecutiveFailures).toBe(0);
    await time.advance(24 * 60 * 60_000 - 10_000);
    expect(browsers).toHaveLength(2);
    await time.advance(20_000);
    expect(browsers).toHaveLength(3);
  });

  it('waits while a citizen session is active and restarts as soon as it ends', async () => {
    const { time, watchdog, browsers, restarts, events } = setup({ start, nightly: { hour: 3, minute: 0 } });
    watchdog.start();
    await time.advance(1000);
    browsers[0]!.page.session = 'active';
    await time.advance(10 * 60_000);
    expect(restarts()).toEqual([]);
    expect(events.filter((event) => event.type === 'nightly-waiting')).toHaveLength(1);
    browsers[0]!.page.session = null;
    await time.advance(2000);
    expect(restarts()).toMatchObject([{ reason: 'nightly' }]);
  });

  it('skips the night when a session outlasts the window', async () => {
    const { time, watchdog, browsers, restarts, events, lines } = setup({ start, nightly: { hour: 3, minute: 0 } });
    watchdog.start();
    await time.advance(1000);
    browsers[0]!.page.session = 'active';
    await time.advance(40 * 60_000);
    browsers[0]!.page.session = null;
    await time.advance(60 * 60_000);
    expect(restarts()).toEqual([]);
    expect(events.some((event) => event.type === 'nightly-skipped')).toBe(true);
    expect(lines).toContain('browser: nightly restart skipped: a citizen session was active the whole window');
  });

  it('counts a failure restart after the nightly time as tonight\'s restart', async () => {
    const { time, watchdog, browsers, restarts } = setup({ start, nightly: { hour: 3, minute: 0 } });
    watchdog.start();
    await time.advance(1000);
    browsers[0]!.page.session = 'active';
    await time.advance(2 * 60_000);
    browsers[0]!.fail({ kind: 'crashed', detail: 'crash' });
    await time.advance(10 * 60_000);
    expect(restarts().map((event) => event.type === 'restart' && event.reason)).toEqual(['crashed']);
  });
});

describe('the backoff delay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((failures) => backoffDelay(failures, 1000, 60_000))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });
});
