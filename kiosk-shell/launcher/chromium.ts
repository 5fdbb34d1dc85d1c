/**
 * One real Chromium as a BrowserProcess: started on the kiosk profile with the DevTools pipe
 * (fds 3 and 4, no port for other local software to reach), its page attached as a flat
 * session, handed the bridge launch (bridge-handoff.ts) and navigated to the plain kiosk URL,
 * then probed with Runtime.evaluate. It reports the process exiting, the pipe closing, the page
 * closing and the renderer crashing.
 *
 * Chromium runs in its own process group, so kill() takes its helper processes (zygote,
 * renderers, GPU) along. Should the shell itself die, the pipe closes and Chromium quits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { giveProfileTo, type BrowserUser } from './browser-user.ts';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { BridgeLaunch } from '../../src/core/bridge-handoff.ts';
import { bridgeHandoffScript } from './bridge-handoff.ts';
import type { BrowserFailure, BrowserProcess, PageState } from './browser-process.ts';
import { CdpConnection, CdpError, type CdpEvent } from './cdp.ts';
import { chromiumArgs } from './chromium-args.ts';
import { writeKioskPreferences } from './kiosk-prefs.ts';
import { prepareProfile } from './profile.ts';

export const DEFAULT_START_TIMEOUT_MS = 30_000;
export const DEFAULT_KILL_GRACE_MS = 3000;
/** Kept of Chromium's stderr, for the message when it dies before DevTools answers (a missing library, a bad flag). */
const STDERR_TAIL_BYTES = 2048;
/** How long a closed pipe waits for the exit status, which says more (code, signal) in the log. */
const EXIT_AFTER_PIPE_CLOSE_MS = 1000;
/** Helpers inherit stderr and may hold it open after the browser exits: wait for its end only briefly. */
const STDERR_DRAIN_MS = 200;

const PROBE_EXPRESSION = `(() => {
  const data = document.documentElement ? document.documentElement.dataset : {};
  return { ready: data.ready ?? null, session: data.session ?? null };
})()`;

export interface ChromiumLaunchOptions {
  executable: string;
  profileDir: string;
  /** The kiosk page, without a fragment: Chromium writes the URLs it opens to the profile on disk. */
  url: string;
  /** Handed to every document of the kiosk origin over the pipe; never in a URL, a command line or a log. */
  bridgeLaunch?: BridgeLaunch;
  extraArgs?: readonly string[];
  /** For each DevTools command of the start; a cold start on a slow terminal PC takes seconds. */
  startTimeoutMs?: number;
  /** Between SIGTERM (Chromium saves its profile) and SIGKILL. */
  killGraceMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Run Chromium as this user (never the one who owns the device key); absent: as the shell's own user. */
  user?: BrowserUser;
  log?: (line: string) => void;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null } | { error: NodeJS.ErrnoException };

