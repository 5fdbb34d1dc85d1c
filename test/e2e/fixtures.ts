import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { parseShellOptions } from '../../kiosk-shell/options.ts';
import { startShell, type Shell } from '../../kiosk-shell/shell.ts';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall } from '../../src/server/hall.ts';
import { mintDemoCode, type MintOptions } from '../../src/server/services/identity-codes.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';
import { enrollKeyedTerminal, type KeyedTerminal } from '../api/device-key.ts';

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

export interface Hall {
  url: string;
  /** A private copy of the built PWA that a test may change (e.g. to publish a new version). */
  webRoot: string;
  /** A one-time enrollment code for a new terminal, as `npm run hall -- enroll` prints it. */
  enrollmentCode(): Promise<string>;
  /** The device token of a newly enrolled terminal, for calling the API as a terminal. */
  terminalToken(): Promise<string>;
  /** A terminal enrolled with a device key, as kiosk-shell enrolls: its token, and card assertions signed with its key. */
  keyedTerminal(): Promise<KeyedTerminal>;
  /** An identity code of the demo provider, as a citizen's phone would show it. */
  mintCode(options: MintOptions): Promise<string>;
}

export interface HallWorkerFixtures {
  /** Environment of the hall server, as an operator would set it; `test.use({ hallEnv })` per file. */
  hallEnv: Record<string, string>;
  hall: Hall;
}

/**
 * One hall server per worker, serving its own copy of the built PWA, configured through the
 * same environment variables an operator would set.
 */
export const test = base.extend<object, HallWorkerFixtures>({
  hallEnv: [{}, { option: true, scope: 'worker' }],
  hall: [
    async ({ hallEnv }, use, workerInfo) => {
      const webRoot = mkdtempSync(join(tmpdir(), `kiosk24-web-${workerInfo.workerIndex}-`));
      cpSync(DIST, webRoot, { recursive: true });
      const hall = await openHall({ config: readHallConfig({ PORT: '0', ...hallEnv }), webRoot, databaseUrl: 'sqlite::memory:', demo: true });
      const address = await hall.app.listen({ host: '127.0.0.1', port: 0 });
      let terminals = 0;
      const enrollmentCode = async () => (await createEnrollment(hall.ctx, `e2e-terminal-${++terminals}`)).code;
      const terminalToken = async () => {
        const response = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code: await enrollmentCode() } });
        return (response.json() as { token: string }).token;
      };
      const mintCode = (options: MintOptions) => mintDemoCode(hall.ctx, options);
      const keyedTerminal = () => enrollKeyedTerminal(hall, `e2e-terminal-${++terminals}`);
      await use({ url: `${address}/`, webRoot, enrollmentCode, terminalToken, keyedTerminal, mintCode });
      await hall.close();
      rmSync(webRoot, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect };

export async function openKiosk(page: Page, hall: Hall): Promise<void> {
  await page.goto(hall.url);
  await expect(page.locator('html[data-ready="home"]')).toBeAttached();
}

/** Everything a session could have left behind, as text: DOM, input values, every kind of storage. */
export async function everythingLeftBehind(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [document.documentElement.outerHTML];
    for (const input of document.querySelectorAll('input, textarea')) parts.push((input as HTMLInputElement).value);
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        parts.push(key, storage.getItem(key) ?? '');
      }
    }
    const read = <T,>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    for (const info of await indexedDB.databases()) {
      const db = await read(indexedDB.open(info.name!));
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        parts.push(JSON.stringify(await read(tx.objectStore(store).getAll())));
        parts.push(JSON.stringify(await read(tx.objectStore(store).getAllKeys())));
      }
      db.close();
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) parts.push(request.url);
    }
    return parts.join('\n');
  });
}

/** The demo hall's PIN (see README); its hash is the default KIOSK_ADMIN_PIN_HASH. */
export const DEMO_PIN = '246810';

export async function holdHallName(page: Page, ms: number): Promise<void> {
  const box = (await page.getByTestId('hall-name').boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

export async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId('pin-dialog').locator(`[data-key="${digit}"]`).click();
  await page.getByTestId('pin-submit').click();
}

/** Opens the kiosk as a technician would the first time: with a one-time enrollment code. */
export async function openEnrolledKiosk(page: Page, hall: Hall): Promise<void> {
  await page.goto(`${hall.url}#enroll=${await hall.enrollmentCode()}`);
  await expect(page.locator('html[data-ready="home"]')).toBeAttached();
  // The enrollment code leaves the address at once.
  await expect.poll(() => page.url()).toBe(hall.url);
  await expect(page.locator('html[data-terminal="enrolled"]')).toBeAttached();
}

/** kiosk-shell in-process, with the ID card reader simulator on a real pty, allowing the hall's origin. */
export async function startTestShell(hallUrl: string, log: (line: string) => void = () => {}, extra: string[] = []): Promise<Shell> {
  // Each test shell is a terminal of its own: its own device key, enrolled through the page.
  const stateDir = mkdtempSync(join(tmpdir(), 'kiosk24-shell-state-'));
  const parsed = parseShellOptions(['--origin', new URL(hallUrl).origin, '--bridge-port', '0', '--reader', 'sim', '--no-browser', '--state-dir', stateDir, ...extra]);
  if (!parsed.ok) throw new Error(parsed.error);
  return startShell(parsed.options, { env: {}, readerPollMs: 50, log });
}

/** The address kiosk-shell opens: the bridge and its token in the fragment. */
export const bridgeFragment = (shell: Shell) => `bridge=${encodeURIComponent(shell.bridgeUrl)}&token=${encodeURIComponent(shell.token)}`;

/** Like openEnrolledKiosk, with the bridge in the same launch fragment as the enrollment code. */
export async function openEnrolledKioskWithBridge(page: Page, hall: Hall, shell: Shell): Promise<void> {
  await page.goto(`${hall.url}#enroll=${await hall.enrollmentCode()}&${bridgeFragment(shell)}`);
  await expect(page.locator('html[data-ready="home"]')).toBeAttached();
  await expect.poll(() => page.url()).toBe(hall.url);
  await expect(page.locator('html[data-terminal="enrolled"]')).toBeAttached();
  await expect(page.getByTestId('device-reader')).toHaveAttribute('data-state', 'ready');
}
