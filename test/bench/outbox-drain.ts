/**
 * The kiosk's outbox in the real PWA in Chromium, against the real hall server (demo hall, SQLite
 * file in WAL mode, clock pinned to a working day):
 *
 * 1. Write: an enrolled kiosk on its home screen loses the hall (every /api/v1 request aborted,
 *    as when the hall server or the LAN to it is down; the loopback to kiosk-shell would stay
 *    up, so not a browser-wide offline), and under the write throttle the app's own `enqueue`
 *    (src/platform/outbox.ts, compiled from the same source by outbox-build.ts, evaluated in the
 *    page, sharing the app's IndexedDB and AES-GCM key) stores the cases one after the other,
 *    each timed. The app keeps running meanwhile, its sync loop trying the hall every 10 s, as
 *    on a terminal that is offline.
 * 2. Drain: the hall comes back (the block lifted just after one of the app's failed sync
 *    rounds, so the app notices at its next round) and the app's own sync loop (sync.ts →
 *    drainOutbox → sendQueuedCase → callHall) drains the outbox; the bench only watches the
 *    hall's database. Timed from the lift to the last case stored; then every case is checked
 *    on the hall by clientId.
 * 3. Where the time goes: the POST /api/v1/cases round trips as the page timed them (Resource
 *    Timing), the same requests on the hall from arrival to last byte, the page's main-thread
 *    time, and, in a page of the origin without the app, the app's drainOutbox over as many
 *    entries with a sender that acknowledges at once (getAll, decrypt, delete; no network).
 */
import SQLite from 'better-sqlite3';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { installServiceWorker, newKioskContext, openDevTools, throttleCpu } from './browser.ts';
import { scratchDatabase } from './databases.ts';
import { count, fineMs, ms, progress } from './format.ts';
import { startHallProcess, type HallProcess } from './hall-process.ts';
import type { OutboxFill, OutboxFillOrder, OutboxPage } from './outbox-page.ts';
import { DIST } from './paths.ts';
import { latencySummary, type LatencySummary } from './stats.ts';

export interface OutboxDrainPlan {
  cases: number;
  /** KIOSK_NOW: a working day in opening hours. */
  now: string;
  /** For the writes, as for the design's other PWA timings. */
  writeCpuRate: number;
  /** For the drain: the design names no throttle for it. */
  drainCpuRate: number;
  /** Writes shown apart at each end of the fill: into an empty outbox and into a full one. */
  edgeWrites: number;
  /** The drain is given up after this long; a result all the same. */
  maxDrainSeconds: number;
}

export interface OutboxWrites {
  all: LatencySummary;
  first: LatencySummary;
  last: LatencySummary;
  totalMs: number;
}

export interface OutboxDrain {
  plan: OutboxDrainPlan;
  write: OutboxWrites;
  depthAfterFill: number;
  /** Entries the app had tried while the hall was away, with the backoff left on each at the lift. */
  backedOff: { attempts: number; waitMs: number }[];
  /** From the lift: the first case stored; the last one but those held back (null: never); the last one; the outbox seen empty. */
  firstStoredMs: number | null;
  mainPassMs: number | null;
  allStoredMs: number | null;
  emptyMs: number | null;
  /** Entries still in backoff when the drain began: sent only at a later sync round. */
  heldBack: number;
  /** Stored cases over time after the lift, once a second: [ms, stored]. */
  progressSamples: [number, number][];
  /** The terminal's cases on the hall: of this fill, missing from it, not of it, stored twice; and the outbox left. */
  stored: { ofThisFill: number; missing: number; foreign: number; doubled: number; depthAtEnd: number };
  /** POST /api/v1/cases answered 2xx during the drain, as the page timed it (request start to response end). */
  roundTrip: LatencySummary | null;
  /** The same requests on the hall, from arrival to the last byte sent. */
  onHall: LatencySummary | null;
  /** The page's main thread busy (tasks of any kind) during the drain, per case stored. */
  pageMainThreadMsPerCase: number;
  /** The hall's process CPU during the drain, per case stored. */
  hallCpuMsPerCase: number;
  /** The app's drainOutbox without the network, per entry. */
  clientOnlyMsPerEntry: number;
}

