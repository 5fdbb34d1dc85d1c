/**
 * Issue 13 in the browser: a kiosk enrolled through kiosk-shell keeps no credential in Chromium's
 * storage; a terminal enrolled before device keys is marked on the fleet page and enrolled again
 * from there; a terminal past its identity limits is suspended, shown with its alert, and lifted.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { calculateJwkThumbprint } from 'jose';
import { signAssertion } from '../../kiosk-shell/device/sign.ts';
import type { Shell } from '../../kiosk-shell/shell.ts';
import { cardAssertionPayload, CARD_ASSERTION_TYPE, nameHash } from '../../src/core/device-assertion.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { bridgeFragment, everythingLeftBehind, expect, openEnrolledKiosk, openEnrolledKioskWithBridge, startTestShell, test } from './fixtures.ts';

const NOW = '2026-11-24T10:00:00+08:00';
test.use({ hallEnv: { KIOSK_NOW: NOW, KIOSK_LIMIT_HOLDERS_PER_HOUR: '2' } });

const STAFF_VIEWPORT = { width: 1440, height: 900 };

async function openFleet(page: Page, url: string): Promise<void> {
  await page.setViewportSize(STAFF_VIEWPORT);
  await page.goto(`${url}admin/fleet`);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('demo-admin-2026');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('fleet-table')).toBeVisible();
}

test.describe('identity assurance', () => {
  let shell: Shell;
  test.beforeEach(async ({ hall }) => {
    shell = await startTestShell(hall.url);
  });
  test.afterEach(async () => {
    await shell.stop();
  });

  test('a kiosk enrolled through its shell keeps no credential in the browser, and its card opens the citizen’s certificates', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    const session = shell.identity.currentSession;
    if (session.kind !== 'session') throw new Error('the shell has no session');
    // Neither the session token nor any device token is in IndexedDB, storage or caches.
    const stored = await everythingLeftBehind(page);
    expect(stored).not.toContain(session.session.token);
    expect(stored).not.toMatch(/"deviceToken"\s*,\s*"[A-Za-z0-9_-]{20,}"/);

    await page.getByTestId('tile-certificates').click();
    await expect(page.getByTestId('identify-waiting')).toBeVisible();
    shell.simulator!.insert('elder');
    await page.getByTestId('purpose-household-transfer-in-city').click();
    await page.getByTestId('consent-agree').click();
    await expect(page.getByTestId('certificate-item')).toHaveCount(3);
    // The consent the page asked for went with a card assertion of this terminal's key.
    await expect(page.locator('body')).not.toContainText(session.session.token);
  });

  test('a terminal enrolled before device keys tells a card holder it cannot vouch for the card, instead of opening anything', async ({ page, hall }) => {
    // Enrolled as a plain browser, then run under a shell that was never enrolled with a key.
    await openEnrolledKiosk(page, hall);
    await page.goto('about:blank');
    await page.goto(`${hall.url}#${bridgeFragment(shell)}`);
    await expect(page.getByTestId('device-reader')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('html[data-terminal="enrolled"]')).toBeAttached();
    await page.getByTestId('tile-certificates').click();
    shell.simulator!.insert('elder');
    await page.getByTestId('purpose-household-transfer-in-city').click();
    await page.getByTestId('consent-agree').click();
    await expect(page.getByTestId('certificates-failed')).toHaveAttribute('data-message', 'certificates.error.cardNotVerified');
    await expect(page.getByTestId('certificates-failed')).toContainText('未能核验您的身份证');
    await page.screenshot({ path: test.info().outputPath('card-not-verified.png') });
    await page.getByTestId('language-zh-TW').click();
    await expect(page.getByTestId('certificates-failed')).toContainText('未能核驗您的身分證');
    await page.getByTestId('language-en').click();
    await expect(page.getByTestId('certificates-failed')).toContainText('Your ID card could not be verified');
    await page.screenshot({ path: test.info().outputPath('card-not-verified-en.png') });
    await page.getByTestId('elder-mode').click();
    await page.screenshot({ path: test.info().outputPath('card-not-verified-elder.png') });
  });

  test('the fleet page marks a terminal without a device key, and enrolling it again through its shell gives it one and ends its old token', async ({ page, context, hall, request }) => {
    // Enrolled as a plain browser, as every terminal was before device keys.
    const kiosk = await context.newPage();
    await openEnrolledKiosk(kiosk, hall);
    const [oldToken, name] = await kiosk.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('kiosk24');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const setting = (key: string) =>
        new Promise<string>((resolve) => {
          const read = db.transaction('settings').objectStore('settings').get(key);
          read.onsuccess = () => resolve(read.result as string);
        });
      return [await setting('deviceToken'), await setting('terminalName')];
    });
    await kiosk.close();

    await openFleet(page, hall.url);
    const row = page.locator(`[data-testid="terminal-row"][data-terminal="${name}"]`);
    await expect(row.getByTestId('no-device-key')).toHaveText('无设备密钥：不能凭身份证调证');
    await row.getByTestId('reenroll').click();
    const code = (await page.getByTestId('enrollment-code').textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.screenshot({ path: test.info().outputPath('fleet-reenroll.png') });
    await page.getByTestId('terminal-dialog-close').click();

    const terminal = await context.newPage();
    await terminal.goto(`${hall.url}#enroll=${code}&${bridgeFragment(shell)}`);
    await expect(terminal.locator('html[data-terminal="enrolled"]')).toBeAttached();
    await expect.poll(() => shell.identity.terminal?.name ?? null).not.toBeNull();
    await expect(row.getByTestId('no-device-key')).toHaveCount(0, { timeout: 15_000 });
    const heartbeat = await request.post(`${hall.url}api/v1/terminals/heartbeat`, {
      headers: { Authorization: `Bearer ${oldToken}` },
      data: { appVersion: 'x', devices: {}, paper: 'ok', outboxDepth: 0, lastErrorCode: null },
    });
    expect(heartbeat.status()).toBe(401);
  });

  test('a terminal that identifies more citizens than one screen serves is suspended, shown with its alert, and lifted by the administrator', async ({ page, hall, request }) => {
    // A terminal whose key an attacker holds, identifying one person after another.
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
    const enrolled = await request.post(`${hall.url}api/v1/terminals/enroll`, { data: { code: await hall.enrollmentCode(), deviceKey: { kty, crv, x, y } } });
    const { token, terminalId, name } = (await enrolled.json()) as { token: string; terminalId: string; name: string };
    const signing = { privateKey, keyId: await calculateJwkThumbprint({ kty, crv, x, y }) };
    const consent = async (person: { idNumber: string; name: string }, counter: number) => {
      const issuedAt = Math.floor(Date.parse((await (await request.get(`${hall.url}api/v1/health`)).json()).time) / 1000);
      const payload = cardAssertionPayload({ terminalId, idNumber: person.idNumber, nameHash: await nameHash(person.name), cardType: 'resident', readAt: issuedAt * 1000, issuedAt, counter });
      return request.post(`${hall.url}api/v1/certificates/consents`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { clientId: randomUUID(), identity: { kind: 'card', idNumber: person.idNumber, name: person.name, assertion: await signAssertion(signing, CARD_ASSERTION_TYPE, payload) }, purpose: { kind: 'own-view' } },
      });
    };
    const people = [DEMO_PEOPLE.elder, DEMO_PEOPLE.booked, DEMO_PEOPLE.citizen];
    expect((await consent(people[0]!, 1)).status()).toBe(200);
    expect((await consent(people[1]!, 2)).status()).toBe(200);
    expect((await consent(people[2]!, 3)).status()).toBe(403);

    await openFleet(page, hall.url);
    const row = page.locator(`[data-testid="terminal-row"][data-terminal="${name}"]`);
    await expect(row.getByTestId('suspended')).toContainText('已暂停证照业务：1小时内核验的不同身份超过上限');
    await expect(row.getByTestId('alerts')).toContainText('达 3 次（上限 2）');
    await page.screenshot({ path: test.info().outputPath('fleet-suspended.png') });
    await row.getByTestId('resume').click();
    await expect(page.getByTestId('admin-notice')).toContainText('已恢复终端');
    await expect(row.getByTestId('suspended')).toHaveCount(0);
    expect((await consent(people[2]!, 4)).status()).toBe(200);
  });
});
