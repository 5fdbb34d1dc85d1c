import type { CDPSession, Page } from 'playwright-core';

const KEY_GAP_S = 0.004;
/**
 * The burst's clock starts this far ahead. On a busy machine the first keys reach the page later
 * than their timestamps say; once the page's clock passes the last key's time by the wedge
 * detector's 30 ms gap, it would take the keys held so far for typing and split the code. Three
 * seconds: a loaded 2-core CI machine once lost a code's scan with one.
 */
const LEAD_S = 3;

/**
 * Keys as a keyboard-wedge scanner sends them: each 4 ms after the previous one by the event's
 * own clock, all sent at once so that no round trip to the browser spreads them out.
 */
export async function dispatchWedgeScan(cdp: CDPSession, text: string): Promise<void> {
  const start = Date.now() / 1000 + LEAD_S;
  const sends: Array<Promise<unknown>> = [];
  [...[...text].map((key) => ({ key, text: key })), { key: 'Enter', text: '\r' }].forEach(({ key, text: keyText }, index) => {
    const common = { key, timestamp: start + index * KEY_GAP_S, ...(key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13 } : {}) };
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: keyText, ...common }));
    sends.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }));
  });
  await Promise.all(sends);
}

export async function wedgeScan(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await dispatchWedgeScan(cdp, text);
  await cdp.detach();
}