const PEOPLE = Object.values(DEMO_PEOPLE).map(({ idNumber, name }) => ({ idNumber, name }));
const TERMINAL = 'bench-outbox';
const POLL_MS = 100;
const CASES_PATH = '/api/v1/cases';
/** The app sends queued cases in batches (POST /api/v1/cases/batch), a single one when a batch is refused whole. */
const BATCH_PATH = '/api/v1/cases/batch';
const isCasePost = (pathname: string) => pathname === CASES_PATH || pathname === BATCH_PATH;

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

// No named functions inside the page functions below: tsx would wrap them in a helper the page lacks.
type WithOutbox = { kioskBenchOutbox: OutboxPage };

/** Over DevTools, not as a <script>: the hall's CSP allows no inline script, and DevTools is not subject to it. */
async function loadOutboxPage(cdp: CDPSession, script: string): Promise<void> {
  const { exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: script });
  if (exceptionDetails) throw new Error(`the outbox page script failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
}

async function openEnrolledKiosk(page: Page, hall: HallProcess): Promise<void> {
  await page.goto(`${hall.url}#enroll=${await hall.enrollmentCode(TERMINAL)}`);
  await page.waitForSelector('html[data-ready="home"]');
  await page.waitForSelector('html[data-terminal="enrolled"]');
  await page.waitForLoadState('networkidle');
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) throw new Error('the service worker does not control the enrolled kiosk');
}

/** Every hall request aborted as unreachable; returns the times of the app's attempts to send a case. */
async function blockHall(context: BrowserContext): Promise<number[]> {
  const caseAttempts: number[] = [];
  await context.route('**/api/v1/**', (route) => {
    const request = route.request();
    if (request.method() === 'POST' && isCasePost(new URL(request.url()).pathname)) caseAttempts.push(performance.now());
    return route.abort('internetdisconnected');
  });
  return caseAttempts;
}

/** Lifts the block just after one of the app's sync rounds failed to send a case: the next round is a whole interval away. */
async function liftAfterFailedRound(context: BrowserContext, caseAttempts: number[]): Promise<number> {
  const seen = caseAttempts.length;
  const giveUpAt = performance.now() + 30_000;
  while (caseAttempts.length === seen) {
    if (performance.now() > giveUpAt) throw new Error('the app did not try to send a case within 30 s while the hall was away');
    await sleep(20);
  }
  // No route left: Playwright stops intercepting, so the drain's requests take the browser's own path.
  await context.unrouteAll({ behavior: 'wait' });
  return performance.now();
}

/** The outbox entries the app has tried, read straight from IndexedDB. */
const triedEntries = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ attempts: number; waitMs: number }[]>((resolve, reject) => {
        const open = indexedDB.open('kiosk24');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').getAll();
          request.onsuccess = () => {
            const now = Date.now();
            const records = request.result as { attempts: number; nextAttemptAt: number }[];
            resolve(records.filter((record) => record.attempts > 0).map((record) => ({ attempts: record.attempts, waitMs: Math.max(0, record.nextAttemptAt - now) })));
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );

const depthOf = (page: Page) => page.evaluate(() => (window as unknown as WithOutbox).kioskBenchOutbox.depth());

/** The hall's database, read beside the hall (WAL: a reader never holds up its writes). */
interface CaseReader {
  stored(): number;
  clientIds(): string[];
  close(): void;
}

function readCases(file: string, terminalName: string): CaseReader {
  const database = new SQLite(file, { readonly: true });
  const { id } = database.prepare('SELECT id FROM terminals WHERE name = ?').get(terminalName) as { id: string };
  const stored = database.prepare('SELECT count(*) AS n FROM cases WHERE terminal_id = ?');
  const clientIds = database.prepare('SELECT client_id FROM cases WHERE terminal_id = ?');
  return {
    stored: () => (stored.get(id) as { n: number }).n,
    clientIds: () => (clientIds.all(id) as { client_id: string }[]).map((row) => row.client_id),
    close: () => database.close(),
  };
}

interface Watched {
  samples: [number, number][];
  emptyMs: number | null;
}

/**
 * Polls the hall's database every POLL_MS, and the page's outbox once a second (asking costs the
 * page work), until every case is stored and the outbox is empty, or time is up.
 */
async function watchDrain(page: Page, cases: CaseReader, liftedAt: number, plan: OutboxDrainPlan): Promise<Watched> {
  const watched: Watched = { samples: [], emptyMs: null };
  let lastDepthAt = -Infinity;
  for (;;) {
    const elapsed = performance.now() - liftedAt;
    const stored = cases.stored();
    watched.samples.push([elapsed, stored]);
    if (stored >= plan.cases || elapsed - lastDepthAt >= 1000) {
      lastDepthAt = elapsed;
      if ((await depthOf(page)) === 0) watched.emptyMs ??= performance.now() - liftedAt;
    }
    if ((watched.emptyMs !== null && stored >= plan.cases) || elapsed > plan.maxDrainSeconds * 1000) return watched;
    // Emptied with cases missing (refused for good): nothing more will come.
    if (watched.emptyMs !== null && elapsed - watched.emptyMs > 2000) return watched;
    await sleep(POLL_MS);
  }
}

/** The first sample of each second, and the last one. */
function oncePerSecond(samples: [number, number][]): [number, number][] {
  const kept: [number, number][] = [];
  for (const [index, [elapsed, stored]] of samples.entries()) {
    if (index === samples.length - 1 || Math.floor(elapsed / 1000) > Math.floor((kept.at(-1)?.[0] ?? -1000) / 1000)) kept.push([Math.round(elapsed), stored]);
  }
  return kept;
}

const firstAt = (samples: [number, number][], level: number): number | null => samples.find(([, stored]) => stored >= level)?.[0] ?? null;

function storedOfFill(cases: CaseReader, clientIds: readonly string[]) {
  const rows = cases.clientIds();
  const stored = new Set(rows);
  const ours = new Set(clientIds);
  const ofThisFill = [...ours].filter((id) => stored.has(id)).length;
  return { ofThisFill, missing: ours.size - ofThisFill, foreign: [...stored].filter((id) => !ours.has(id)).length, doubled: rows.length - stored.size };
}

const answeredRoundTrips = (page: Page) =>
  page.evaluate(
    (path) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => new URL(entry.name).pathname === path && entry.responseStatus >= 200 && entry.responseStatus < 300)
        .map((entry) => entry.duration),
    BATCH_PATH,
  );

async function mainThreadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;
}

