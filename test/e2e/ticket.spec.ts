import type { BrowserContext, Page } from '@playwright/test';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { everythingLeftBehind, expect, openEnrolledKiosk, test, type Hall } from './fixtures.ts';

/** A Tuesday morning: every category is serving. */
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

export const receiptTexts = (page: Page) => page.getByTestId('receipt').locator('p').allTextContents();

/** Number leases in the kiosk's IndexedDB: one per category once the terminal has synced. */
const leaseCount = (page: Page) =>
  page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('kiosk24');
    open.onsuccess = () => {
      const count = open.result.transaction('leases').objectStore('leases').count();
      count.onsuccess = () => resolve(count.result);
    };
  }));

/** The window agent's screen for window 3 (household A and general H), in the kiosk's browser. */
async function openStaffWindow3(context: BrowserContext, hall: Hall): Promise<Page> {
  const staff = await context.newPage();
  await staff.bringToFront();
  await staff.setViewportSize({ width: 1280, height: 800 });
  await staff.goto(`${hall.url}staff`);
  await staff.getByTestId('login-username').fill('agent01');
  await staff.getByTestId('login-password').fill('demo-agent-2026');
  await staff.getByTestId('login-submit').click();
  await staff.getByTestId('window-3').click();
  await expect(staff.getByTestId('staff-title')).toHaveText('3号窗口 · 叫号');
  return staff;
}

/** Rows of the staff page's waiting list that show this number. */
const waitingRows = (staff: Page, number: string) => staff.getByTestId('waiting-ticket').filter({ hasText: new RegExp(`^${number}(?!\\d)`) });

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

  test('offline: tickets come from the leased numbers and reach the queue exactly once on reconnect', async ({ page, context, hall }) => {
    await openEnrolledKiosk(page, hall);
    // The terminal leases numbers for every category as soon as it is enrolled and online.
    await expect.poll(() => leaseCount(page), { timeout: 20_000 }).toBe(8);
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
    // The window agent's screen, in the same browser: each offline number is in the waiting list once.
    const staff = await openStaffWindow3(context, hall);
    for (const number of numbers) await expect(waitingRows(staff, number)).toHaveCount(1, { timeout: 20_000 });
    // A second sync round of the kiosk must not report them again.
    await staff.waitForTimeout(11_000);
    await staff.reload();
    await expect(staff.getByTestId('staff-title')).toHaveText('3号窗口 · 叫号');
    await expect(staff.getByTestId('waiting-ticket').first()).toBeVisible();
    for (const number of numbers) await expect(waitingRows(staff, number)).toHaveCount(1);
  });

  test('an online answer that comes too late: the leased number the citizen holds is the one queued, once', async ({ page, context, hall }) => {
    await openEnrolledKiosk(page, hall);
    await expect.poll(() => leaseCount(page), { timeout: 20_000 }).toBe(8);
    // The server stores the ticket, but its answer reaches the kiosk only after the kiosk's 6 s wait.
    let onlineNumber: string | null = null;
    await page.route('**/api/v1/tickets', async (route) => {
      const response = await route.fetch();
      onlineNumber = ((await response.json()) as { ticket: { number: string } }).ticket.number;
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      await route.fulfill({ response }).catch(() => undefined);
    });
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('category-general').click();
    await expect(page.getByText('网络恢复后将自动登记此号')).toBeVisible({ timeout: 15_000 });
    const held = (await receiptTexts(page)).find((text) => /^H5\d{3}$/.test(text))!;
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    expect(onlineNumber).toMatch(/^H\d{3}$/);

    const staff = await openStaffWindow3(context, hall);
    await expect(waitingRows(staff, held)).toHaveCount(1, { timeout: 25_000 });
    // The online number was never shown to anyone: nobody would answer its call.
    await expect(waitingRows(staff, onlineNumber!)).toHaveCount(0);
  });
});
