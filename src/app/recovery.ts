import { signal } from '@preact/signals';
import { reloadKeepingBridge } from '../platform/bridge-launch.ts';
import { endSession } from './session/store.ts';

/**
 * An uncaught error never shows a stack trace: the citizen sees "please wait", and the terminal
 * returns to a fresh home screen. Errors that keep coming back get a full reload instead.
 */
export const recovering = signal(false);

const RECOVERY_DELAY_MS = 3000;
const RELOAD_AFTER_RECOVERIES = 3;
const RECOVERY_WINDOW_MS = 60_000;
let recentRecoveries: number[] = [];

export function recoverFromError(): void {
  if (recovering.value) return;
  recovering.value = true;
  const now = performance.now();
  recentRecoveries = [...recentRecoveries.filter((at) => now - at < RECOVERY_WINDOW_MS), now];
  setTimeout(() => {
    if (recentRecoveries.length >= RELOAD_AFTER_RECOVERIES) {
      reloadKeepingBridge();
      return;
    }
    endSession();
    recovering.value = false;
  }, RECOVERY_DELAY_MS);
}

/** Browser noise that is not a fault of the app. */
const HARMLESS = /ResizeObserver loop/;

export function installErrorRecovery(): void {
  window.addEventListener('error', (event) => {
    if (!HARMLESS.test(event.message)) recoverFromError();
  });
  window.addEventListener('unhandledrejection', () => recoverFromError());
}
