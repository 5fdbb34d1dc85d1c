import type { Shell } from '../../kiosk-shell/shell.ts';
import { DEMO_PIN, expect, holdHallName, openEnrolledKiosk, openEnrolledKioskWithBridge, openKiosk, startTestShell, test, typePin } from './fixtures.ts';

test.describe('hidden admin entry of a terminal that is not enrolled yet', () => {
  test('opens straight to enrollment, and a one-time code enrolls it', async ({ page, hall }) => {
    await openKiosk(page, hall);
    await holdHallName(page, 3300);
    await expect(page.locator('[data-screen="admin"]')).toBeVisible();
    await expect(page.getByTestId('enroll-state')).toHaveText('本终端尚未登记');
    const code = await hall.enrollmentCode();
    for (const key of code.replace('-', '')) await page.locator(`[data-screen="admin"] [data-key="${key}"]`).click();
    await page.getByTestId('enroll-submit').click();
    await expect(page.getByTestId('enroll-state')).toHaveText(/^已登记为：e2e-terminal-\d+$/);
  });
});

test.describe('hidden admin entry', () => {
  test.beforeEach(async ({ page, hall }) => openEnrolledKiosk(page, hall));

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

test.describe('the admin screen with a kiosk-shell', () => {
  let shell: Shell;
  test.beforeEach(async ({ hall }) => {
    shell = await startTestShell(hall.url);
  });
  test.afterEach(async () => {
    await shell.stop();
  });

  test('lists each device with why it is in its state, and the errors on the reader line', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    shell.simulator!.inject({ kind: 'bad-checksum', command: 'findCard' });
    await holdHallName(page, 3300);
    await typePin(page, DEMO_PIN);
    await expect(page.getByTestId('admin-device-reader-line')).toContainText('校验错 1，');
    await shell.simulator!.unplug();
    await expect(page.getByTestId('admin-device-reader')).toContainText('读卡器：故障 · 已拔出');
    await expect(page.getByTestId('admin-device-printer')).toHaveText('凭条打印机：未连接');
    await shell.simulator!.replug();
    await expect(page.getByTestId('admin-device-reader')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('admin-device-reader')).not.toContainText('已拔出');
  });
});
