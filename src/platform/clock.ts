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

/** The wall time for the status bar; it changes once a minute, when the displayed time does. */
export const wallTime = signal(clock.now());

const minuteOf = (ms: number) => Math.floor(ms / 60_000);

let ticking: ReturnType<typeof setInterval> | undefined;

export function startWallTime(): void {
  if (ticking !== undefined) return;
  // Checked every second so the minute turns over on time; assigned only when it does.
  ticking = setInterval(() => {
    const now = clock.now();
    if (minuteOf(now) !== minuteOf(wallTime.value)) wallTime.value = now;
  }, 1000);
}
