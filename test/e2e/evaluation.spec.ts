import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { expect, openEnrolledKiosk, test, type Hall } from './fixtures.ts';

/** A Tuesday morning: every category is serving. */
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

const PHONE_VIEWPORT = { width: 390, height: 844 };

const receiptTexts = (page: Page) => page.getByTestId('receipt').locator('p').allTextContents();

/** Number leases in the kiosk's IndexedDB: one per category once the terminal has synced. */
const leaseCount = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('kiosk24');
        open.onsuccess = () => {
          const count = open.result.transaction('leases').objectStore('leases').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );

/** The back office's 好差评 section, logged in as the demo administrator. */
async function openAdminEvaluations(context: BrowserContext, hall: Hall): Promise<Page> {
  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1440, height: 900 });
  await admin.goto(`${hall.url}admin/evaluations`);
  await admin.getByTestId('login-username').fill('admin');
  await admin.getByTestId('login-password').fill('demo-admin-2026');
  await admin.getByTestId('login-submit').click();
  await expect(admin.getByTestId('evaluation-summary')).toBeVisible();
  return admin;
}

/** A window agent serves the ticket to the end, over the staff API: its track page then offers 好差评. */
async function serveTicket(request: APIRequestContext, hall: Hall, number: string): Promise<void> {
  const api = (path: string) => `${hall.url}api/v1${path}`;
  // Staff writes name the hall's own origin, as its pages do (the server refuses them otherwise: CSRF).
  const headers = { origin: new URL(hall.url).origin };
  expect((await request.post(api('/staff/login'), { data: { username: 'agent02', password: 'demo-agent-2026' } })).ok()).toBe(true);
  expect((await request.post(api('/staff/window'), { headers, data: { windowNumber: 9 } })).ok()).toBe(true);
  // Other tests of this worker may have queued real-estate tickets first: serve them too.
  for (let calls = 0; calls < 50; calls++) {
    const called = ((await (await request.post(api('/staff/call-next'), { headers })).json()) as { ticket: { id: string; number: string } | null }).ticket;
    expect(called).not.toBeNull();
    expect((await request.post(api(`/staff/tickets/${called!.id}/finish`), { headers })).ok()).toBe(true);
    if (called!.number === number) return;
  }
  throw new Error(`ticket ${number} was never called`);
}

