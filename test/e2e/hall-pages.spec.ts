import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test, type Hall } from './fixtures.ts';

// A Tuesday at 10:00 in Beijing: the hall is open, so tickets are for today and can be called.
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

const STAFF_VIEWPORT = { width: 1280, height: 800 };
const DISPLAY_VIEWPORT = { width: 1920, height: 1080 };
const PHONE_VIEWPORT = { width: 390, height: 844 };

interface IssuedTicket {
  number: string;
  trackToken: string;
}

async function takeTicket(request: APIRequestContext, hall: Hall, deviceToken: string): Promise<IssuedTicket> {
  const response = await request.post(`${hall.url}api/v1/tickets`, {
    headers: { Authorization: `Bearer ${deviceToken}` },
    data: { clientId: crypto.randomUUID(), category: 'household' },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { ticket: IssuedTicket }).ticket;
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

type SpokenWindow = { spoken: string[] };

/** Stand-in for the platform's speech engine: headless Chromium ships no voices. */
async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as SpokenWindow).spoken = spoken;
    class Utterance {
      text: string;
      lang = '';
      rate = 1;
      voice: unknown = null;
      onerror: unknown = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance });
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        getVoices: () => [{ lang: 'zh-CN', name: 'Demo Mandarin' }],
        speak: (utterance: Utterance) => spoken.push(utterance.text),
        cancel: () => undefined,
      },
    });
  });
}

const spokenOn = (page: Page) => page.evaluate(() => (window as unknown as SpokenWindow).spoken);

