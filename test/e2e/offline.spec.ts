import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DEMO_PIN, expect, holdHallName, test, typePin } from './fixtures.ts';

test.use({ hallEnv: { KIOSK_HALL_NAME: '丙市政务服务中心' } });

/** Loads the kiosk and waits until its service worker controls the page. */
async function openControlled(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('html[data-ready="home"]')).toBeAttached();
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    await expect(page.locator('html[data-ready="home"]')).toBeAttached();
  }
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

test.describe('offline', () => {
  test('a cold start with the network down still shows the home screen', async ({ page, context, hall }) => {
    await openControlled(page, hall.url);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await expect(page.getByTestId('network-state')).toHaveAttribute('data-state', 'offline');

    const cold = await context.newPage();
    await cold.goto(hall.url);
    await expect(cold.locator('[data-screen="home"]')).toBeVisible();
    // The hall's own settings come from the copy kept in IndexedDB.
    await expect(cold.getByTestId('hall-name')).toHaveText('丙市政务服务中心');
    await cold.getByTestId('tile-guide').click();
    await expect(cold.locator('[data-screen="guide"]')).toBeVisible();

    await context.setOffline(false);
    await expect(page.getByTestId('offline-banner')).toBeHidden();
  });
});

test.describe('updates', () => {
  test('a new version waits during a journey and is applied on the idle home screen', async ({ page, hall }) => {
    await openControlled(page, hall.url);
    await page.getByTestId('tile-progress').click();
    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));

    // Publish a new version: any byte change of the service worker script is one.
    appendFileSync(join(hall.webRoot, 'sw.js'), `\n// release ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect.poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(true);

    // In the middle of a journey nothing happens.
    await page.waitForTimeout(1500);
    await expect(page.locator('[data-screen="progress"]')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBe(true);

    // Back on the idle home screen, the new version takes over with a reload.
    const reloaded = page.waitForEvent('load');
    await page.getByTestId('nav-exit').click();
    await reloaded;
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBeUndefined();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();
  });
});

test.describe('admin update', () => {
  test('"update now" applies a new version at once', async ({ page, hall }) => {
    await openControlled(page, `${hall.url}#enroll=${await hall.enrollmentCode()}`);
    await expect(page.locator('html[data-terminal="enrolled"]')).toBeAttached();
    await holdHallName(page, 3300);
    await typePin(page, DEMO_PIN);
    await expect(page.locator('[data-screen="admin"]')).toBeVisible();
    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));

    appendFileSync(join(hall.webRoot, 'sw.js'), `\n// release ${Date.now()}\n`);
    const reloaded = page.waitForEvent('load');
    await page.getByTestId('admin-update').click();
    await reloaded;
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBeUndefined();
  });
});
