import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'uqr';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { expect, openEnrolledKiosk, test } from './fixtures.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './playwright.config.ts';
import { wedgeScan } from './wedge.ts';

/**
 * A camera that films a QR code: a Y4M video Chromium plays as its fake webcam. Luma only (the
 * chroma planes are grey), 16 pixels a module, on a white frame.
 */
function qrVideo(text: string): string {
  const qr = encode(text, { ecc: 'M', border: 4 });
  const width = 640;
  const height = 480;
  const module = 16;
  const offsetX = Math.floor((width - qr.size * module) / 2);
  const offsetY = Math.floor((height - qr.size * module) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < qr.size * module; y++) {
    for (let x = 0; x < qr.size * module; x++) {
      if (qr.data[Math.floor(y / module)]![Math.floor(x / module)]) luma[(offsetY + y) * width + offsetX + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const path = join(mkdtempSync(join(tmpdir(), 'kiosk24-camera-')), 'qr.y4m');
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
  return path;
}

test.use({
  hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' },
  permissions: ['camera'],
  launchOptions: {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo('YY0001')}`],
  },
});


test.describe('scanners in the ticket journey', () => {
  test('a booking code from a keyboard-wedge scanner is taken as a scan, never typed into the focused field; typing stays intact', async ({ page, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('identity-open').click();
    const field = page.getByTestId('id-number');
    await field.focus();

    await wedgeScan(page, 'YY0001');
    await expect(page.getByTestId('appointment-code')).toHaveAttribute('data-code', 'YY0001');
    await expect(field).toHaveValue('');

    // A person at a keyboard: every key arrives, in order.
    await field.focus();
    await page.keyboard.type('11010519', { delay: 120 });
    await expect(field).toHaveValue('11010519');
  });

  test('a code that is no booking code gets a clear message and changes nothing', async ({ page, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    // A scan counts only once the categories are shown.
    await expect(page.getByTestId('category-household')).toBeVisible();
    await wedgeScan(page, 'https://example.org/q');
    await expect(page.getByTestId('appointment-not-booking')).toHaveText('这不是预约码，请扫描预约短信或预约页面上的二维码。');
    await expect(page.getByTestId('appointment-code')).toHaveCount(0);
  });

  test('the camera reads a booking QR code, and the booked citizen gets a priority ticket', async ({ page, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('appointment-camera').click();
    await expect(page.getByTestId('appointment-code')).toHaveAttribute('data-code', 'YY0001', { timeout: 20_000 });
    // The camera is released once the code is read.
    await expect(page.getByTestId('camera-scanner')).toHaveCount(0);
    await page.getByTestId('category-household').click();
    await expect(page.getByText('已为您安排优先办理')).toBeVisible();
  });

  // The hall's clock is pinned at 10:00 in Beijing: YY0002 is booked 12:00-12:30 and YY0003 07:00-07:30.
  test('a booking code scanned too early names the booked time in Beijing time, and one tap takes an ordinary ticket', async ({ page, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    // A scan counts only once the categories are shown.
    await expect(page.getByTestId('category-household')).toBeVisible();
    await wedgeScan(page, 'YY0002');
    await expect(page.getByTestId('appointment-code')).toHaveAttribute('data-code', 'YY0002');
    await page.getByTestId('category-household').click();
    const error = page.getByTestId('ticket-error');
    await expect(error).toHaveAttribute('data-code', 'appointment-too-early');
    await expect(error).toHaveText('预约时段未到，请在 12:00 后再来取号，或现在取普通号。');
    await page.getByTestId('ticket-take-ordinary').click();
    await expect(page.getByTestId('receipt')).toContainText(/A\d{3}/);
    await expect(page.getByText('已为您安排优先办理')).toHaveCount(0);
  });

  test('an identified citizen before the booked time gets an ordinary ticket and is told the booked time in Beijing time', async ({ page, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('identity-open').click();
    await page.getByTestId('id-number').fill(DEMO_PEOPLE.early.idNumber);
    await page.getByTestId('category-household').click();
    await expect(page.getByTestId('appointment-notice')).toHaveText('您的预约时段 12:00 才开始，本次已为您取普通号；预约时段内取号可优先办理。');
    await expect(page.getByTestId('receipt')).toContainText(/A\d{3}/);
  });

  test('an expired booking code is said plainly to have given no ticket, and one tap takes an ordinary one', async ({ page, hall }) => {
    await openEnrolledKiosk(page, hall);
    await page.getByTestId('tile-ticket').click();
    // A scan counts only once the categories are shown.
    await expect(page.getByTestId('category-household')).toBeVisible();
    await wedgeScan(page, 'YY0003');
    await expect(page.getByTestId('appointment-code')).toHaveAttribute('data-code', 'YY0003');
    await page.getByTestId('category-household').click();
    const error = page.getByTestId('ticket-error');
    await expect(error).toHaveAttribute('data-code', 'appointment-expired');
    await expect(error).toHaveText('您的预约时段（07:00-07:30）已过，预约已失效，本次未取号。如需办理，请取普通号排队。');
    // No ticket yet: retrying the code would only be refused again, so the screen offers the ordinary ticket.
    await expect(page.getByTestId('receipt')).toHaveCount(0);
    await expect(page.getByTestId('ticket-retry')).toHaveCount(0);
    await page.getByTestId('ticket-take-ordinary').click();
    await expect(page.getByTestId('receipt')).toContainText(/A\d{3}/);
    await expect(page.getByText('已为您安排优先办理')).toHaveCount(0);
    await expect(page.getByTestId('appointment-notice')).toHaveCount(0);
  });
});
