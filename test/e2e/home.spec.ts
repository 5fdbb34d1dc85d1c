import { JOURNEY_IDS } from '../../src/app/journeys/journeys.ts';
import { expect, openKiosk, test } from './fixtures.ts';

test.use({ hallEnv: { KIOSK_NOW: '2026-10-01T20:30:00+08:00' } });

test.describe('home screen', () => {
  test('opens every journey from its tile and comes back home', async ({ page, hall }) => {
    await openKiosk(page, hall);
    for (const journey of JOURNEY_IDS) {
      const tile = page.getByTestId(`tile-${journey}`);
      const title = (await tile.locator('span').nth(1).textContent())!;
      await tile.click();
      await expect(page.locator(`[data-screen="${journey}"]`)).toBeVisible();
      await expect(page.locator('#journey-title')).toHaveText(title);
      if (journey === 'ticket') await expect(page.getByTestId('ticket-error')).toContainText('本终端尚未登记');
      else if (journey === 'certificates') await expect(page.getByTestId('identify-waiting')).toBeVisible();
      else if (journey === 'evaluation') await expect(page.getByTestId('evaluation-entry')).toBeVisible();
      else if (journey === 'guide') await expect(page.getByTestId('guide-tab-department')).toBeVisible();
      else if (journey === 'cases') await expect(page.getByTestId('cases-items')).toBeVisible();
      else await expect(page.getByTestId('case-number')).toBeVisible();
      await page.getByTestId('nav-home').click();
      await expect(page.locator('[data-screen="home"]')).toBeVisible();
    }
  });

  test('switches language on every screen and returns to simplified Chinese after the session', async ({ page, hall }) => {
    await openKiosk(page, hall);
    await page.getByTestId('language-en').click();
    await expect(page.locator('#home-greeting')).toHaveText('Welcome. Please choose a service');
    await expect(page.getByTestId('hall-name')).toHaveText('Example City Government Service Center');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByTestId('tile-guide').click();
    await expect(page.locator('#journey-title')).toHaveText('Service guide');
    await page.getByTestId('language-zh-TW').click();
    await expect(page.locator('#journey-title')).toHaveText('辦事指南');
    await expect(page.getByTestId('nav-home')).toHaveText('返回首頁');
    await page.getByTestId('nav-exit').click();
    await expect(page.locator('#home-greeting')).toHaveText('您好，请选择要办理的业务');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });

  test('elder mode enlarges type to at least 28 px and is forgotten after the session', async ({ page, hall }) => {
    await openKiosk(page, hall);
    const bodySize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    const tileSize = () => page.getByTestId('tile-ticket').locator('span').nth(1).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normalTile = await tileSize();
    expect(await bodySize()).toBeLessThan(28);
    await page.getByTestId('elder-mode').click();
    await expect(page.getByTestId('elder-mode')).toHaveAttribute('aria-pressed', 'true');
    expect(await bodySize()).toBeGreaterThanOrEqual(28);
    expect(await tileSize()).toBeGreaterThan(normalTile);
    await page.getByTestId('tile-progress').click();
    expect(await bodySize()).toBeGreaterThanOrEqual(28);
    await page.getByTestId('nav-exit').click();
    expect(await bodySize()).toBeLessThan(28);
  });

  test('shows the hall, the pinned clock, the network and absent devices in the status bar', async ({ page, hall }) => {
    await openKiosk(page, hall);
    await expect(page.getByTestId('hall-name')).toHaveText('示例市政务服务中心');
    await expect(page.getByTestId('clock')).toContainText('20:3');
    await expect(page.getByTestId('clock')).toContainText('2026-10-01 星期四');
    await expect(page.getByTestId('network-state')).toHaveAttribute('data-state', 'online');
    for (const device of ['reader', 'scanner', 'printer', 'docPrinter']) {
      await expect(page.getByTestId(`device-${device}`)).toHaveAttribute('data-state', 'absent');
    }
    await expect(page.getByTestId('device-reader')).toContainText('未连接');
  });

  test('gives every control a touch target of at least 64 px, in both modes', async ({ page, hall }) => {
    await openKiosk(page, hall);
    const tooSmall = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('button, a[href], input, select, textarea, [role="button"]')]
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.width < 64 || box.height < 64))
          .map(({ el, box }) => `${el.outerHTML.slice(0, 80)} ${box.width}x${box.height}`),
      );
    for (const elder of [false, true]) {
      if (elder) await page.getByTestId('elder-mode').click();
      expect(await tooSmall()).toEqual([]);
      await page.getByTestId('tile-progress').click();
      expect(await tooSmall()).toEqual([]);
      await page.getByTestId('nav-home').click();
    }
  });
});
