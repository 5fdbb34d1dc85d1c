import { expect, everythingLeftBehind, openKiosk, test } from './fixtures.ts';

const MARKER = 'ZQX7319MARKER';

test.describe('citizen session', () => {
  test.beforeEach(async ({ page, hall }) => {
    await page.clock.install();
    await openKiosk(page, hall);
  });

  async function enterMarker(page: import('@playwright/test').Page) {
    await page.getByTestId('tile-progress').click();
    await page.getByTestId('case-number').fill(MARKER);
    await page.getByTestId('language-en').click();
    await page.getByTestId('elder-mode').click();
    await expect(page.getByTestId('case-number')).toHaveValue(MARKER);
  }

  test('counts down the last ten seconds of an idle session, then resets to a clean home', async ({ page }) => {
    await enterMarker(page);
    await page.clock.runFor(49_000);
    await expect(page.getByTestId('idle-countdown')).toBeHidden();
    await page.clock.runFor(1_500);
    await expect(page.getByTestId('idle-countdown')).toBeVisible();
    await expect(page.getByTestId('idle-seconds')).toHaveText('10');
    await page.clock.runFor(5_000);
    await expect(page.getByTestId('idle-seconds')).toHaveText('5');
    await page.clock.runFor(5_000);
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    await expect(page.getByTestId('idle-countdown')).toBeHidden();
    await expect(page.locator('#home-greeting')).toHaveText('您好，请选择要办理的业务');
    await expect(page.locator('html')).toHaveAttribute('data-elder', 'off');

    expect(await everythingLeftBehind(page)).not.toContain(MARKER);
    await page.getByTestId('tile-progress').click();
    await expect(page.getByTestId('case-number')).toHaveValue('');
  });

  test('keeps the session when the citizen touches the screen during the countdown', async ({ page }) => {
    await enterMarker(page);
    await page.clock.runFor(52_000);
    await expect(page.getByTestId('idle-countdown')).toBeVisible();
    await page.mouse.click(540, 1200);
    await expect(page.getByTestId('idle-countdown')).toBeHidden();
    await page.clock.runFor(40_000);
    await expect(page.getByTestId('case-number')).toHaveValue(MARKER);
  });

  test('ends on the exit button and leaves nothing of the session behind', async ({ page }) => {
    await enterMarker(page);
    // The search does find the marker while the session is on, so its absence later means something.
    expect(await everythingLeftBehind(page)).toContain(MARKER);
    await page.getByTestId('nav-exit').click();
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    await expect(page.getByTestId('nav-exit')).toBeHidden();
    expect(await everythingLeftBehind(page)).not.toContain(MARKER);
  });
});