export class ChromiumBrowser implements BrowserProcess {
  private failure: BrowserFailure | null = null;
  private readonly failureListeners = new Set<(failure: BrowserFailure) => void>();
  private killed = false;
  private exit: Exit | null = null;
  private readonly exited: Promise<void>;
  private readonly stderrEnded: Promise<void>;
  private stderrTail = '';
  private sessionId = '';
  private targetId = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly cdp: CdpConnection,
    private readonly options: ChromiumLaunchOptions,
  ) {
    this.exited = new Promise((resolveExit) => {
      child.once('exit', (code, signal) => {
        this.exit ??= { code, signal };
        resolveExit();
      });
      child.once('error', (error) => {
        this.exit ??= { error };
        resolveExit();
      });
    });
    void this.exited.then(() => {
      this.signalGroup('SIGKILL');
      this.cdp.close('Chromium exited');
      this.fail({ kind: 'exited', detail: this.exitText() });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    this.stderrEnded = new Promise((resolveEnd) => {
      if (!child.stderr) resolveEnd();
      child.stderr?.once('end', resolveEnd).once('error', resolveEnd);
    });
    cdp.onEvent((event) => this.watch(event));
    cdp.onClose(() => {
      const timer = setTimeout(() => this.fail({ kind: 'exited', detail: 'the DevTools pipe closed' }), EXIT_AFTER_PIPE_CLOSE_MS).unref();
      void this.exited.then(() => clearTimeout(timer));
    });
  }

  static async launch(options: ChromiumLaunchOptions): Promise<ChromiumBrowser> {
    // A secret in the URL would land in History and Sessions (issue 13): refuse it before any start.
    if (new URL(options.url).hash) throw new Error('the kiosk URL must carry no fragment; the bridge launch goes over the DevTools pipe');
    const profileDir = resolve(options.profileDir);
    await prepareProfile(profileDir, options.log);
    await writeKioskPreferences(profileDir, options.log);
    const user = options.user;
    if (user) await giveProfileTo(profileDir, user);
    const env = options.env ?? process.env;
    const child = spawn(options.executable, chromiumArgs({ profileDir, extraArgs: options.extraArgs ?? [] }), {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
      // The browser's user has no business in the shell's home: its own files stay in its profile.
      ...(user ? { uid: user.uid, gid: user.gid, env: { ...env, HOME: profileDir } } : { env }),
    });
    const cdp = new CdpConnection(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const browser = new ChromiumBrowser(child, cdp, options);
    try {
      await Promise.race([browser.openKioskPage(), browser.exited.then(() => Promise.reject(new Error('exited')))]);
    } catch (error) {
      // The pipe closes a moment before the exit status and the last stderr lines arrive: they say more.
      if (error instanceof CdpError && error.kind === 'closed') await Promise.race([browser.exited, delay(EXIT_AFTER_PIPE_CLOSE_MS, null)]);
      if (browser.exit) await Promise.race([browser.stderrEnded, delay(STDERR_DRAIN_MS, null)]);
      const reason = browser.exit ? browser.exitText(true) : (error as Error).message;
      await browser.kill();
      throw new Error(reason);
    }
    return browser;
  }

  get pid(): number | null {
    return this.child.pid ?? null;
  }

  async probe(timeoutMs: number): Promise<PageState> {
    const reply = await this.cdp.send<{ result?: { value?: { ready?: unknown; session?: unknown } }; exceptionDetails?: unknown }>(
      'Runtime.evaluate',
      { expression: PROBE_EXPRESSION, returnByValue: true },
      { sessionId: this.sessionId, timeoutMs },
    );
    if (reply.exceptionDetails) throw new Error('the probe threw in the page');
    const value = reply.result?.value;
    return {
      ready: typeof value?.ready === 'string' ? value.ready : null,
      session: typeof value?.session === 'string' ? value.session : null,
    };
  }

  /** A DevTools command to the kiosk page (tests crash the renderer with Page.crash). */
  sendToPage(method: string, params: object = {}): Promise<Record<string, unknown>> {
    return this.cdp.send(method, params, { sessionId: this.sessionId });
  }

  onFailure(listener: (failure: BrowserFailure) => void): void {
    if (this.killed) return;
    if (this.failure) queueMicrotask(() => listener(this.failure!));
    else this.failureListeners.add(listener);
  }

  async kill(): Promise<void> {
    this.killed = true;
    this.failureListeners.clear();
    if (!this.exit) {
      this.signal('SIGTERM');
      const inTime = await Promise.race([this.exited.then(() => true), delay(this.options.killGraceMs ?? DEFAULT_KILL_GRACE_MS, false)]);
      if (!inTime) {
        this.options.log?.(`browser: Chromium (pid ${this.pid}) ignored SIGTERM; killing it`);
        this.signalGroup('SIGKILL');
        await this.exited;
      }
    }
    this.cdp.close();
    // Helpers that outlived the browser process, if any.
    this.signalGroup('SIGKILL');
  }

  /** Attaches to the page Chromium opened, hands it the bridge launch and navigates it to the kiosk URL. */
  private async openKioskPage(): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const send = <T extends object>(method: string, params: object = {}, sessionId?: string) =>
      this.cdp.send<T>(method, params, { timeoutMs, ...(sessionId ? { sessionId } : {}) });
    // Target events tell of a renderer crash or a closed page for the life of the browser.
    await send('Target.setDiscoverTargets', { discover: true });
    const { product } = await send<{ product?: string }>('Browser.getVersion');
    const { targetInfos } = await send<{ targetInfos: Array<{ targetId: string; type: string }> }>('Target.getTargets');
    this.targetId = targetInfos.find((target) => target.type === 'page')?.targetId
      ?? (await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })).targetId;
    this.sessionId = (await send<{ sessionId: string }>('Target.attachToTarget', { targetId: this.targetId, flatten: true })).sessionId;
    // Inspector.targetCrashed is only sent to a session that enabled the domain.
    await send('Inspector.enable', {}, this.sessionId);
    await this.grantCamera(send);
    // Registered before the first kiosk document exists (the page is still on about:blank), so
    // no Runtime.evaluate into an already loaded page is needed; every reload gets it again.
    if (this.options.bridgeLaunch) {
      const source = bridgeHandoffScript(new URL(this.options.url).origin, this.options.bridgeLaunch);
      // The renderer runs registered scripts only while the Page domain is enabled (measured:
      // without Page.enable the kiosk page never sees the global).
      await send('Page.enable', {}, this.sessionId);
      await send('Page.addScriptToEvaluateOnNewDocument', { source }, this.sessionId);
    }
    const navigation = await send<{ errorText?: string }>('Page.navigate', { url: this.options.url }, this.sessionId);
    if (navigation.errorText) throw new Error(`the kiosk page did not load (${navigation.errorText})`);
    this.options.log?.(`browser: ${product ?? 'Chromium'} started (pid ${this.pid})`);
  }

  /** The QR camera scanner must not raise a permission bubble on a kiosk; nothing else is granted. */
  private async grantCamera(send: (method: string, params: object) => Promise<object>): Promise<void> {
    try {
      await send('Browser.grantPermissions', { origin: new URL(this.options.url).origin, permissions: ['videoCapture'] });
    } catch (error) {
      this.options.log?.(`browser: camera permission not granted (${(error as Error).message})`);
    }
  }

  private watch(event: CdpEvent): void {
    const { method, params } = event;
    if (method === 'Inspector.targetCrashed' && event.sessionId === this.sessionId) {
      this.fail({ kind: 'crashed', detail: "the page's renderer crashed" });
    } else if (method === 'Target.targetCrashed' && params.targetId === this.targetId) {
      this.fail({ kind: 'crashed', detail: `the page's renderer crashed (${String(params.status ?? 'unknown')})` });
    } else if ((method === 'Target.targetDestroyed' && params.targetId === this.targetId)
      || (method === 'Target.detachedFromTarget' && params.sessionId === this.sessionId)) {
      this.fail({ kind: 'exited', detail: 'the kiosk page was closed' });
    }
  }

  private fail(failure: BrowserFailure): void {
    if (this.failure || this.killed) return;
    this.failure = failure;
    for (const listener of this.failureListeners) listener(failure);
    this.failureListeners.clear();
  }

  /** Chromium's last stderr line only for a start that failed: later it is page console noise, URLs included. */
  private exitText(withStderr = false): string {
    const exit = this.exit;
    if (!exit) return 'still running';
    if ('error' in exit) return `cannot run ${this.options.executable} (${exit.error.code ?? exit.error.message})`;
    const how = exit.signal ? `Chromium was ended by ${exit.signal}` : `Chromium exited with code ${exit.code}`;
    const lastLine = this.stderrTail.trim().split('\n').pop()?.trim();
    return withStderr && lastLine && exit.code !== 0 && !exit.signal ? `${how}: ${lastLine.slice(0, 300)}` : how;
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.pid === null) return;
    try {
      process.kill(this.pid, signal);
    } catch {
      // Already gone.
    }
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.pid === null) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // The group is empty: everything has exited.
    }
  }
}

export function launchChromium(options: ChromiumLaunchOptions): Promise<ChromiumBrowser> {
  return ChromiumBrowser.launch(options);
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolveDelay) => setTimeout(() => resolveDelay(value), ms).unref());
}
