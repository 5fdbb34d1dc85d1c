import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Shell } from '../../kiosk-shell/shell.ts';
import { DEMO_CARDS } from '../../kiosk-shell/drivers/sam-reader/demo-cards.ts';
import { maskIdNumber } from '../../src/core/id-number.ts';
import { DEMO_PIN, everythingLeftBehind, expect, holdHallName, openEnrolledKioskWithBridge, startTestShell, test, typePin } from './fixtures.ts';

/** A Tuesday morning: every category is serving, and the demo appointment YY0001 is inside its window. */
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

test.describe('identifying with the ID card', () => {
  let shell: Shell;
  let logs: string[];
  test.beforeEach(async ({ hall }) => {
    logs = [];
    shell = await startTestShell(hall.url, (line) => logs.push(line));
  });
  test.afterEach(async () => {
    await shell.stop();
  });

  test('a card placed at home opens the identify screen with the holder masked; taking it away ends the visit and leaves nothing', async ({ page, hall }) => {
    const card = DEMO_CARDS.citizen;
    await openEnrolledKioskWithBridge(page, hall, shell);
    shell.simulator!.insert('citizen');
    await expect(page.getByTestId('identified-name')).toHaveText('王**');
    await expect(page.getByTestId('identified-id')).toHaveText(maskIdNumber(card.idNumber));
    expect(maskIdNumber(card.idNumber)).toMatch(/^9901\*{10}\d{3}[\dX]$/);
    await expect(page.locator('html[data-session="active"]')).toBeAttached();
    expect(await everythingLeftBehind(page)).not.toContain(card.idNumber);

    shell.simulator!.remove();
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    await expect(page.locator('html[data-session="none"]')).toBeAttached();
    const left = await everythingLeftBehind(page);
    for (const trace of [card.name, card.idNumber, maskIdNumber(card.idNumber), '王**', card.address]) expect(left).not.toContain(trace);
    expect(logs.join('\n')).not.toContain(card.idNumber);
  });

  test('reads all three card layouts and refuses an expired card with its reason', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    const cases = [
      { name: 'hmt', masked: '陈**', type: '港澳台居民居住证' },
      { name: 'foreign', masked: '马**', type: '外国人永久居留身份证' },
      { name: 'elder', masked: '林**', type: '居民身份证' },
    ] as const;
    for (const { name, masked, type } of cases) {
      shell.simulator!.insert(name);
      await expect(page.getByTestId('identified-name')).toHaveText(masked);
      await expect(page.getByTestId('identified-id')).toHaveText(maskIdNumber(DEMO_CARDS[name].idNumber));
      await expect(page.getByTestId('identified')).toContainText(type);
      shell.simulator!.remove();
      await expect(page.locator('[data-screen="home"]')).toBeVisible();
    }
    shell.simulator!.insert('expired');
    await expect(page.getByTestId('card-refused')).toHaveAttribute('data-reason', 'expired');
    await expect(page.getByTestId('card-refused')).toHaveText('证件已过有效期，请使用有效证件，或到服务窗口办理。');
    await expect(page.getByTestId('identified')).toHaveCount(0);
  });

  test("an elder's card on the reader makes the ticket a priority one, with no extra tap", async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    shell.simulator!.insert('elder');
    await page.getByTestId('identify-next-ticket').click();
    await expect(page.getByTestId('ticket-card-identity')).toContainText('林**');
    await page.getByTestId('category-household').click();
    await expect(page.getByText('已为您安排优先办理')).toBeVisible();
  });

  test('the admin screen puts demo cards on the simulated reader', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    await holdHallName(page, 3300);
    await typePin(page, DEMO_PIN);
    await expect(page.getByTestId('admin-bridge')).toContainText('已连接');
    await page.getByTestId('admin-demo-insert-booked').click();
    await expect(page.getByTestId('identified-name')).toHaveText('周**');
  });
});

test.describe('the virtual receipt printer of a demo shell', () => {
  let shell: Shell;
  let printerDir: string;
  test.beforeEach(async ({ hall }) => {
    printerDir = mkdtempSync(join(tmpdir(), 'kiosk24-virtual-printer-'));
    shell = await startTestShell(hall.url, () => {}, ['--printer', `virtual:${printerDir}`]);
  });
  test.afterEach(async () => {
    await shell.stop();
    rmSync(printerDir, { recursive: true, force: true });
  });

  test('the admin screen shows the last ticket the virtual printer rendered', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('category-household').click();
    await expect(page.getByTestId('receipt-print')).toContainText('请取走凭条');
    await page.getByTestId('nav-home').click();
    await holdHallName(page, 3300);
    await typePin(page, DEMO_PIN);
    await page.getByTestId('admin-demo-receipt').click();
    const image = page.getByTestId('admin-demo-receipt-image');
    await expect(image).toBeVisible();
    // 576 dots: the print width of an 80 mm printer.
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(576);
  });
});
