import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** A portrait kiosk screen, as in the end-to-end tests. */
const VIEWPORT = { width: 1080, height: 1920 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh profile per measurement, so one measurement's caches never help another's. */
export function newKioskContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'allow', locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/** A DevTools session of our own on the page, for what Playwright has no API for. */
export function openDevTools(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/**
 * Slows the page's main thread the way DevTools does. Set on a new page before navigating, it
 * covers the whole startup: it survives the navigation into the page's own renderer (checked
 * with a busy loop when this harness was written).
 */
export async function throttleCpu(cdp: CDPSession, rate: number): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/**
 * Network off for this page. Playwright's context.setOffline already blocks requests, but once a
 * second DevTools session is attached, navigator.onLine reads true again; the app would then
 * start as "online" and the cold start would not be the offline one. Our session says offline too.
 */
export async function keepOffline(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/** startTime of a performance mark, which is ms since navigation start; waits until it is set. */
export function markTime(page: Page, name: string, timeoutMs = 30_000): Promise<number> {
  return page.evaluate(
    ([mark, timeout]) =>
      new Promise<number>((resolve, reject) => {
        const observer = new PerformanceObserver((list) => {
          const entry = list.getEntriesByName(mark)[0];
          if (!entry) return;
          observer.disconnect();
          resolve(entry.startTime);
        });
        observer.observe({ type: 'mark', buffered: true });
        setTimeout(() => reject(new Error(`mark ${mark} not set within ${timeout} ms`)), timeout);
      }),
    [name, timeoutMs] as const,
  );
}

/**
 * Opens the page online until its service worker has precached everything and controls the
 * page: from then on the page must start without any network.
 */
export async function installServiceWorker(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Neither worker claims open pages (clientsClaim: false): a reload is the first controlled load.
  await page.reload();
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) throw new Error(`the service worker of ${url} does not control the page after a reload`);
  await page.close();
}

/** Rejects if the promise has not settled in time, so a hung browser fails the harness. */
export function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Stops the origin's service worker and waits until it has stopped, so that a cold start
 * includes starting the worker, as after a terminal reboot.
 */
export async function stopServiceWorkers(cdp: CDPSession): Promise<void> {
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.every((version) => version.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await within(stopped, 10_000, 'stopping the service worker');
  await cdp.send('ServiceWorker.disable');
}