test.describe('hall pages', () => {
  test('a call travels from the staff screen to the hall display, its voice and the citizen’s phone', async ({ page, context, hall, request }) => {
    const errors: string[] = [];
    const deviceToken = await hall.terminalToken();
    // The only test here that takes tickets: in the file's fresh hall these are A001 to A003.
    const [first, second, third] = [await takeTicket(request, hall, deviceToken), await takeTicket(request, hall, deviceToken), await takeTicket(request, hall, deviceToken)];

    const display = await context.newPage();
    display.on('pageerror', (error) => errors.push(error.message));
    await display.setViewportSize(DISPLAY_VIEWPORT);
    await recordSpeech(display);
    await display.goto(`${hall.url}display`);
    await expect(display.getByTestId('hall-name')).toHaveText('示例市政务服务中心');
    await expect(display.getByTestId('waiting-household')).toContainText('3');
    await expect(display.getByTestId('no-calls')).toBeVisible();

    const phone = await context.newPage();
    await phone.setViewportSize(PHONE_VIEWPORT);
    await phone.goto(`${hall.url}track/${second!.trackToken}`);
    await expect(phone.getByTestId('track-number')).toHaveText(second!.number);
    await expect(phone.getByTestId('track-status')).toHaveText('等候中');
    await expect(phone.getByTestId('track-ahead')).toHaveText('1 人');
    await expect(phone.getByTestId('track-session')).toHaveText('上午 09:00–12:00');

    await test.step('the agent logs in and picks window 3', async () => {
      // Headless Chromium paints only the front tab, and a click waits for paint: the agent's
      // screen is the one clicked. The display and phone still update behind it.
      await page.bringToFront();
      await page.setViewportSize(STAFF_VIEWPORT);
      await page.goto(`${hall.url}staff`);
      await logIn(page, 'agent01', 'wrong-password');
      await expect(page.getByTestId('login-message')).toHaveText('用户名或密码错误，请重新输入。');
      await logIn(page, 'agent01', 'demo-agent-2026');
      await page.getByTestId('window-3').click();
      await expect(page.getByTestId('staff-title')).toHaveText('3号窗口 · 叫号');
      await expect(page.getByTestId('waiting-ticket')).toHaveText([first!.number, second!.number, third!.number].map((n) => new RegExp(`^${n}`)));
      // The session is a cookie: a reload comes back to the same window.
      await page.reload();
      await expect(page.getByTestId('staff-title')).toHaveText('3号窗口 · 叫号');
    });

    await test.step('calling next shows the number at the window and, live, on the display, and speaks it', async () => {
      await page.getByTestId('call-next').click();
      await expect(page.getByTestId('current-number')).toHaveText(first!.number);
      await expect(page.getByTestId('current-category')).toHaveText('户籍业务');
      await expect(page.getByTestId('call-next')).toBeDisabled();
      await expect(display.getByTestId('newest-call')).toHaveText(`${first!.number}→3号窗口`);
      await expect(display.getByTestId('waiting-household')).toContainText('2');
      await expect.poll(() => spokenOn(display)).toEqual([`请${first!.number}号到3号窗口`]);
    });

    await test.step('a recall is spoken again', async () => {
      await page.getByTestId('recall').click();
      await expect(page.getByTestId('staff-notice')).toHaveText(`已重呼 ${first!.number}`);
      // "请A001号到3号窗口" in this file's fresh hall; read from the ticket so a reused worker cannot break it.
      const announcement = `请${first!.number}号到3号窗口`;
      await expect.poll(() => spokenOn(display)).toEqual([announcement, announcement]);
    });

    await test.step('finishing moves the queue; the next citizen’s phone says where to go', async () => {
      await page.getByTestId('finish').click();
      await expect(page.getByTestId('current-empty')).toBeVisible();
      await expect(page.getByTestId('waiting-count')).toHaveText('2 人');
      await expect(phone.getByTestId('track-ahead')).toHaveText('0 人');
      await page.getByTestId('call-next').click();
      await expect(page.getByTestId('current-number')).toHaveText(second!.number);
      await expect(phone.getByTestId('track-status')).toHaveText('请到3号窗口办理');
      await expect(display.getByTestId('newest-call')).toHaveText(`${second!.number}→3号窗口`);
    });

    await test.step('a no-show moves the queue too', async () => {
      await page.getByTestId('no-show').click();
      await expect(page.getByTestId('staff-notice')).toHaveText(`${second!.number} 已过号`);
      await expect(page.getByTestId('waiting-count')).toHaveText('1 人');
      await expect(phone.getByTestId('track-status')).toHaveText('已过号');
      await page.getByTestId('call-next').click();
      await expect(page.getByTestId('current-number')).toHaveText(third!.number);
      await page.getByTestId('finish').click();
      await expect(page.getByTestId('waiting-count')).toHaveText('0 人');
      await page.getByTestId('call-next').click();
      await expect(page.getByTestId('staff-notice')).toHaveText('当前没有等候的号码。');
      await expect(display.getByTestId('no-calls')).toBeVisible();
      await expect(display.getByTestId('waiting-household')).toContainText('0');
    });

    expect(errors).toEqual([]);
  });

  test('a ticket link that matches no ticket gets a friendly message, in English too', async ({ page, hall }) => {
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto(`${hall.url}track/ThisIsNoTicketToken123`);
    await expect(page.getByTestId('track-unknown')).toContainText('找不到这张号票');
    await page.getByTestId('toggle-language').click();
    await expect(page.getByTestId('track-unknown')).toContainText('Ticket not found');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test('the administrator sees the fleet with a reporting terminal, and revokes it after confirming', async ({ page, hall, request }) => {
    const deviceToken = await hall.terminalToken();
    const heartbeat = () =>
      request.post(`${hall.url}api/v1/terminals/heartbeat`, {
        headers: { Authorization: `Bearer ${deviceToken}` },
        data: { appVersion: '0.1.0', devices: { reader: 'ready' }, paper: 'ok', outboxDepth: 0, lastErrorCode: null },
      });
    expect((await heartbeat()).ok()).toBe(true);

    await page.setViewportSize(STAFF_VIEWPORT);
    await page.goto(`${hall.url}admin/fleet`);
    await logIn(page, 'admin', 'demo-admin-2026');
    const row = page.getByTestId('terminal-row').filter({ hasText: '0.1.0' });
    await expect(row).toContainText('已注册');
    await expect(row).toContainText('2026-11-24 10:');
    await expect(row).toContainText('读卡器：正常');
    await expect(row.getByTestId('stale')).toHaveCount(0);

    await row.getByTestId('revoke').click();
    await expect(page.getByTestId('revoke-dialog')).toContainText('吊销终端');
    await page.getByTestId('revoke-cancel').click();
    await expect(page.getByTestId('revoke-dialog')).toBeHidden();
    await expect(row).toContainText('已注册');

    await row.getByTestId('revoke').click();
    await page.getByTestId('revoke-confirm').click();
    await expect(row).toContainText('已吊销');
    await expect(row.getByTestId('revoke')).toHaveCount(0);
    expect((await heartbeat()).status()).toBe(401);
  });

  test('a window agent is told the back office is for administrators', async ({ page, hall }) => {
    await page.setViewportSize(STAFF_VIEWPORT);
    await page.goto(`${hall.url}admin`);
    await logIn(page, 'agent02', 'demo-agent-2026');
    await expect(page.getByTestId('not-admin')).toContainText('不是管理员');
    await page.getByTestId('switch-account').click();
    await expect(page.getByTestId('login-form')).toBeVisible();
  });
});
