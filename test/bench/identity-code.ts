/**
 * Identity-code verification in the PWA, under the design's CPU throttle: an enrolled kiosk that
 * has cached the provider keys is shown fresh codes of the demo provider, one per visit, from a
 * keyboard-wedge scanner, and the app's own performance measure of each offline check is read
 * (IDENTITY_CODE_MEASURE in src/app/identify/store.ts: the ES256 signature check with jose and
 * the replay record in IndexedDB). The first code of the page is reported apart, with the app's
 * load measure added: it also loads and compiles the verifier and jose chunks.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { dispatchWedgeScan } from '../e2e/wedge.ts';
import { installServiceWorker, newKioskContext, openDevTools, throttleCpu, within } from './browser.ts';
import { fineMs, progress } from './format.ts';
import type { HallServer } from './servers.ts';
import { latencySummary, type LatencySummary } from './stats.ts';

/** IDENTITY_CODE_MEASURE of src/app/identify/store.ts, by value: importing the app would bring Preact into the bench. */
const IDENTITY_CODE_MEASURE = 'kiosk24:identity-code-check';
/** IDENTITY_CODE_LOAD_MEASURE: loading the verifier and jose, which only the first code waits for. */
const IDENTITY_CODE_LOAD_MEASURE = 'kiosk24:identity-code-load';

export interface IdentityCodeCheck {
  /** The page's first code: includes loading the verifier and jose. */
  firstMs: number;
  /** Every later code, each in a visit of its own. */
  warm: LatencySummary;
  rounds: number;
  /** Codes that identified the citizen (the rest were refused: a harness problem, the figures would not be the success path). */
  accepted: number;
  refusals: string[];
  /** Scripts the first code fetched (the lazy chunks). */
  lazyChunks: string[];
}

const PEOPLE = Object.values(DEMO_PEOPLE);
interface WatchedMeasures {
  durations: number[];
  waiters: Array<{ index: number; resolve: (duration: number) => void }>;
}

// No named functions inside the page functions below: tsx would wrap them in a helper the page lacks.

/** Keeps every identity-code measure of the page and lets the bench wait for the next one without polling the page. */
async function watchMeasures(page: Page): Promise<void> {
  await page.evaluate((name) => {
    const watched: WatchedMeasures = { durations: [], waiters: [] };
    (window as unknown as { codeChecks: WatchedMeasures }).codeChecks = watched;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntriesByName(name)) watched.durations.push(entry.duration);
      watched.waiters = watched.waiters.filter((waiter) => (waiter.index < watched.durations.length ? (waiter.resolve(watched.durations[waiter.index]!), false) : true));
    }).observe({ type: 'measure', buffered: true });
  }, IDENTITY_CODE_MEASURE);
}

const measuresSoFar = (page: Page) => page.evaluate(() => (window as unknown as { codeChecks: WatchedMeasures }).codeChecks.durations.length);

/** The duration of measure number `index` (0-based), once the page has recorded it. */
function measureAt(page: Page, index: number): Promise<number> {
  return page.evaluate(
    (i) =>
      new Promise<number>((resolve) => {
        const watched = (window as unknown as { codeChecks: WatchedMeasures }).codeChecks;
        if (i < watched.durations.length) resolve(watched.durations[i]!);
        else watched.waiters.push({ index: i, resolve });
      }),
    index,
  );
}

/** The kiosk's IndexedDB has the provider keys the server published. */
function providersCached(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('kiosk24');
        open.onsuccess = () => {
          const names = open.result.objectStoreNames;
          if (!names.contains('settings')) return resolve(false);
          const request = open.result.transaction('settings').objectStore('settings').get('identityProviders');
          request.onsuccess = () => resolve(Boolean(request.result));
          request.onerror = () => resolve(false);
        };
        open.onerror = () => resolve(false);
      }),
  );
}

/**
 * Enrolled as a technician does (`#enroll=`), in a profile whose service worker is installed, as
 * on a terminal that has been running: the lazy chunks come from the precache, not the network.
 * Ready when the provider keys are cached and the start-up requests are over.
 */
async function openEnrolledKiosk(page: Page, hall: HallServer): Promise<void> {
  await page.goto(`${hall.url}#enroll=${await hall.enrollmentCode('bench-identity-code')}`);
  await page.waitForSelector('html[data-ready="home"]');
  await page.waitForSelector('html[data-terminal="enrolled"]');
  await within(
    (async () => {
      while (!(await providersCached(page))) await page.waitForTimeout(100);
    })(),
    30_000,
    'caching the identity providers',
  );
  await page.waitForLoadState('networkidle');
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) throw new Error('the service worker does not control the enrolled kiosk');
}

/** One visit: a fresh code scanned on the home screen, its check's duration, then the citizen leaves. */
async function oneCode(page: Page, cdp: CDPSession, hall: HallServer, round: number): Promise<{ durationMs: number; refusal: string | null }> {
  const person = PEOPLE[round % PEOPLE.length]!;
  const code = await hall.mintCode({ subject: person.idNumber, name: person.name });
  const before = await measuresSoFar(page);
  await dispatchWedgeScan(cdp, code);
  const durationMs = await within(measureAt(page, before), 30_000, `the check of identity code ${round + 1}`);
  const outcome = await page.waitForSelector('[data-testid="identified"], [data-testid="code-refused"]');
  const refusal = (await outcome.getAttribute('data-testid')) === 'code-refused' ? ((await outcome.getAttribute('data-reason')) ?? 'unknown') : null;
  await page.click('[data-testid="nav-exit"]');
  await page.waitForSelector('html[data-session="none"] [data-screen="home"]');
  return { durationMs, refusal };
}

/** `rounds` codes after the first one, each in a visit of its own, on one page throttled `cpuRate`×. */
export async function measureIdentityCodeCheck(browser: Browser, hall: HallServer, rounds: number, cpuRate: number): Promise<IdentityCodeCheck> {
  const context = await newKioskContext(browser);
  try {
    await installServiceWorker(context, hall.url);
    const page = await context.newPage();
    await openEnrolledKiosk(page, hall);
    await watchMeasures(page);
    const scriptsBefore = new Set(await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)));
    const cdp = await openDevTools(page);
    await throttleCpu(cdp, cpuRate);
    const durations: number[] = [];
    const refusals: string[] = [];
    for (let round = 0; round <= rounds; round++) {
      const { durationMs, refusal } = await oneCode(page, cdp, hall, round);
      durations.push(durationMs);
      if (refusal) refusals.push(refusal);
      if (round === 0) progress(`identity code: first check ${fineMs(durationMs)}`);
    }
    const lazyChunks = (await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)))
      .filter((name) => !scriptsBefore.has(name) && name.endsWith('.js'))
      .map((name) => new URL(name).pathname);
    const warm = latencySummary(durations.slice(1))!;
    progress(`identity code: ${rounds} more, p50 ${fineMs(warm.p50)}, max ${fineMs(warm.max)}; refused ${refusals.length}`);
    const firstLoadMs = await page.evaluate((name) => performance.getEntriesByName(name)[0]?.duration ?? 0, IDENTITY_CODE_LOAD_MEASURE);
    return { firstMs: firstLoadMs + durations[0]!, warm, rounds, accepted: durations.length - refusals.length, refusals, lazyChunks };
  } finally {
    await context.close();
  }
}
