import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, generateKeyPair } from 'jose';
import type { Page } from '@playwright/test';
import type { Shell } from '../../kiosk-shell/shell.ts';
import { maskIdNumber } from '../../src/core/id-number.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { DEMO_ISSUER } from '../../src/server/services/identity-codes.ts';
import { everythingLeftBehind, expect, openEnrolledKioskWithBridge, startTestShell, test } from './fixtures.ts';
import { wedgeScan } from './wedge.ts';

/** A Tuesday evening after hours: certificates are there at any time. */
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T21:15:00+08:00' } });

const files = (dir: string, extension: string) => readdirSync(dir).filter((name) => name.endsWith(extension));

/** The kiosk has fetched the provider keys it verifies identity codes with. */
async function providersCached(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const open = indexedDB.open('kiosk24');
            open.onsuccess = () => {
              const request = open.result.transaction('settings').objectStore('settings').get('identityProviders');
              request.onsuccess = () => resolve(Boolean(request.result));
              request.onerror = () => resolve(false);
            };
            open.onerror = () => resolve(false);
          }),
      ),
    )
    .toBe(true);
}

test.describe('certificate-free retrieval (免证办)', () => {
  let shell: Shell;
  let logs: string[];
  let documents: string;
  let receipts: string;
  test.beforeEach(async ({ hall }) => {
    logs = [];
    documents = mkdtempSync(join(tmpdir(), 'kiosk24-documents-'));
    receipts = mkdtempSync(join(tmpdir(), 'kiosk24-receipts-'));
    shell = await startTestShell(hall.url, (line) => logs.push(line), ['--doc-printer', `pdf:${documents}`, '--printer', `virtual:${receipts}`]);
  });
  test.afterEach(async () => {
    await shell.stop();
    rmSync(documents, { recursive: true, force: true });
    rmSync(receipts, { recursive: true, force: true });
  });

  test('card → consent → list → view → A4 copy with its watermark and a summary slip; the usage log shows it; nothing remains after exit', async ({ page, hall }) => {
    const person = DEMO_PEOPLE.elder;
    await openEnrolledKioskWithBridge(page, hall, shell);
    await expect(page.getByTestId('device-docPrinter')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('tile-certificates').click();
    await expect(page.getByTestId('identify-waiting')).toBeVisible();
    shell.simulator!.insert('elder');
    await expect(page.getByTestId('certificates-holder')).toContainText(maskIdNumber(person.idNumber));

    await page.getByTestId('purpose-household-transfer-in-city').click();
    await expect(page.getByTestId('consent-purpose')).toHaveText('户口迁移（市内）');
    await expect(page.getByTestId('consent-types')).toHaveText('居民户口簿、不动产权证书');
    await page.getByTestId('consent-agree').click();
    const items = page.getByTestId('certificate-item');
    await expect(items).toHaveCount(3);
    expect(await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-type')))).toEqual(['household-register', 'real-estate', 'real-estate']);

    await items.first().click();
    await expect(page.getByTestId('certificate-view')).toHaveAttribute('data-type', 'household-register');
    await expect(page.getByTestId('certificate-holder')).toHaveText(person.name);
    await expect(page.getByTestId('certificate-holder-id')).toHaveText(maskIdNumber(person.idNumber));

    await page.getByTestId('print-a4').click();
    await expect(page.getByTestId('copy-print-status')).toHaveAttribute('data-state', 'done');
    expect(files(documents, '.pdf')).toHaveLength(1);
    const text = spawnSync('pdftotext', ['-layout', '-nodiag', join(documents, files(documents, '.pdf')[0]!), '-'], { encoding: 'utf8' }).stdout;
    const diagonal = spawnSync('pdftotext', ['-raw', join(documents, files(documents, '.pdf')[0]!), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(diagonal).toContain('仅供办理户口迁移（市内）使用');
    expect(text).toContain('居民户口簿');
    expect(text).toContain(maskIdNumber(person.idNumber));
    expect(text).not.toContain(person.idNumber);

    await page.getByTestId('print-receipt').click();
    await expect(page.getByTestId('copy-print-status')).toHaveAttribute('data-state', 'done');
    await expect.poll(() => files(receipts, '.txt').length).toBe(1);
    const slip = readFileSync(join(receipts, files(receipts, '.txt')[0]!), 'utf8');
    expect(slip).toContain('电子证照摘要');
    expect(slip).toContain('仅供办理户口迁移（市内）使用');
    expect(slip).toContain('林**');
    expect(slip).not.toContain(person.idNumber);

    await page.getByTestId('certificate-back').click();
    await page.getByTestId('certificates-usage').click();
    await expect(page.getByTestId('usage-record').first()).toBeVisible();
    const actions = await page.getByTestId('usage-record').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-action')));
    expect(actions.slice(0, 3)).toEqual(['copy-receipt', 'copy-a4', 'view']);
    expect(actions).toContain('retrieve');
    expect(actions).toContain('window-use');

    await page.getByTestId('nav-exit').click();
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    const left = await everythingLeftBehind(page);
    for (const trace of [person.name, person.idNumber, maskIdNumber(person.idNumber), '林**', '示例市示范区样板路88号']) expect(left).not.toContain(trace);
    expect(logs.join('\n')).not.toContain(person.idNumber);
    expect(logs.join('\n')).not.toContain(person.name);
  });

  test('an identity code from a keyboard-wedge scanner identifies; the same code again is refused as replayed, an expired and a forged one too', async ({ page, hall }) => {
    const person = DEMO_PEOPLE.booked;
    await openEnrolledKioskWithBridge(page, hall, shell);
    await providersCached(page);
    const code = await hall.mintCode({ subject: person.idNumber, name: person.name });
    await wedgeScan(page, code);
    await expect(page.getByTestId('identified-name')).toHaveText('周**');
    await expect(page.getByTestId('identified')).toContainText('个人身份码');
    await page.getByTestId('identify-next-certificates').click();
    await page.getByTestId('purpose-own-view').click();
    await page.getByTestId('consent-agree').click();
    await expect(page.getByTestId('certificate-item').first()).toBeVisible();
    expect(await page.getByTestId('certificate-item').count()).toBeGreaterThanOrEqual(6);
    await page.getByTestId('nav-exit').click();
    await expect(page.locator('html[data-session="none"]')).toBeAttached();

    await wedgeScan(page, code);
    await expect(page.getByTestId('code-refused')).toHaveAttribute('data-reason', 'replayed');
    await expect(page.getByTestId('code-refused')).toHaveText('该身份码已使用过，请在手机上刷新后出示新的身份码。');
    await expect(page.getByTestId('identified')).toHaveCount(0);

    await wedgeScan(page, await hall.mintCode({ subject: person.idNumber, name: person.name, issuedAtOffsetS: -600 }));
    await expect(page.getByTestId('code-refused')).toHaveAttribute('data-reason', 'expired');

    const kid = JSON.parse(Buffer.from(code.split('.')[0]!, 'base64url').toString()).kid as string;
    const impostor = await generateKeyPair('ES256');
    // Now by the hall's clock (pinned by KIOSK_NOW, then running), as the genuine code was minted:
    // a fixed time would expire once the hall had run five minutes, and be refused for that instead.
    const iat = JSON.parse(Buffer.from(code.split('.')[1]!, 'base64url').toString()).iat as number;
    const claims = { iss: DEMO_ISSUER, sub: person.idNumber, name: person.name, iat, exp: iat + 300, jti: 'forged-0000-0001' };
    const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'ES256', kid }).sign(impostor.privateKey);
    await wedgeScan(page, forged);
    await expect(page.getByTestId('code-refused')).toHaveAttribute('data-reason', 'bad-signature');
    await expect(page.getByTestId('identified')).toHaveCount(0);
  });

  test('declining the consent returns home and retrieves nothing', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    await page.getByTestId('tile-certificates').click();
    shell.simulator!.insert('citizen');
    await page.getByTestId('purpose-own-view').click();
    let retrieved = false;
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/certificates/')) retrieved = true;
    });
    await page.getByTestId('consent-decline').click();
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    expect(retrieved).toBe(false);
  });
});
