import { effect, signal } from '@preact/signals';
import { applyWaitingUpdate, checkForUpdate, serviceWorkerState } from '../platform/service-worker.ts';
import { screen } from './router.ts';
import { sessionActive } from './session/store.ts';

/** Set by the admin's "update now": apply as soon as the new version is waiting. */
const forced = signal(false);

export async function forceUpdate(): Promise<void> {
  forced.value = true;
  await checkForUpdate();
}

/** A waiting version is applied only on the idle home screen, never in the middle of a journey. */
export function installUpdatePolicy(): void {
  effect(() => {
    if (serviceWorkerState.value !== 'waiting') return;
    if (forced.value || (screen.value === 'home' && !sessionActive.value)) applyWaitingUpdate();
  });
}
