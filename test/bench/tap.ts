import type { Browser, Page } from 'playwright-core';
import { JOURNEY_IDS } from '../../src/app/journeys/journeys.ts';
import { newKioskContext, openDevTools, throttleCpu } from './browser.ts';
import { interactionDuration, recordEventTiming, recordedEvents } from './event-timing.ts';
import { progress, tapMs } from './format.ts';
import { percentileOrBelow } from './stats.ts';

export interface TapSample {
  /** data-testid of the tapped control. */
  target: string;
  /** null: under Event Timing's 16 ms threshold. */
  durationMs: number | null;
}

export interface TapSeries {
  samples: TapSample[];
  p75Ms: number | null;
  maxMs: number | null;
}

export interface Taps {
  /** Home tile → journey screen. */
  tiles: TapSeries;
  /** Toolbar "home" → home screen. */
  home: TapSeries;
}

interface PendingTap {
  target: string;
  startedAt: number;
}

/** A real (CDP) tap on a control, then wait until the screen it leads to is there. */
async function tap(page: Page, testId: string, screen: string): Promise<PendingTap> {
  const startedAt = await page.evaluate(() => performance.now());
  await page.click(`[data-testid="${testId}"]`);
  await page.waitForSelector(`[data-screen="${screen}"]`);
  return { target: testId, startedAt };
}

function series(samples: TapSample[]): TapSeries {
  const durations = samples.map((sample) => sample.durationMs);
  return { samples, p75Ms: percentileOrBelow(durations, 75), maxMs: percentileOrBelow(durations, 100) };
}

/** Each tap's interaction is the one that started between its own start and the next tap's. */
async function attribute(taps: PendingTap[], page: Page): Promise<TapSample[]> {
  const entries = await recordedEvents(page);
  return taps.map((pending, index) => ({
    target: pending.target,
    durationMs: interactionDuration(entries, pending.startedAt, taps[index + 1]?.startedAt ?? Number.POSITIVE_INFINITY),
  }));
}

/**
 * Taps every home tile `rounds` times under CPU throttling, going back home between taps, and
 * measures each tap from input to the next paint with the Event Timing API.
 */
export async function measureTaps(browser: Browser, url: string, rounds: number, cpuRate: number): Promise<Taps> {
  const context = await newKioskContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="home"]');
    await recordEventTiming(page);
    // Throttled from here on: the taps are measured, the page load before them is not.
    await throttleCpu(await openDevTools(page), cpuRate);
    const taps: PendingTap[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const journey of JOURNEY_IDS) {
        taps.push(await tap(page, `tile-${journey}`, journey));
        taps.push(await tap(page, 'nav-home', 'home'));
      }
    }
    const samples = await attribute(taps, page);
    progress(`taps: ${samples.map((sample) => `${sample.target} ${tapMs(sample.durationMs)}`).join(', ')}`);
    return {
      tiles: series(samples.filter((sample) => sample.target !== 'nav-home')),
      home: series(samples.filter((sample) => sample.target === 'nav-home')),
    };
  } finally {
    await context.close();
  }
}
