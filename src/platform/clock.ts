import { signal } from '@preact/signals';
import { clockFromPin, systemClock, type Clock } from '../core/clock.ts';

let current: Clock = systemClock;

/** The PWA's one clock. It follows KIOSK_NOW when the hall server reports a pinned time. */
export const clock: Clock = { now: () => current.now() };

/** Monotonic time for durations (idle timeouts): immune to the wall clock being set. */
export const monotonic: Clock = { now: () => performance.now() };

export function pinClock(pinnedNow: string | null): void {
  current = clockFromPin(pinnedNow, () => performance.now());
  wallTime.value = current.now();
}

/** The wall time, refreshed every second, for the status bar. */
export const wallTime = signal(clock.now());

let ticking: ReturnType<typeof setInterval> | undefined;

export function startWallTime(): void {
  if (ticking !== undefined) return;
  ticking = setInterval(() => {
    wallTime.value = clock.now();
  }, 1000);
}
