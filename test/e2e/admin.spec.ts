import { DEMO_PIN, expect, holdHallName, openKiosk, test, typePin } from './fixtures.ts';

test.describe('hidden admin entry', () => {
  test.beforeEach(async ({ page, hall }) => openKiosk(page, hall));

  test('needs a three second press on the hall name', async ({ page }) => {
    await holdHallName(page, 1000);
    await expect(page.getByTestId('pin-dialog')).toBeHidden();
    await holdHallName(page, 3300);
    await expect(page.getByTestId('pin-dialog')).toBeVisible();
  });

  test('opens the admin screen with the right PIN and shows real facts', async ({ page }) => {
    await holdHallName(page, 3300);
    await typePin(page, DEMO_PIN);
    await expect(page.locator('[data-screen="admin"]')).toBeVisible();
    await expect(page.getByTestId('admin-version')).toHaveText(/^0\.1\.0\+\w+$/);
    await expect(page.getByTestId('admin-storage')).toHaveText(/\d+\.\d MB \/ \d+\.\d MB/);
    await expect(page.getByTestId('admin-sw')).not.toHaveText('');
    await expect(page.getByTestId('admin-device-reader')).toContainText('未连接');
    await page.getByTestId('admin-exit').click();
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
  });

  test('locks for five minutes after five wrong PINs, across a reload', async ({ page }) => {
    await holdHallName(page, 3300);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await typePin(page, '1111');
      await expect(page.getByTestId('pin-message')).toHaveText(`密码错误，还可尝试 ${5 - attempt} 次。`);
    }
    await typePin(page, '1111');
    await expect(page.getByTestId('pin-message')).toHaveText('错误次数过多，已锁定，请 5 分钟后再试。');
    await expect(page.getByTestId('pin-submit')).toBeDisabled();

    await page.reload();
    await expect(page.locator('html[data-ready="home"]')).toBeAttached();
    await holdHallName(page, 3300);
    await expect(page.getByTestId('pin-message')).toContainText('已锁定');
    await expect(page.getByTestId('pin-dialog').locator('[data-key="1"]')).toHaveCount(0);
  });
});