test.describe('好差评', () => {
  test('a ticket rated 不满意 at the kiosk is rectified in the back office, and the citizen’s phone shows the outcome', async ({ page, context, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('category-household').click();
    const number = (await receiptTexts(page)).find((text) => /^A\d{3}$/.test(text))!;
    const trackUrl = (await page.getByTestId('receipt-qr').getAttribute('data-qr'))!;
    const token = trackUrl.split('/track/')[1]!;

    await page.getByTestId('ticket-evaluate').click();
    await expect(page.getByTestId('evaluation-subject')).toContainText(`号票 ${number}`);
    await expect(page.getByTestId('evaluation-subject')).toContainText('户籍业务');
    await page.getByTestId('level-2').click();
    await expect(page.getByTestId('evaluation-reasons')).toBeVisible();
    // 不满意 needs a reason before it can be sent.
    await expect(page.getByTestId('evaluation-submit')).toBeDisabled();
    await page.getByTestId('reason-slow').click();
    await page.getByTestId('evaluation-submit').click();
    await expect(page.getByTestId('evaluation-done')).toContainText('感谢您的评价');
    await expect(page.getByTestId('evaluation-done')).toHaveAttribute('data-queued', 'false');
    // Rated on Tuesday: due by the end of Wednesday.
    await expect(page.getByTestId('evaluation-done')).toContainText('11月25日');

    const admin = await openAdminEvaluations(context, hall);
    const row = admin.getByTestId('evaluation-row').filter({ has: admin.getByText(number, { exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('不满意');
    await expect(row).toContainText('办事效率低');
    await expect(row).toContainText('示例市公安局');
    await expect(row).toContainText('2026-11-25 下班前');
    await expect(row.getByTestId('overdue')).toHaveCount(0);
    await row.getByTestId('resolve').click();
    await admin.getByTestId('resolve-confirm').click();
    await expect(admin.getByTestId('resolve-error')).toContainText('请填写整改结果');
    const outcome = '已对窗口人员进行业务培训，高峰时段增开一个户籍窗口，并已电话回访致歉。';
    await admin.getByTestId('resolve-outcome').fill(outcome);
    await admin.getByTestId('resolve-confirm').click();
    await expect(admin.getByTestId('admin-notice')).toContainText(`已办结 ${number} 的整改`);
    await admin.getByTestId('filter-all-rectifications').click();
    await expect(row.getByTestId('rectification-outcome')).toContainText(outcome);

    const phone = await context.newPage();
    await phone.setViewportSize(PHONE_VIEWPORT);
    await phone.goto(`${hall.url}evaluate/ticket/${token}`);
    await expect(phone.getByTestId('evaluate-already')).toContainText('已评价');
    await expect(phone.getByTestId('evaluate-level')).toHaveText('不满意');
    await expect(phone.getByTestId('evaluate-rectification')).toHaveAttribute('data-status', 'resolved');
    await expect(phone.getByTestId('evaluate-outcome')).toHaveText(outcome);
  });

  test('from the phone: the track page of a served ticket leads to the evaluation, given once, then shown as 已评价', async ({ context, hall, playwright }) => {
    const deviceToken = await hall.terminalToken();
    const issued = await context.request.post(`${hall.url}api/v1/tickets`, {
      headers: { Authorization: `Bearer ${deviceToken}` },
      data: { clientId: crypto.randomUUID(), category: 'real-estate' },
    });
    const { ticket } = (await issued.json()) as { ticket: { number: string; trackToken: string } };
    const staff = await playwright.request.newContext();
    await serveTicket(staff, hall, ticket.number);
    await staff.dispose();

    const phone = await context.newPage();
    await phone.setViewportSize(PHONE_VIEWPORT);
    await phone.goto(`${hall.url}track/${ticket.trackToken}`);
    await expect(phone.getByTestId('track-status')).toHaveText('已办结');
    await phone.getByTestId('track-evaluate').click();
    await expect(phone).toHaveURL(`${hall.url}evaluate/ticket/${ticket.trackToken}`);
    await expect(phone.getByTestId('evaluate-subject')).toContainText(`号票 ${ticket.number}`);
    await phone.getByTestId('evaluate-submit').click();
    await expect(phone.getByTestId('evaluate-error')).toHaveText('请选择评价等级。');
    await phone.getByTestId('level-1').click();
    await phone.getByTestId('evaluate-submit').click();
    await expect(phone.getByTestId('evaluate-error')).toHaveText('请选择不满意的原因。');
    await phone.getByTestId('level-4').click();
    await expect(phone.getByTestId('evaluate-reasons')).toHaveCount(0);
    await phone.getByTestId('evaluate-comment').fill('窗口人员讲解很清楚');
    await phone.getByTestId('evaluate-submit').click();
    await expect(phone.getByTestId('evaluate-thanks')).toContainText('感谢您的评价');
    await expect(phone.getByTestId('evaluate-level')).toHaveText('满意');

    await phone.reload();
    await expect(phone.getByTestId('evaluate-already')).toContainText('已评价');
    await expect(phone.getByTestId('evaluate-already')).toContainText('窗口人员讲解很清楚');
    await expect(phone.getByTestId('evaluate-form')).toHaveCount(0);
    await phone.getByTestId('language-en').click();
    await expect(phone.getByTestId('evaluate-already')).toContainText('Already rated');
    await expect(phone.getByTestId('evaluate-level')).toHaveText('Satisfied');
  });

  test('offline: an evaluation of an offline ticket is queued and arrives exactly once on reconnect', async ({ page, context, hall }) => {
    await openEnrolledKiosk(page, hall);
    // As on a terminal in service: its service worker controls the page, so every screen opens offline.
    await page.evaluate(() => navigator.serviceWorker.ready);
    if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
      await page.reload();
      await expect(page.locator('html[data-ready="home"]')).toBeAttached();
    }
    await expect.poll(() => leaseCount(page), { timeout: 20_000 }).toBe(8);
    await page.getByTestId('tile-ticket').click();
    await expect(page.getByTestId('category-housing-fund')).toBeVisible();

    await context.setOffline(true);
    await page.getByTestId('category-housing-fund').click();
    await expect(page.getByText('网络恢复后将自动登记此号')).toBeVisible();
    const number = (await receiptTexts(page)).find((text) => /^G5\d{3}$/.test(text))!;
    expect(number).toBeTruthy();
    await page.getByTestId('ticket-evaluate').click();
    await expect(page.getByTestId('evaluation-subject')).toContainText(`号票 ${number}`);
    await page.getByTestId('level-1').click();
    await page.getByTestId('reason-repeat-visits').click();
    await page.getByTestId('evaluation-submit').click();
    await expect(page.getByTestId('evaluation-queued')).toContainText('网络恢复后将自动提交');

    await context.setOffline(false);
    const admin = await openAdminEvaluations(context, hall);
    const rows = admin.getByTestId('evaluation-row').filter({ has: admin.getByText(number, { exact: true }) });
    await expect(async () => {
      await admin.reload();
      await expect(rows).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(rows).toContainText('非常不满意');
    await expect(rows).toContainText('多次跑腿');
    await expect(rows).toContainText('自助终端');
    // A second sync round of the kiosk sends nothing again: its outbox is empty.
    await page.waitForTimeout(11_000);
    await admin.reload();
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId('nav-home')).toBeVisible();
  });
});
