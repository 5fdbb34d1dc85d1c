/**
 * Keeps the kiosk page on screen. A state machine over a BrowserProcess, driven by an injected
 * clock and timers:
 *
 *   launching ──> waiting-ready ──(data-ready=home)──> running
 *        ^              │  ready timeout (white screen)     │ exit, renderer crash,
 *        │              │  exit, crash, missed probes       │ missed probes, nightly
 *        └── backoff <──┴───────────────────────────────────┘
 *
 * A running page whose `data-ready` disappears has been reloaded (an update, a navigation
 * away): it waits for ready again, under the same timeout. Failed starts back off 1 s, 2 s,
 * 4 s … up to a cap, and the count resets once the page has stayed up for a stable period.
 * The nightly restart is planned, not a failure: it waits for no citizen session, within a
 * window, and costs no backoff.
 */
import type { Clock } from '../../src/core/clock.ts';
import type { BrowserProcess, LaunchBrowser, PageState } from './browser-process.ts';
import { formatWallTime, nextWallTime, type WallTime } from './nightly.ts';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WatchdogTimings {
  /** Between liveness probes of a running page. */
  probeIntervalMs: number;
  /** Between probes while waiting for `data-ready`: a restart should show quickly that it worked. */
  readyPollMs: number;
  /** A probe not answered within this counts as missed. */
  probeTimeoutMs: number;
  /** Missed probes in a row that make a hung page. */
  missedProbes: number;
  /** From start (or reload) to `data-ready="home"`; longer is a white screen. */
  readyTimeoutMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Ready for this long without a failure resets the backoff. */
  stableMs: number;
  /** How long after the nightly time a restart may still wait for a citizen session to end. */
  nightlyWindowMs: number;
}

export const DEFAULT_TIMINGS: WatchdogTimings = {
  probeIntervalMs: 3000,
  readyPollMs: 500,
  // A PWA that blocks its main thread for 3 s is broken for the citizen too.
  probeTimeoutMs: 3000,
  missedProbes: 3,
  // A cold start on a slow terminal PC, the PWA fetched from the hall server the first time.
  readyTimeoutMs: 60_000,
  backoffInitialMs: 1000,
  backoffMaxMs: 60_000,
  stableMs: 5 * 60_000,
  // Sessions end by themselves after an idle timeout of minutes; an hour covers any real one.
  nightlyWindowMs: 60 * 60_000,
};

export type RestartReason = 'exited' | 'crashed' | 'unresponsive' | 'not-ready' | 'launch-failed' | 'nightly';

export type WatchdogState = 'idle' | 'launching' | 'waiting-ready' | 'running' | 'backoff' | 'stopped';

export type WatchdogEvent =
  | { type: 'launched'; attempt: number; pid: number | null }
  | { type: 'ready'; afterMs: number }
  | { type: 'restart'; reason: RestartReason; detail: string; delayMs: number }
  | { type: 'nightly-waiting' }
  | { type: 'nightly-skipped' }
  | { type: 'stopped' };

export interface WatchdogOptions {
  launch: LaunchBrowser;
  clock: Clock;
  timers?: Timers;
  log?: (line: string) => void;
  nightlyRestart?: WallTime | null;
  timings?: Partial<WatchdogTimings>;
}

type ProbeOutcome = { kind: 'answer'; page: PageState } | { kind: 'error' } | { kind: 'timeout' };

/** 1×, 2×, 4× … the initial delay for the 1st, 2nd, 3rd … failure in a row, never above the cap. */
export function backoffDelay(failures: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
}

export class Watchdog {
  readonly timings: WatchdogTimings;
  private stateValue: WatchdogState = 'idle';
  private browserValue: BrowserProcess | null = null;
  /** Bumped on every launch, restart and stop: callbacks of an older browser see a stale number and do nothing. */
  private generation = 0;
  private timer: unknown = null;
  private attempts = 0;
  private failures = 0;
  private misses = 0;
  private startedAt = 0;
  private readySince = 0;
  private readyDeadline = 0;
  private nextNightlyAt: number | null = null;
  private nightlyWaitReported = false;
  private readonly listeners = new Set<(event: WatchdogEvent) => void>();
  /** Starts and kills under way, which stop() waits for: no Chromium may outlive the shell's stop. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers: Timers;
  private readonly log: (line: string) => void;

  constructor(private readonly options: WatchdogOptions) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.timers = options.timers ?? systemTimers;
    this.log = options.log ?? (() => {});
  }

  get state(): WatchdogState {
    return this.stateValue;
  }

  /** The browser now watched; null between a failure and the next start. */
  get browser(): BrowserProcess | null {
    return this.browserValue;
  }

  /** Failures in a row since the page last stayed up for the stable period. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  on(listener: (event: WatchdogEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.stateValue !== 'idle') return;
    const nightly = this.options.nightlyRestart;
    if (nightly) {
      this.nextNightlyAt = nextWallTime(this.options.clock.now(), nightly);
      this.log(`browser: nightly restart at ${formatWallTime(nightly)} China time when no citizen session is active`);
    }
    this.track(this.launch());
  }

  /** Ends the browser for good (shell shutdown); no restart follows. */
  async stop(): Promise<void> {
    if (this.stateValue === 'stopped') return;
    this.stateValue = 'stopped';
    this.generation++;
    this.clearTimer();
    const browser = this.browserValue;
    this.browserValue = null;
    await Promise.all([browser?.kill(), ...this.inFlight]);
    this.emit({ type: 'stopped' });
  }

