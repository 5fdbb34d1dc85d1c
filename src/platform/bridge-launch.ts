import { signal } from '@preact/signals';
import type { DeviceDetails } from '../core/bridge-messages.ts';
import { ALL_DEVICES_ABSENT, type DeviceStates } from '../core/devices.ts';

/**
 * kiosk-shell opens `<origin>/#bridge=<ws URL>&token=<token>`. The fragment is read once, kept in
 * memory only, and removed from the address so that it is in no history entry or screenshot.
 */
export interface BridgeLaunch {
  url: string;
  token: string;
}

let launch: BridgeLaunch | null = null;

export function readBridgeLaunch(location: Location = window.location): BridgeLaunch | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const url = params.get('bridge');
  const token = params.get('token');
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  if (url && token && /^ws:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/.*)?$/.test(url)) launch = { url, token };
  return launch;
}

export function bridgeLaunch(): BridgeLaunch | null {
  return launch;
}

/**
 * Reloads the page (an update, a recovery, the admin's button) without losing the shell: the
 * launch fragment goes back into the address for the reload, and the new page removes it again.
 */
export function reloadKeepingBridge(): void {
  if (launch) {
    const fragment = `#bridge=${encodeURIComponent(launch.url)}&token=${encodeURIComponent(launch.token)}`;
    history.replaceState(history.state, '', window.location.pathname + window.location.search + fragment);
  }
  window.location.reload();
}

/** Device states as the shell reports them; all absent while no kiosk-shell is connected. */
export const deviceStates = signal<DeviceStates>(ALL_DEVICES_ABSENT);
/** Why each device is in its state (`unplugged`, `paper-out`…) and its line error counts, for the admin screen; empty without a shell. */
export const deviceDetails = signal<DeviceDetails>({});
