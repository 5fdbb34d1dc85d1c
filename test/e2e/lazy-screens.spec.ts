import { expect, openKiosk, test } from './fixtures.ts';

const PROGRESS_CHUNK = /\/assets\/ProgressScreen-[\w-]+\.js$/;

test.describe('screens loaded on first use', () => {
  test('a screen whose code arrives between its first render and its effects still opens', async ({ page, hall }) => {
    // Hold the progress screen's code once its prefetch asks for it.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const requested = new Promise<void>((resolve) => {
      void page.route(PROGRESS_CHUNK, async (route) => {
        resolve();
        await held;
        await route.continue();
      });
    });
    await page.clock.install();
    await openKiosk(page, hall);
    await requested;

    // Frozen time: the tap renders "opening" at once, but Preact's effects wait for a frame.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    await page.getByTestId('tile-progress').click();
    await expect(page.getByTestId('screen-loading')).toBeVisible();

    // The code arrives and is evaluated while the effects still wait; then time goes on.
    const arrived = page.waitForResponse(PROGRESS_CHUNK);
    release();
    await arrived;
    await page.waitForTimeout(300);
    await page.clock.resume();

    await expect(page.getByTestId('case-number')).toBeVisible();
    await expect(page.getByTestId('screen-loading')).toHaveCount(0);
  });
});