  private async launch(): Promise<void> {
    const generation = ++this.generation;
    this.stateValue = 'launching';
    this.attempts++;
    let browser: BrowserProcess;
    try {
      browser = await this.options.launch();
    } catch (error) {
      if (generation === this.generation) this.restart('launch-failed', `start failed (${(error as Error).message})`);
      return;
    }
    if (generation !== this.generation) {
      // Stopped while Chromium was starting.
      await browser.kill();
      return;
    }
    this.browserValue = browser;
    browser.onFailure((failure) => {
      if (generation === this.generation) this.restart(failure.kind, failure.detail);
    });
    const now = this.options.clock.now();
    this.startedAt = now;
    // The fresh browser is tonight's restart, whatever caused it.
    if (this.nextNightlyAt !== null && now >= this.nextNightlyAt) this.planNextNightly(now);
    this.misses = 0;
    this.waitForReady(now);
    this.emit({ type: 'launched', attempt: this.attempts, pid: browser.pid });
    this.schedule(generation);
  }

  private waitForReady(now: number): void {
    this.stateValue = 'waiting-ready';
    this.readyDeadline = now + this.timings.readyTimeoutMs;
  }

  private schedule(generation: number): void {
    const delayMs = this.stateValue === 'running' ? this.timings.probeIntervalMs : this.timings.readyPollMs;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.tick(generation);
    }, delayMs);
  }

  private async tick(generation: number): Promise<void> {
    const browser = this.browserValue;
    if (generation !== this.generation || !browser) return;
    const outcome = await this.probe(browser);
    if (generation !== this.generation) return;
    const now = this.options.clock.now();
    if (outcome.kind === 'timeout') {
      this.misses++;
      if (this.misses >= this.timings.missedProbes) {
        this.restart('unresponsive', `the page did not answer ${this.misses} probes in a row`);
        return;
      }
    } else {
      this.misses = 0;
    }
    const page = outcome.kind === 'answer' ? outcome.page : null;
    if (this.stateValue === 'waiting-ready') {
      if (page?.ready === 'home') this.becomeReady(now);
      else if (now >= this.readyDeadline) {
        this.restart('not-ready', `the kiosk page was not ready within ${seconds(this.timings.readyTimeoutMs)} (white screen)`);
        return;
      }
    } else if (page && page.ready !== 'home') {
      this.log('browser: the kiosk page was reloaded; waiting for it to be ready again');
      this.waitForReady(now);
    } else {
      if (this.failures > 0 && now - this.readySince >= this.timings.stableMs) this.failures = 0;
      if (page && this.nightlyRestartDue(now, page)) {
        this.restart('nightly', 'nightly restart');
        return;
      }
    }
    this.schedule(generation);
  }

  /** The probe, timed out by the watchdog's own timer: a hung page may never answer at all. */
  private probe(browser: BrowserProcess): Promise<ProbeOutcome> {
    return new Promise((resolve) => {
      const timer = this.timers.setTimeout(() => resolve({ kind: 'timeout' }), this.timings.probeTimeoutMs);
      browser.probe(this.timings.probeTimeoutMs).then(
        (page) => {
          this.timers.clearTimeout(timer);
          resolve({ kind: 'answer', page });
        },
        () => {
          // An error answer: the renderer is alive, between documents or busy navigating.
          this.timers.clearTimeout(timer);
          resolve({ kind: 'error' });
        },
      );
    });
  }

  private becomeReady(now: number): void {
    this.stateValue = 'running';
    this.readySince = now;
    const afterMs = now - this.startedAt;
    this.log(`browser: kiosk page ready (${seconds(afterMs)} after start)`);
    this.emit({ type: 'ready', afterMs });
  }

  private nightlyRestartDue(now: number, page: PageState): boolean {
    if (this.nextNightlyAt === null || now < this.nextNightlyAt) return false;
    if (page.session !== 'active') return true;
    if (now >= this.nextNightlyAt + this.timings.nightlyWindowMs) {
      this.log('browser: nightly restart skipped: a citizen session was active the whole window');
      this.emit({ type: 'nightly-skipped' });
      this.planNextNightly(now);
    } else if (!this.nightlyWaitReported) {
      this.nightlyWaitReported = true;
      this.log('browser: nightly restart waits for the citizen session to end');
      this.emit({ type: 'nightly-waiting' });
    }
    return false;
  }

  private planNextNightly(now: number): void {
    this.nextNightlyAt = nextWallTime(now, this.options.nightlyRestart!);
    this.nightlyWaitReported = false;
  }

  private restart(reason: RestartReason, detail: string): void {
    if (this.stateValue === 'stopped' || this.stateValue === 'backoff') return;
    const generation = ++this.generation;
    this.clearTimer();
    const planned = reason === 'nightly';
    if (!planned) this.failures++;
    const delayMs = planned ? 0 : backoffDelay(this.failures, this.timings.backoffInitialMs, this.timings.backoffMaxMs);
    this.stateValue = 'backoff';
    this.log(planned ? 'browser: nightly restart' : `browser: ${detail}; restarting Chromium in ${seconds(delayMs)} (failure ${this.failures} in a row)`);
    this.emit({ type: 'restart', reason, detail, delayMs });
    const browser = this.browserValue;
    this.browserValue = null;
    this.track((async () => {
      await browser?.kill().catch(() => {});
      if (generation !== this.generation) return;
      this.timer = this.timers.setTimeout(() => {
        this.timer = null;
        if (generation === this.generation) this.track(this.launch());
      }, delayMs);
    })());
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private emit(event: WatchdogEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
