import { signal } from '@preact/signals';
import { DEFAULT_KIOSK_CONFIG, parseKioskConfig, type KioskConfig } from '../core/kiosk-config.ts';
import { pinClock } from './clock.ts';
import { readSetting, writeSetting } from './db.ts';
import { deviceToken } from './hall-api.ts';

export const CONFIG_URL = '/api/v1/kiosk/config';
/** A terminal on a slow hall network must not sit on a blank screen waiting for its settings. */
const CONFIG_TIMEOUT_MS = 4000;

export const kioskConfig = signal<KioskConfig>(DEFAULT_KIOSK_CONFIG);

function apply(config: KioskConfig): void {
  kioskConfig.value = config;
  pinClock(config.pinnedNow);
}

/** The last known configuration first (works offline), then the server's current one. */
export async function loadKioskConfig(): Promise<void> {
  const cached = await readSetting('config');
  if (cached !== undefined) apply(parseKioskConfig(cached));
  await refreshKioskConfig();
}

export async function refreshKioskConfig(): Promise<void> {
  try {
    const token = await deviceToken();
    const response = await fetch(CONFIG_URL, {
      cache: 'no-store',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS),
    });
    if (!response.ok) return;
    const answered = parseKioskConfig(await response.json());
    // An enrolled terminal gets no offline copy of the PIN hash while the hall is still making
    // it (services/admin-pin.ts): it keeps the copy it had until the next answer brings one.
    const fresh = token && answered.adminPinHash === null ? { ...answered, adminPinHash: kioskConfig.peek().adminPinHash } : answered;
    apply(fresh);
    await writeSetting('config', fresh);
  } catch {
    // Offline or server down: keep the cached or default configuration.
  }
}
