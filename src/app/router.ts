import { signal } from '@preact/signals';
import type { JourneyId } from './journeys/journeys.ts';
import { onSessionEnd } from './session/store.ts';

/**
 * Screens are switched in memory, not by URL: the kiosk has no address bar, and a back gesture
 * must never take a citizen out of a journey.
 */
export type ScreenId = 'home' | 'admin' | 'identify' | JourneyId;

export const screen = signal<ScreenId>('home');

export function navigate(to: ScreenId): void {
  screen.value = to;
}

onSessionEnd(() => navigate('home'));
