import { computed, effect, signal } from '@preact/signals';
import { bridgeLaunch } from './bridge-launch.ts';
import { bridgeConnected, enrollThroughShell, shellTerminal } from './bridge-client.ts';
import { writeSetting, readSetting } from './db.ts';
import { refreshKioskConfig } from './config.ts';
import { callHall, deviceToken, rememberDeviceToken, type ApiResult } from './hall-api.ts';

/**
 * Enrollment, two ways. With kiosk-shell (a launch from the shell), the code goes to the shell,
 * which enrolls its device key with the hall and hands the page short-lived session tokens: the
 * browser keeps no credential, and only such a terminal can identify citizens by their ID card.
 * A plain browser enrolls itself and keeps a device token: tickets and identity codes only.
 */
const browserTerminalName = signal<string | null>(null);

/** The name the hall gave this terminal when it was enrolled; null while not enrolled. */
export const terminalName = computed<string | null>(() => shellTerminal.value?.name ?? browserTerminalName.value);

/** How long enrollment waits for the shell to connect at start-up. */
const SHELL_CONNECT_WAIT_MS = 5000;

export async function loadEnrollment(): Promise<void> {
  const name = await readSetting('terminalName');
  browserTerminalName.value = (await deviceToken()) && typeof name === 'string' ? name : null;
}

function shellConnected(timeoutMs: number): Promise<boolean> {
  if (bridgeConnected.peek()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, timeoutMs);
    const stop = effect(() => {
      if (!bridgeConnected.value) return;
      clearTimeout(timer);
      queueMicrotask(() => stop());
      resolve(true);
    });
  });
}

/** Exchanges the one-time code from the fleet page (or `npm run hall -- enroll <name>`) for this terminal's credentials. */
export async function enrollTerminal(code: string): Promise<ApiResult<{ name: string }>> {
  if (bridgeLaunch()) {
    if (!(await shellConnected(SHELL_CONNECT_WAIT_MS))) return { ok: false, error: { code: 'no-shell', status: null } };
    const enrolled = await enrollThroughShell(code);
    if (!enrolled.ok) return { ok: false, error: { code: `enroll-${enrolled.reason}`, status: null } };
    // Whatever this browser held from an enrollment of its own is of no more use: gone from disk.
    rememberDeviceToken(null);
    await writeSetting('deviceToken', null);
    await writeSetting('terminalName', null);
    browserTerminalName.value = null;
    await refreshKioskConfig();
    return { ok: true, value: { name: enrolled.terminal.name } };
  }
  const result = await callHall<{ token: string; terminalId: string; name: string }>('POST', '/terminals/enroll', { code });
  if (!result.ok) return result;
  rememberDeviceToken(result.value.token);
  await writeSetting('deviceToken', result.value.token);
  await writeSetting('terminalName', result.value.name);
  // Only an enrolled terminal receives the admin settings of its hall.
  await refreshKioskConfig();
  browserTerminalName.value = result.value.name;
  return { ok: true, value: { name: result.value.name } };
}

/** A hall's technician may open the kiosk once with `#enroll=<code>` instead of typing it. */
export function readEnrollmentFragment(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('enroll');
  return code && /^[A-Za-z0-9-]{4,32}$/.test(code) ? code : null;
}
