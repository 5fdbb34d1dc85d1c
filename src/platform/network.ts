import { signal } from '@preact/signals';

export type NetworkState = 'online' | 'offline' | 'server-unreachable';

export const HEALTH_URL = '/api/v1/health';
/** Often enough that the banner is right within a minute, rare enough to be no load for 50 terminals. */
const PROBE_INTERVAL_MS = 30_000;
const PROBE_TIMEOUT_MS = 5000;

export const networkState = signal<NetworkState>(navigator.onLine ? 'online' : 'offline');

/** Asks the hall server at once; true when it answered. Also keeps the banner right. */
export async function probeHall(): Promise<boolean> {
  await probe();
  return networkState.peek() === 'online';
}

async function probe(): Promise<void> {
  if (!navigator.onLine) {
    networkState.value = 'offline';
    return;
  }
  try {
    const response = await fetch(HEALTH_URL, { cache: 'no-store', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    networkState.value = response.ok ? 'online' : 'server-unreachable';
  } catch {
    networkState.value = navigator.onLine ? 'server-unreachable' : 'offline';
  }
}

export function watchNetwork(): void {
  window.addEventListener('online', () => void probe());
  window.addEventListener('offline', () => {
    networkState.value = 'offline';
  });
  setInterval(() => void probe(), PROBE_INTERVAL_MS);
  void probe();
}
