import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';
import { reloadKeepingBridge } from './bridge-launch.ts';

export type ServiceWorkerState = 'unsupported' | 'registering' | 'active' | 'installing' | 'waiting' | 'failed';

export const serviceWorkerState = signal<ServiceWorkerState>('registering');

let workbox: Workbox | null = null;
let reloadOnControl = false;

/**
 * Registers the precaching service worker. A new version never takes over by itself: it waits
 * (state 'waiting') until `applyWaitingUpdate` is called, which the app does only on the idle
 * home screen, so a citizen is never reloaded out of a journey.
 */
export async function registerServiceWorker(scriptUrl = '/sw.js'): Promise<void> {
  if (!('serviceWorker' in navigator)) {
    serviceWorkerState.value = 'unsupported';
    return;
  }
  workbox = new Workbox(scriptUrl);
  workbox.addEventListener('installing', (event) => {
    if (event.isUpdate || navigator.serviceWorker.controller) serviceWorkerState.value = 'installing';
  });
  workbox.addEventListener('waiting', () => {
    serviceWorkerState.value = 'waiting';
  });
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) serviceWorkerState.value = 'active';
  });
  // An update found long after registration is reported by workbox as "external"; the page
  // still has to reload to run the new code, so listen on the container itself.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloadOnControl) reloadKeepingBridge();
  });
  try {
    const registration = await workbox.register({ immediate: true });
    if (registration?.waiting && navigator.serviceWorker.controller) serviceWorkerState.value = 'waiting';
    else if (registration?.active) serviceWorkerState.value = 'active';
  } catch {
    serviceWorkerState.value = 'failed';
  }
}

/** Activates the waiting version; the page reloads once it controls the page. */
export function applyWaitingUpdate(): void {
  if (!workbox || serviceWorkerState.value !== 'waiting') return;
  reloadOnControl = true;
  workbox.messageSkipWaiting();
}

export async function checkForUpdate(): Promise<void> {
  try {
    await workbox?.update();
  } catch {
    // Offline: try again at the next check.
  }
}

/** Terminals run for months: look for a new version now and then, not only at start. */
const UPDATE_CHECK_INTERVAL_MS = 30 * 60 * 1000;

export function checkForUpdatesPeriodically(): void {
  setInterval(() => void checkForUpdate(), UPDATE_CHECK_INTERVAL_MS);
}
