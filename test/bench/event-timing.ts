import type { Page } from 'playwright-core';

/** What the bench keeps of an Event Timing entry (interactionId is not in TypeScript's DOM lib yet). */
export interface EventEntry {
  name: string;
  startTime: number;
  duration: number;
  interactionId: number;
}

/** Event Timing's smallest threshold: shorter events are not reported at all. */
export const EVENT_THRESHOLD_MS = 16;

type EntryStore = { __benchEvents: EventEntry[] };

/**
 * Records every event of at least 16 ms into the page, from page start on (buffered). An
 * entry's duration runs from the input to the next paint after its handlers ran, so for a
 * tap that switches screens it covers rendering the new screen.
 */
export async function recordEventTiming(page: Page): Promise<void> {
  await page.evaluate((threshold) => {
    const store = window as unknown as EntryStore;
    store.__benchEvents = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as EventEntry[]) {
        const { name, startTime, duration, interactionId } = entry;
        store.__benchEvents.push({ name, startTime, duration, interactionId: interactionId ?? 0 });
      }
    }).observe({ type: 'event', buffered: true, durationThreshold: threshold } as PerformanceObserverInit);
  }, EVENT_THRESHOLD_MS);
}

/** Entries arrive after their frame is presented: give them a few frames and a moment. */
export async function recordedEvents(page: Page): Promise<EventEntry[]> {
  return page.evaluate(async () => {
    for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => setTimeout(resolve, 500));
    return (window as unknown as EntryStore).__benchEvents;
  });
}

/**
 * The screen changes on release: a tap's latency is its pointerup/click to the next paint.
 * pointerdown is left out, its duration also spans the time the finger rests on the glass.
 */
const RELEASE_EVENTS = new Set(['pointerup', 'click']);

/** The duration of the tap released in [from, to), the longest of its release events; null when under 16 ms. */
export function interactionDuration(entries: readonly EventEntry[], from: number, to: number): number | null {
  const durations = entries
    .filter((entry) => RELEASE_EVENTS.has(entry.name) && entry.interactionId > 0 && entry.startTime >= from && entry.startTime < to)
    .map((entry) => entry.duration);
  return durations.length === 0 ? null : Math.max(...durations);
}
