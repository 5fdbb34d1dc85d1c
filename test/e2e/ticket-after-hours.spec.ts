import { expect, openEnrolledKiosk, test } from './fixtures.ts';

/** National Day, 20:30: the hall is closed until 8 October. */
test.use({ hallEnv: { KIOSK_NOW: '2026-10-01T20:30:00+08:00' } });

test('on a holiday evening the ticket is for the next open session', async ({ page, hall }) => {
  await openEnrolledKiosk(page, hall);
  await page.getByTestId('tile-ticket').click();
  await expect(page.getByTestId('category-exit-entry')).toContainText('已下班，可预取下一时段号码');
  await expect(page.getByTestId('category-exit-entry')).toContainText('2026-10-08');
  await page.getByTestId('category-exit-entry').click();
  await expect(page.getByTestId('receipt')).toContainText('办理时间: 2026-10-08 09:00-12:00');
  await expect(page.getByTestId('receipt')).toContainText('2026-10-01 20:30');
});
