/**
 * Screenshots of the kiosk at terminal resolutions, for the README and for looking at a change:
 * `npm run screenshots` (after `npm run build`). Pinned to an evening so the pictures are stable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall } from '../../src/server/hall.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';
import { parseShellOptions } from '../../kiosk-shell/options.ts';
import { startShell } from '../../kiosk-shell/shell.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/playwright.config.ts';

const OUT = fileURLToPath(new URL('.', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

const hall = await openHall({
  config: readHallConfig({ PORT: '0', KIOSK_NOW: '2026-10-01T20:30:00+08:00' }),
  webRoot: DIST,
  databaseUrl: 'sqlite::memory:',
  demo: true,
});
const url = `${await hall.app.listen({ host: '127.0.0.1', port: 0 })}/`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function shoot(name: string, viewport: { width: number; height: number }, act: (page: Page) => Promise<void>) {
  const page = await browser.newPage({ viewport });
  await page.goto(url);
  await page.locator('html[data-ready="home"]').waitFor({ state: 'attached' });
  await act(page);
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${OUT}${name}.png` });
  await page.close();
  console.log(`${name}.png`);
}

const portrait = { width: 1080, height: 1920 };
const tap = (page: Page, id: string) => page.getByTestId(id).click();

await shoot('home-zh-CN', portrait, async () => undefined);
await shoot('home-zh-TW', portrait, (page) => tap(page, 'language-zh-TW'));
await shoot('home-en', portrait, (page) => tap(page, 'language-en'));
await shoot('home-elder', portrait, (page) => tap(page, 'elder-mode'));
await shoot('home-landscape', { width: 1920, height: 1080 }, async () => undefined);
await shoot('progress-elder', portrait, async (page) => {
  await tap(page, 'elder-mode');
  await tap(page, 'tile-progress');
  await page.getByTestId('case-number').fill('ZW2026');
});

// The service guide: browse by department, search by pinyin initials, one item's whole guide.
const openGuideItem = async (page: Page, department: string, code: string) => {
  await tap(page, 'tile-guide');
  await page.locator(`[data-testid="guide-group"][data-name="${department}"]`).click();
  await page.locator(`[data-testid="guide-item"][data-code="${code}"]`).click();
  await page.getByTestId('guide-field-onlineUrl').locator('svg path').waitFor({ state: 'attached' });
};
await shoot('guide-home', portrait, async (page) => {
  await tap(page, 'tile-guide');
  await page.getByTestId('guide-group').first().waitFor();
});
await shoot('guide-search', portrait, async (page) => {
  await tap(page, 'tile-guide');
  await tap(page, 'guide-tab-search');
  for (const key of 'BDC') await page.getByTestId('keypad').locator(`[data-key="${key}"]`).click();
  await page.getByTestId('guide-item').first().waitFor();
});
await shoot('guide-item', portrait, (page) => openGuideItem(page, '示例市公安局', 'newborn-registration'));
await shoot('guide-item-elder', portrait, async (page) => {
  await tap(page, 'elder-mode');
  await openGuideItem(page, '示例市公安局', 'household-transfer-in-city');
});

// The ticket journey needs an enrolled terminal; on the pinned holiday evening every category
// offers the next opening.
const enrolled = async (page: Page) => {
  const { code } = await createEnrollment(hall.ctx, `screenshot-${Date.now()}`);
  await page.goto('about:blank');
  await page.goto(`${url}#enroll=${code}`);
  await page.locator('html[data-terminal="enrolled"]').waitFor({ state: 'attached' });
};
await shoot('ticket-categories', portrait, async (page) => {
  await enrolled(page);
  await tap(page, 'tile-ticket');
  await page.getByTestId('category-household').waitFor();
});
await shoot('ticket-taken', portrait, async (page) => {
  await enrolled(page);
  await tap(page, 'tile-ticket');
  await tap(page, 'category-household');
  await page.getByTestId('receipt-qr').locator('path').waitFor();
});
await shoot('ticket-taken-elder', portrait, async (page) => {
  await enrolled(page);
  await tap(page, 'elder-mode');
  await tap(page, 'tile-ticket');
  await tap(page, 'category-tax');
  await page.getByTestId('receipt-qr').locator('path').waitFor();
});

// With kiosk-shell on its simulated reader: the card placed on it opens the identify screen.
const printed = mkdtempSync(join(tmpdir(), 'kiosk24-screenshots-'));
const shellOptions = parseShellOptions([
  ...['--origin', new URL(url).origin, '--bridge-port', '0', '--reader', 'sim', '--no-browser'],
  ...['--printer', `virtual:${join(printed, 'receipts')}`, '--doc-printer', `pdf:${join(printed, 'documents')}`],
]);
if (!shellOptions.ok) throw new Error(shellOptions.error);
const shell = await startShell(shellOptions.options, { env: {}, readerPollMs: 50 });
const withShell = async (page: Page) => {
  await page.goto('about:blank');
  await page.goto(`${url}#bridge=${encodeURIComponent(shell.bridgeUrl)}&token=${encodeURIComponent(shell.token)}`);
  await page.locator('[data-testid="device-reader"][data-state="ready"]').waitFor();
};
await shoot('identify-waiting', portrait, async (page) => {
  await withShell(page);
  shell.simulator!.insert('expired');
  await page.getByTestId('card-refused').waitFor();
});
shell.simulator!.remove();
await shoot('identify-done', portrait, async (page) => {
  await withShell(page);
  shell.simulator!.insert('elder');
  await page.getByTestId('identified').waitFor();
});
shell.simulator!.remove();

// Certificate-free retrieval, for 林示范 identified by card at an enrolled terminal.
const withEnrolledShell = async (page: Page) => {
  const { code } = await createEnrollment(hall.ctx, `screenshot-${Date.now()}`);
  await page.goto('about:blank');
  await page.goto(`${url}#enroll=${code}&bridge=${encodeURIComponent(shell.bridgeUrl)}&token=${encodeURIComponent(shell.token)}`);
  await page.locator('html[data-terminal="enrolled"]').waitFor({ state: 'attached' });
  await page.locator('[data-testid="device-reader"][data-state="ready"]').waitFor();
  await tap(page, 'tile-certificates');
  shell.simulator!.insert('elder');
  await page.getByTestId('certificates-purpose').waitFor();
};
const toList = async (page: Page) => {
  await withEnrolledShell(page);
  await tap(page, 'purpose-own-view');
  await tap(page, 'consent-agree');
  await page.getByTestId('certificate-item').first().waitFor();
};
await shoot('certificates-purpose', portrait, withEnrolledShell);
shell.simulator!.remove();
await shoot('certificates-consent', portrait, async (page) => {
  await withEnrolledShell(page);
  await tap(page, 'purpose-household-transfer-in-city');
});
shell.simulator!.remove();
await shoot('certificates-list', portrait, toList);
shell.simulator!.remove();
await shoot('certificates-view', portrait, async (page) => {
  await toList(page);
  await page.getByTestId('certificate-item').nth(1).click();
  await page.getByTestId('certificate-view').waitFor();
});
shell.simulator!.remove();
await shoot('certificates-view-elder', portrait, async (page) => {
  await toList(page);
  await tap(page, 'elder-mode');
  await page.getByTestId('certificate-item').nth(3).click();
  await page.getByTestId('certificate-view').waitFor();
});
shell.simulator!.remove();
await shoot('certificates-usage', portrait, async (page) => {
  await toList(page);
  await tap(page, 'certificates-usage');
  await page.getByTestId('certificates-usage-log').waitFor();
});
shell.simulator!.remove();

// 自助申办 for 林示范: the household transfer (two e-certificates and a 容缺 item), and 低保 with its commitment.
const startCase = async (page: Page, item: string) => {
  const { code } = await createEnrollment(hall.ctx, `screenshot-${Date.now()}`);
  await page.goto('about:blank');
  await page.goto(`${url}#enroll=${code}&bridge=${encodeURIComponent(shell.bridgeUrl)}&token=${encodeURIComponent(shell.token)}`);
  await page.locator('html[data-terminal="enrolled"]').waitFor({ state: 'attached' });
  await page.locator('[data-testid="device-reader"][data-state="ready"]').waitFor();
  await tap(page, 'tile-cases');
  await tap(page, `case-item-${item}`);
  shell.simulator!.insert('elder');
  await tap(page, 'case-consent-agree');
  await page.getByTestId('case-materials').waitFor();
};
await shoot('cases-items', portrait, async (page) => {
  await enrolled(page);
  await tap(page, 'tile-cases');
  await page.getByTestId('cases-items').waitFor();
});
await shoot('cases-materials', portrait, (page) => startCase(page, 'household-transfer-in-city'));
shell.simulator!.remove();
await shoot('cases-commitment', portrait, async (page) => {
  await startCase(page, 'minimum-living-allowance');
  await tap(page, 'case-materials-next');
  await page.getByTestId('case-commitment').waitFor();
  await tap(page, 'case-commitment-accept');
  const pad = (await page.getByTestId('signature-pad').boundingBox())!;
  await page.mouse.move(pad.x + 80, pad.y + pad.height * 0.6);
  await page.mouse.down();
  for (let i = 0; i <= 30; i++) await page.mouse.move(pad.x + 80 + i * 18, pad.y + pad.height * (0.6 - 0.25 * Math.sin(i / 3)));
  await page.mouse.up();
});
shell.simulator!.remove();
await shoot('cases-form', portrait, async (page) => {
  await startCase(page, 'household-transfer-in-city');
  await tap(page, 'case-materials-next');
  await tap(page, 'field-reason-house-purchase');
  await tap(page, 'case-form-next');
  await page.getByTestId('field-error-phone').waitFor();
});
shell.simulator!.remove();
await shoot('cases-done', portrait, async (page) => {
  await startCase(page, 'household-transfer-in-city');
  await tap(page, 'case-materials-next');
  await tap(page, 'field-reason-house-purchase');
  await page.getByTestId('field-newAddress').fill('示例市示范区样板路88号3栋2单元501室');
  await page.getByTestId('field-phone').fill('13912345678');
  await tap(page, 'case-form-next');
  await tap(page, 'case-submit');
  await page.getByTestId('case-done').waitFor();
});
shell.simulator!.remove();
await shell.stop();
rmSync(printed, { recursive: true, force: true });

await browser.close();
await hall.close();
