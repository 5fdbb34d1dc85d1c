import { signal } from '@preact/signals';
import { BRIDGE_HANDOFF_GLOBAL, parseBridgeLaunch, type BridgeLaunch } from '../core/bridge-handoff.ts';
import type { DeviceDetails } from '../core/bridge-messages.ts';
import { ALL_DEVICES_ABSENT, type DeviceStates } from '../core/devices.ts';

/**
 * Where the page learns the device bridge's address and token, read once and kept in memory only:
 * - kiosk-shell hands it over its DevTools pipe as a one-shot global (src/core/bridge-handoff.ts),
 *   to every document it loads, so the token is in no URL and nothing Chromium writes to disk;
 * - a page opened by hand (a technician, `--no-browser`, the tests) takes
 *   `#bridge=<ws URL>&token=<token>`, removed from the address at once.
 */
export type { BridgeLaunch };

let launch: BridgeLaunch | null = null;
let launchedBy: 'shell' | 'fragment' | null = null;

export function readBridgeLaunch(location: Location = window.location): BridgeLaunch | null {
  const handedOver = takeHandoff();
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (location.hash) history.replaceState(history.state, '', location.pathname + location.search);
  const fromFragment = parseBridgeLaunch(params.get('bridge'), params.get('token'));
  // The shell's handoff wins: it came over the pipe, where no page or link can put anything.
  if (handedOver) [launch, launchedBy] = [handedOver, 'shell'];
  else if (fromFragment) [launch, launchedBy] = [fromFragment, 'fragment'];
  return launch;
}

/** The shell's handoff, consumed: the getter deletes itself, and a plain property goes too. */
function takeHandoff(): BridgeLaunch | null {
  const holder = window as unknown as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(holder, BRIDGE_HANDOFF_GLOBAL)) return null;
  const value = holder[BRIDGE_HANDOFF_GLOBAL];
  delete holder[BRIDGE_HANDOFF_GLOBAL];
  if (typeof value !== 'object' || value === null) return null;
  const { url, token } = value as { url?: unknown; token?: unknown };
  return parseBridgeLaunch(url, token);
}

export function bridgeLaunch(): BridgeLaunch | null {
  return launch;
}

/**
 * Reloads the page (an update, a recovery, the admin's button) without losing the shell. A page
 * the shell launched reloads plainly: the shell hands the launch to the new document itself.
 * Only a page opened by hand gets its fragment back for the reload (the new page removes it
 * again): nothing else outlives a reload but what Chromium also writes to the profile
 * (sessionStorage, window.name, history.state), and that URL, typed or scripted by whoever
 * opened the page, is in this profile's history already.
 */
export function reloadKeepingBridge(): void {
  if (launch && launchedBy === 'fragment') {
    const fragment = `#bridge=${encodeURIComponent(launch.url)}&token=${encodeURIComponent(launch.token)}`;
    history.replaceState(history.state, '', window.location.pathname + window.location.search + fragment);
  }
  window.location.reload();
}

/** Device states as the shell reports them; all absent while no kiosk-shell is connected. */
export const deviceStates = signal<DeviceStates>(ALL_DEVICES_ABSENT);
/** Why each device is in its state (`unplugged`, `paper-out`…) and its line error counts, for the admin screen; empty without a shell. */
export const deviceDetails = signal<DeviceDetails>({});
