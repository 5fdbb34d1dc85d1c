import type { Page } from '@playwright/test';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { everythingLeftBehind, expect, openEnrolledKiosk, test } from './fixtures.ts';

/** A Tuesday morning: every category is serving. */
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

export const receiptTexts = (page: Page) => page.getByTestId('receipt').locator('p').allTextContents();

test.describe('taking a ticket', () => {
  test('in hours: one tap gives a numbered ticket for the running session, with its QR', async ({ page, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    await expect(page.getByTestId('category-household')).toContainText('正在办理');
    await page.getByTestId('category-household').click();
    const texts = await receiptTexts(page);
    expect(texts).toContain('示例市政务服务中心');
    expect(texts.some((text) => /^A\d{3}$/.test(text))).toBe(true);
    expect(texts).toContain('办理时间: 2026-11-24 09:00-12:00');
    await expect(page.getByTestId('receipt-qr')).toHaveAttribute('data-qr', new RegExp(`^${hall.url}track/[A-Za-z0-9_-]{24}$`));
    await expect(page.getByTestId('receipt-qr').locator('path')).toHaveCount(1);
  });

  test('an elder typing an ID number is put in the priority lane', async ({ page, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('identity-open').click();
    await page.getByTestId('id-number').fill(DEMO_PEOPLE.elder.idNumber);
    await page.getByTestId('category-tax').click();
    await expect(page.getByText('已为您安排优先办理')).toBeVisible();
    expect(await receiptTexts(page)).toContain('优先办理');
    // The number served its purpose: after the session it is nowhere in the page or its storage.
    await page.getByTestId('nav-exit').click();
    expect(await everythingLeftBehind(page)).not.toContain(DEMO_PEOPLE.elder.idNumber);
    expect(await everythingLeftBehind(page)).not.toContain(DEMO_PEOPLE.elder.idNumber.slice(6, 14));
  });

  test('offline: tickets come from the leased numbers and reach the queue exactly once on reconnect', async ({ page, context, hall, request }) => {
    await openEnrolledKiosk(page, hall);
    // The terminal leases numbers for every category as soon as it is enrolled and online.
    await expect
      .poll(() => page.evaluate(() => new Promise<number>((resolve) => {
        const open = indexedDB.open('kiosk24');
        open.onsuccess = () => {
          const count = open.result.transaction('leases').objectStore('leases').count();
          count.onsuccess = () => resolve(count.result);
        };
      })), { timeout: 20_000 })
      .toBe(8);
    await page.getByTestId('tile-ticket').click();
    await expect(page.getByTestId('category-general')).toBeVisible();

    await context.setOffline(true);
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      await page.getByTestId(i === 0 ? 'category-general' : 'ticket-another').click();
      if (i > 0) await page.getByTestId('category-general').click();
      await expect(page.getByText('网络恢复后将自动登记此号')).toBeVisible();
      numbers.push((await receiptTexts(page)).find((text) => /^H5\d{3}$/.test(text))!);
    }
    expect(await receiptTexts(page)).toContain('离线取号，网络恢复后自动登记');
    expect(new Set(numbers).size).toBe(2);

    await context.setOffline(false);
    const login = await request.post(`${hall.url}api/v1/staff/login`, { data: { username: 'agent01', password: 'demo-agent-2026' } });
    expect(login.ok()).toBe(true);
    await request.post(`${hall.url}api/v1/staff/window`, { data: { windowNumber: 3 } });
    const queued = async () => ((await (await request.get(`${hall.url}api/v1/staff/queue`)).json()) as { waiting: { number: string }[] }).waiting.map((t) => t.number);
    await expect.poll(queued, { timeout: 20_000 }).toEqual(expect.arrayContaining(numbers));
    // A second sync round must not report them again.
    await page.waitForTimeout(11_000);
    const after = await queued();
    expect(after.filter((n) => numbers.includes(n))).toHaveLength(2);
  });
});
