import type { Browser, CDPSession, Page } from 'playwright-core';
import { newKioskContext, openDevTools } from './browser.ts';
import { mb, progress, signedMb } from './format.ts';
import { citizenSession, markersLeft, runSessionsInPage, type SoakStep } from './soak-session.ts';

export interface MemorySnapshot {
  heapUsedBytes: number;
  nodes: number;
  documents: number;
  jsEventListeners: number;
}

export interface Soak {
  sessions: number;
  before: MemorySnapshot;
  /** After the first `halfway` sessions: growth in the second half tells a steady leak from one-time settling. */
  middle: MemorySnapshot;
  halfway: number;
  after: MemorySnapshot;
  /** Markers of earlier citizens still in the page (markup, text, field values). */
  markersLeft: string[];
  /** What the next citizen finds in the case number field; must be empty. */
  nextCitizenSees: string;
  durationMs: number;
}

/** Sessions per page.evaluate: keeps each call short and gives a progress line now and then. */
const BATCH = 250;

/** Full GCs, a few in a row: one pass can leave garbage that only the next finds (weak refs, DOM wrappers). */
async function collectGarbage(cdp: CDPSession): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function snapshot(cdp: CDPSession): Promise<MemorySnapshot> {
  await collectGarbage(cdp);
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { heapUsedBytes: heap.usedSize, nodes: dom.nodes, documents: dom.documents, jsEventListeners: dom.jsEventListeners };
}

async function runSessions(page: Page, first: number, count: number): Promise<void> {
  for (let start = first; start < first + count; start += BATCH) {
    const sessions: SoakStep[][] = [];
    for (let index = start; index < Math.min(start + BATCH, first + count); index++) sessions.push(citizenSession(index));
    await runSessionsInPage(page, sessions);
    progress(`soak: sessions ${start + 1}–${start + sessions.length} done`);
  }
}

/** After everything, the next citizen opens the same journey: the field must be empty. */
async function nextCitizenSees(page: Page): Promise<string> {
  await runSessionsInPage(page, [[{ tap: '[data-testid="tile-progress"]' }, { expectScreen: 'progress' }]]);
  const value = await page.inputValue('[data-testid="case-number"]');
  await runSessionsInPage(page, [[{ tap: '[data-testid="nav-exit"]' }, { expectScreen: 'home' }]]);
  return value;
}

/**
 * Many citizens in a row on one page, no throttling: after full GCs, the JS heap and the DOM
 * must be where they were before, and nothing a citizen typed may remain.
 */
export async function measureSoak(browser: Browser, url: string, sessions: number, warmup: number): Promise<Soak> {
  const context = await newKioskContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="home"]');
    const cdp = await openDevTools(page);
    const started = performance.now();
    await runSessions(page, 0, warmup);
    const before = await snapshot(cdp);
    const halfway = Math.floor(sessions / 2);
    await runSessions(page, warmup, halfway);
    const middle = await snapshot(cdp);
    await runSessions(page, warmup + halfway, sessions - halfway);
    const after = await snapshot(cdp);
    const durationMs = performance.now() - started;
    const growth = signedMb(after.heapUsedBytes - before.heapUsedBytes);
    progress(`soak: heap ${mb(before.heapUsedBytes)} → ${mb(middle.heapUsedBytes)} → ${mb(after.heapUsedBytes)} (${growth})`);
    progress(`soak: DOM nodes ${before.nodes} → ${middle.nodes} → ${after.nodes}, in ${Math.round(durationMs / 1000)} s`);
    return { sessions, before, middle, halfway, after, markersLeft: await markersLeft(page), nextCitizenSees: await nextCitizenSees(page), durationMs };
  } finally {
    await context.close();
  }
}
