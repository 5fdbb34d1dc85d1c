import type { Browser, BrowserContext } from 'playwright-core';
import { installServiceWorker, keepOffline, markTime, newKioskContext, openDevTools, stopServiceWorkers, throttleCpu } from './browser.ts';
import { progress } from './format.ts';
import { median } from './stats.ts';

export interface ColdStart {
  medianMs: number;
  samplesMs: number[];
}

export interface ColdStartTarget {
  label: string;
  url: string;
  /** The performance mark the page sets when it can be used. */
  mark: string;
}

/**
 * One offline cold start: a new page (a new renderer, nothing in memory), the service worker
 * stopped, the CPU throttled before navigation, the network off. Returns ms from navigation
 * start to the page's interactive mark.
 */
async function coldStartOnce(context: BrowserContext, target: ColdStartTarget, cpuRate: number): Promise<number> {
  const page = await context.newPage();
  try {
    const cdp = await openDevTools(page);
    await keepOffline(cdp);
    await stopServiceWorkers(cdp);
    await throttleCpu(cdp, cpuRate);
    await page.goto(target.url);
    const time = await markTime(page, target.mark);
    const served = await page.evaluate(() => ({ offline: !navigator.onLine, controlled: navigator.serviceWorker.controller !== null }));
    if (!served.offline || !served.controlled) {
      throw new Error(`${target.label}: expected an offline page served by its service worker, got ${JSON.stringify(served)}`);
    }
    await cdp.detach();
    return time;
  } finally {
    await page.close();
  }
}

/** Median over several cold starts, in one browser profile that has the page installed. */
export async function measureColdStart(browser: Browser, target: ColdStartTarget, runs: number, cpuRate: number): Promise<ColdStart> {
  const context = await newKioskContext(browser);
  try {
    await installServiceWorker(context, target.url);
    await context.setOffline(true);
    const samplesMs: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const time = await coldStartOnce(context, target, cpuRate);
      progress(`cold start ${target.label} #${run}: ${Math.round(time)} ms`);
      samplesMs.push(time);
    }
    return { medianMs: median(samplesMs), samplesMs };
  } finally {
    await context.close();
  }
}