/**
 * The client's own share per entry: the app's drainOutbox over as many entries, in a page of the
 * kiosk's origin where the app does not run (its icon, from the precache), so that no sync round
 * of the app competes for the entries; throttled like the drain.
 */
async function clientOnlyDrain(context: BrowserContext, hall: HallProcess, script: string, plan: OutboxDrainPlan): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`${hall.url}icon.svg`);
    const cdp = await openDevTools(page);
    await loadOutboxPage(cdp, script);
    await page.evaluate((order) => (window as unknown as WithOutbox).kioskBenchOutbox.fill(order).then(() => undefined), fillOrder(plan));
    await throttleCpu(cdp, plan.drainCpuRate);
    const { sent, ms: drained } = await page.evaluate(() => (window as unknown as WithOutbox).kioskBenchOutbox.drainWithoutNetwork());
    if (sent !== plan.cases) throw new Error(`the client-only drain acknowledged ${sent} of ${plan.cases} entries`);
    return drained / sent;
  } finally {
    await page.close();
  }
}

const fillOrder = (plan: OutboxDrainPlan): OutboxFillOrder => ({ cases: plan.cases, people: PEOPLE, submittedAt: new Date(Date.parse(plan.now)).toISOString() });

async function fillWhileAway(page: Page, cdp: CDPSession, plan: OutboxDrainPlan): Promise<{ fill: OutboxFill; write: OutboxWrites }> {
  await throttleCpu(cdp, plan.writeCpuRate);
  const fill = await page.evaluate((order) => (window as unknown as WithOutbox).kioskBenchOutbox.fill(order), fillOrder(plan));
  await throttleCpu(cdp, plan.drainCpuRate);
  const writeMs = fill.writeMs;
  const write = {
    all: latencySummary(writeMs)!,
    first: latencySummary(writeMs.slice(0, plan.edgeWrites))!,
    last: latencySummary(writeMs.slice(-plan.edgeWrites))!,
    totalMs: writeMs.reduce((sum, value) => sum + value, 0),
  };
  progress(`outbox: write p50 ${fineMs(write.all.p50)}, p99 ${fineMs(write.all.p99)}, max ${fineMs(write.all.max)}; depth ${count(fill.depth)}`);
  return { fill, write };
}

type Drained = Omit<OutboxDrain, 'plan' | 'write' | 'depthAfterFill' | 'clientOnlyMsPerEntry' | 'stored'>;

