import type { Shell } from '../../kiosk-shell/shell.ts';
import { DEMO_CARDS } from '../../kiosk-shell/drivers/sam-reader/demo-cards.ts';
import { startCaptureServer, type CaptureServer } from '../../kiosk-shell/drivers/escpos/capture-server.ts';
import { bridgeFragment, expect, openEnrolledKioskWithBridge, openKiosk, startTestShell, test } from './fixtures.ts';

/** A Tuesday morning: every category is serving, so a ticket can be taken. */
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

test.describe('the device bridge in the kiosk', () => {
  let shell: Shell;
  let logs: string[];
  test.beforeEach(async ({ hall }) => {
    logs = [];
    shell = await startTestShell(hall.url, (line) => logs.push(line));
  });
  test.afterEach(async () => {
    await shell.stop();
  });

  test('shows the shell device states, removes the launch fragment, and keeps card contents out of the page', async ({ page, hall }) => {
    await page.goto(`${hall.url}#${bridgeFragment(shell)}`);
    await expect(page.locator('html[data-ready="home"]')).toBeAttached();
    await expect.poll(() => page.url()).toBe(hall.url);
    await expect(page.getByTestId('device-reader')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('device-printer')).toHaveAttribute('data-state', 'absent');
    expect(shell.bridge.connectedClients).toBe(1);

    shell.simulator!.insert('citizen');
    // The card opens the identify screen, which shows the holder masked and nothing more.
    await expect(page.getByTestId('identified-name')).toHaveText('王**');
    const html = await page.content();
    expect(html).not.toContain(DEMO_CARDS.citizen.name);
    expect(html).not.toContain(DEMO_CARDS.citizen.idNumber);
    shell.simulator!.remove();
    await expect.poll(() => logs.includes('bridge: -> card.removed')).toBe(true);
    // The shell's log has message types only.
    expect(logs.join('\n')).not.toContain(DEMO_CARDS.citizen.idNumber);

    // A reload loses the fragment: the page then runs as a plain browser with every device absent.
    await page.reload();
    await expect(page.getByTestId('device-reader')).toHaveAttribute('data-state', 'absent');
  });

  test('a wrong token leaves the devices absent', async ({ page, hall }) => {
    await page.goto(`${hall.url}#bridge=${encodeURIComponent(shell.bridgeUrl)}&token=not-the-token`);
    await expect(page.locator('html[data-ready="home"]')).toBeAttached();
    await page.waitForTimeout(300);
    await expect(page.getByTestId('device-reader')).toHaveAttribute('data-state', 'absent');
    expect(shell.bridge.connectedClients).toBe(0);
  });

  test('a page opened without the fragment runs as a plain browser', async ({ page, hall }) => {
    await openKiosk(page, hall);
    await expect(page.getByTestId('device-reader')).toHaveAttribute('data-state', 'absent');
  });
});

test.describe('the ticket receipt on the shell printer', () => {
  let shell: Shell;
  let capture: CaptureServer;
  test.beforeEach(async ({ hall }) => {
    capture = await startCaptureServer();
    shell = await startTestShell(hall.url, () => {}, ['--printer', capture.target]);
  });
  test.afterEach(async () => {
    await shell.stop();
    await capture.close();
  });

  test('a taken ticket is printed once and the citizen is asked to take it', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    await expect(page.getByTestId('device-printer')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('category-household').click();
    await expect(page.getByTestId('receipt-print')).toContainText('请取走凭条');
    const number = /A\d{3}/.exec((await page.getByTestId('receipt-print').textContent()) ?? '')![0];
    expect(capture.text()).toContain(number);
    expect(capture.text()).toContain('示例市政务服务中心');
    expect(capture.text().split(number).length - 1).toBe(1);
  });

  test('out of paper: the ticket is shown on screen with the reason', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    await expect(page.getByTestId('device-printer')).toHaveAttribute('data-state', 'ready');
    capture.setCondition('paper-out');
    await page.getByTestId('tile-ticket').click();
    await page.getByTestId('category-household').click();
    await expect(page.getByTestId('receipt-print')).toHaveText('打印机缺纸，请拍照或记下号码');
    await expect(page.getByTestId('receipt')).toBeVisible();
  });
});
