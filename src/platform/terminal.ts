import { signal } from '@preact/signals';
import { writeSetting, readSetting } from './db.ts';
import { refreshKioskConfig } from './config.ts';
import { callHall, deviceToken, rememberDeviceToken, type ApiResult } from './hall-api.ts';

/** The name the hall gave this terminal when it was enrolled; null while not enrolled. */
export const terminalName = signal<string | null>(null);

export async function loadEnrollment(): Promise<void> {
  const name = await readSetting('terminalName');
  terminalName.value = (await deviceToken()) && typeof name === 'string' ? name : null;
}

/** Exchanges the one-time code from `npm run hall -- enroll <name>` for the device token. */
export async function enrollTerminal(code: string): Promise<ApiResult<{ name: string }>> {
  const result = await callHall<{ token: string; terminalId: string; name: string }>('POST', '/terminals/enroll', { code });
  if (!result.ok) return result;
  rememberDeviceToken(result.value.token);
  await writeSetting('deviceToken', result.value.token);
  await writeSetting('terminalName', result.value.name);
  // Only an enrolled terminal receives the admin PIN hash of its hall.
  await refreshKioskConfig();
  terminalName.value = result.value.name;
  return { ok: true, value: { name: result.value.name } };
}

/** A hall's technician may open the kiosk once with `#enroll=<code>` instead of typing it. */
export function readEnrollmentFragment(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('enroll');
  return code && /^[A-Za-z0-9-]{4,32}$/.test(code) ? code : null;
}
