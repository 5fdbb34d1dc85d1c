/**
 * What the watchdog knows of a browser: it can be started, probed, killed, and it reports when
 * it goes away. Chromium implements it for real (chromium.ts); tests implement it in a few
 * lines to play exits, hangs and white screens without a browser.
 */

/** The page's own report, read from `<html data-ready data-session>`. */
export interface PageState {
  /** `home` once the PWA has painted its home screen; null before (or on a page that is not the PWA). */
  ready: string | null;
  /** `active` while a citizen session runs. */
  session: string | null;
}

export interface BrowserFailure {
  /** `exited`: the process, the DevTools pipe or the page is gone; `crashed`: the page's renderer died. */
  kind: 'exited' | 'crashed';
  /** For the log: exit code, signal, crash status. Never the URL. */
  detail: string;
}

export interface BrowserProcess {
  readonly pid: number | null;
  /**
   * Reads the page state. Rejects when the page answers with an error (it is alive, but
   * between documents); may never settle when the page hangs: the watchdog times it out.
   * `timeoutMs` lets an implementation drop its own bookkeeping for an unanswered probe.
   */
  probe(timeoutMs: number): Promise<PageState>;
  /** Called at most once; a failure that came before the listener was added is reported to it at once. */
  onFailure(listener: (failure: BrowserFailure) => void): void;
  /** Ends the browser and everything it started; resolves once it is gone. No failure is reported after. */
  kill(): Promise<void>;
}

export type LaunchBrowser = () => Promise<BrowserProcess>;
