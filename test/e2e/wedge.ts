import type { Page } from '@playwright/test';

/**
 * Keys as a keyboard-wedge scanner sends them: each 4 ms after the previous one by the event's
 * own clock, all sent at once so that no round trip to the browser spreads them out.
 */
export async function wedgeScan(page: Page, text: string): Promise<void> {
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
