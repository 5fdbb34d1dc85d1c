import { expect, openKiosk, test } from './fixtures.ts';

test.describe('lockdown in the page', () => {
  test.beforeEach(async ({ page, hall }) => openKiosk(page, hall));

  test('blocks the context menu, text selection, image drag and zoom gestures', async ({ page }) => {
    const prevented = await page.evaluate(() => {
      const target = document.querySelector('[data-testid="tile-ticket"]')!;
      const fire = (event: Event) => !target.dispatchEvent(event);
      return {
        contextmenu: fire(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
        selectstart: fire(new Event('selectstart', { bubbles: true, cancelable: true })),
        dragstart: fire(new DragEvent('dragstart', { bubbles: true, cancelable: true })),
        dblclick: fire(new MouseEvent('dblclick', { bubbles: true, cancelable: true })),
        ctrlWheel: fire(new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 })),
        ctrlPlus: fire(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ctrlKey: true, key: '=' })),
        plainWheel: fire(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY: 100 })),
      };
    });
    expect(prevented).toEqual({
      contextmenu: true,
      selectstart: true,
      dragstart: true,
      dblclick: true,
      ctrlWheel: true,
      ctrlPlus: true,
      plainWheel: false,
    });
    const styles = await page.evaluate(() => ({
      touchAction: getComputedStyle(document.documentElement).touchAction,
      userSelect: getComputedStyle(document.body).userSelect,
    }));
    expect(styles).toEqual({ touchAction: 'pan-x pan-y', userSelect: 'none' });
  });

  test('does not zoom on a pinch gesture', async ({ browser, hall }) => {
    // A touch screen as Chromium emulates it; the pinch is synthesised like a trackpad pinch,
    // which is the form headless Chromium turns into a zoom.
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const pinch = async () => {
      await cdp.send('Input.synthesizePinchGesture', { x: 540, y: 900, scaleFactor: 2.5, gestureSourceType: 'mouse' });
      return page.evaluate(() => window.visualViewport!.scale);
    };
    await openKiosk(page, hall);
    expect(await pinch()).toBe(1);
    // The same gesture does zoom a page without the lockdown, so the check above means something.
    await page.goto(`${hall.url}api/v1/no-such-page`);
    expect(await pinch()).toBeGreaterThan(1.5);
    await context.close();
  });

  test('lets the context menu of the browser never open on a right click', async ({ page }) => {
    const opened = page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          document.addEventListener('contextmenu', (event) => resolve(event.defaultPrevented), { once: true });
        }),
    );
    await page.getByTestId('tile-ticket').click({ button: 'right' });
    expect(await opened).toBe(true);
  });

  test('refuses links and windows off the origin with a message', async ({ page, hall }) => {
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = 'https://example.com/';
      link.textContent = 'outside';
      link.id = 'outside';
      link.style.cssText = 'display:block;min-height:64px';
      document.querySelector('main')!.prepend(link);
    });
    await page.locator('#outside').click();
    await expect(page.getByTestId('notice')).toHaveText('为保障安全，本终端不能打开外部网站。');
    expect(page.url()).toBe(hall.url);
    expect(await page.evaluate(() => window.open('https://example.com/'))).toBeNull();
  });

  test('a back gesture stays on the kiosk', async ({ page, hall }) => {
    await page.getByTestId('tile-guide').click();
    await page.goBack().catch(() => undefined);
    await page.goBack().catch(() => undefined);
    await expect.poll(() => page.url()).toBe(hall.url);
    await expect(page.locator('[data-screen]')).toBeVisible();
  });

  test('an uncaught error shows "please wait" and recovers to a fresh home screen', async ({ page }) => {
    await page.getByTestId('tile-progress').click();
    await page.getByTestId('case-number').fill('ERR1');
    await page.evaluate(() => setTimeout(() => {
      throw new Error('simulated fault');
    }));
    await expect(page.getByTestId('recovering')).toBeVisible();
    await expect(page.getByTestId('recovering')).toContainText('系统正在恢复');
    await expect(page.locator('body')).not.toContainText('simulated fault');
    await expect(page.locator('[data-screen="home"]')).toBeVisible({ timeout: 8000 });
    await page.getByTestId('tile-progress').click();
    await expect(page.getByTestId('case-number')).toHaveValue('');
  });
});
