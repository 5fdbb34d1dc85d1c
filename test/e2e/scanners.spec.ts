import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encode } from 'uqr';
import { expect, openEnrolledKiosk, test } from './fixtures.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './playwright.config.ts';

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

/**
 * Keys as a keyboard-wedge scanner sends them: each 4 ms after the previous one by the event's
 * own clock, all sent at once so that no round trip to the browser spreads them out.
 */
async function wedgeScan(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const keys = [...text].map((key) => ({ key, text: key }));
  const sends: Array<Promise<unknown>> = [];
  [...keys, { key: 'Enter', text: '\r' }].forEach(({ key, text: keyText }, index) => {
    const timestamp = start + index * 0.004;
    const common = { key, timestamp, ...(key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : {}) };
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: keyText, ...common }));
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }));
  });
  await Promise.all(sends);
  await cdp.detach();
}

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
});