/** From the lift of the block to the outbox emptied (or time up), with what the page and the hall did meanwhile. */
async function drainAfterReconnect(context: BrowserContext, page: Page, cdp: CDPSession, hall: HallProcess, cases: CaseReader, caseAttempts: number[], plan: OutboxDrainPlan): Promise<Drained> {
  await page.evaluate(() => {
    performance.setResourceTimingBufferSize(1_000_000);
    performance.clearResourceTimings();
  });
  await cdp.send('Performance.enable');
  await hall.meterStart();
  progress('outbox: waiting for a failed sync round of the app, then the hall comes back');
  const liftedAt = await liftAfterFailedRound(context, caseAttempts);
  const [backedOff, busyBefore] = await Promise.all([triedEntries(page), mainThreadSeconds(cdp)]);
  progress(`outbox: ${backedOff.length} entries in backoff (${backedOff.map((entry) => ms(entry.waitMs)).join(', ') || 'none'}); draining (${plan.drainCpuRate}× CPU)`);
  const watched = await watchDrain(page, cases, liftedAt, plan);
  const busy = (await mainThreadSeconds(cdp)) - busyBefore;
  const onHall = await hall.meterStop();
  const firstStoredMs = firstAt(watched.samples, 1);
  // An entry still waiting out its backoff when the drain began is skipped by it.
  const heldBack = backedOff.filter((entry) => firstStoredMs !== null && entry.waitMs > firstStoredMs).length;
  const stored = watched.samples.at(-1)?.[1] ?? 0;
  return {
    backedOff,
    firstStoredMs,
    mainPassMs: firstAt(watched.samples, plan.cases - heldBack),
    allStoredMs: firstAt(watched.samples, plan.cases),
    emptyMs: watched.emptyMs,
    heldBack,
    progressSamples: oncePerSecond(watched.samples),
    roundTrip: latencySummary(await answeredRoundTrips(page)),
    onHall: latencySummary(onHall.durationsMs),
    pageMainThreadMsPerCase: (busy * 1000) / Math.max(1, stored),
    hallCpuMsPerCase: onHall.cpuUs / 1000 / Math.max(1, stored),
  };
}

/** The script is outbox-build.ts's; the hall is a fresh one on a SQLite file of its own, in a process of its own. */
export async function measureOutboxDrain(browser: Browser, script: string, plan: OutboxDrainPlan): Promise<OutboxDrain> {
  const database = await scratchDatabase('sqlite', 'outbox');
  try {
    const hall = await startHallProcess({ databaseUrl: database.url, webRoot: DIST, now: plan.now, timed: { method: 'POST', path: BATCH_PATH } });
    try {
      return await measureOnHall(browser, script, plan, hall, database.file!);
    } finally {
      await hall.close();
    }
  } finally {
    await database.drop();
  }
}

async function measureOnHall(browser: Browser, script: string, plan: OutboxDrainPlan, hall: HallProcess, databaseFile: string): Promise<OutboxDrain> {
  const context = await newKioskContext(browser);
  let cases: CaseReader | null = null;
  try {
    await installServiceWorker(context, hall.url);
    const page = await context.newPage();
    await openEnrolledKiosk(page, hall);
    cases = readCases(databaseFile, TERMINAL);
    const caseAttempts = await blockHall(context);
    const cdp = await openDevTools(page);
    await loadOutboxPage(cdp, script);
    progress(`outbox: ${count(plan.cases)} cases written with the hall away (${plan.writeCpuRate}× CPU)`);
    const { fill, write } = await fillWhileAway(page, cdp, plan);
    const drained = await drainAfterReconnect(context, page, cdp, hall, cases, caseAttempts, plan);
    const stored = { ...storedOfFill(cases, fill.clientIds), depthAtEnd: await depthOf(page) };
    progress(
      `outbox: first case stored after ${drained.firstStoredMs === null ? '—' : ms(drained.firstStoredMs)}, all after ${drained.allStoredMs === null ? 'never' : ms(drained.allStoredMs)}; ` +
        `stored ${count(stored.ofThisFill)} of ${count(plan.cases)}, ${stored.doubled} doubled, ${stored.depthAtEnd} left in the outbox`,
    );
    await page.close();
    const clientOnlyMsPerEntry = await clientOnlyDrain(context, hall, script, plan);
    progress(`outbox: the app's drain without the network: ${fineMs(clientOnlyMsPerEntry)} per entry`);
    return { plan, write, depthAfterFill: fill.depth, ...drained, stored, clientOnlyMsPerEntry };
  } finally {
    cases?.close();
    await context.close();
  }
}
