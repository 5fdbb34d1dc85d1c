import type { Page } from '@playwright/test';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { expect, test } from './fixtures.ts';

// A Tuesday at 10:00 in Beijing: three working days from today end on Friday 27 November.
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

const STAFF_VIEWPORT = { width: 1280, height: 800 };
const { elder, citizen } = DEMO_PEOPLE;

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test.describe('the staff case desk', () => {
  test('a window case goes from registration through a supplement to finished; a terminal case shows as non-manual', async ({ page, hall, request }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    const device = await hall.keyedTerminal();
    const submitted = await request.post(`${hall.url}api/v1/cases`, {
      headers: { Authorization: `Bearer ${device.token}` },
      data: {
        proof: { kind: 'card', assertion: await device.assertCard(elder) },
        clientId: crypto.randomUUID(),
        itemCode: 'household-transfer-in-city',
        applicant: { kind: 'person', id: elder.idNumber, name: elder.name, method: 'card' },
        materials: [{ name: '迁入地房屋共有人同意迁入的书面意见', provision: 'deferred' }],
        formValues: { reason: 'house-purchase', newAddress: '示例市示范区样板路88号3栋2单元501室', phone: '13912345678' },
        commitment: null,
        submittedAt: '2026-11-24T09:58:00+08:00',
      },
    });
    expect(submitted.ok(), await submitted.text()).toBe(true);
    const terminalCase = (await submitted.json()) as { caseNumber: string };

    await page.setViewportSize(STAFF_VIEWPORT);
    await page.goto(`${hall.url}staff`);
    await logIn(page, 'agent01', 'demo-agent-2026');
    await page.getByTestId('window-1').click();
    await page.getByTestId('tab-cases').click();
    await expect(page.getByTestId('staff-title')).toHaveText('1号窗口 · 办件');

    await test.step('the terminal case is in the list, marked self-service terminal and non-manual', async () => {
      const row = page.locator(`[data-testid="case-row"][data-case-number="${terminalCase.caseNumber}"]`);
      await expect(row).toContainText('自助终端');
      await expect(row).toContainText('非人工');
      await expect(row).toContainText('户口迁移（市内）');
      await expect(row).toContainText('2026-11-27');
    });

    let caseNumber = '';
    await test.step('the agent registers a walk-in case; a wrong check digit is caught as it is typed', async () => {
      await page.getByTestId('register-item').selectOption('household-transfer-in-city');
      await page.getByTestId('register-name').fill(citizen.name);
      const wrong = `${citizen.idNumber.slice(0, 17)}${citizen.idNumber.endsWith('0') ? '1' : '0'}`;
      await page.getByTestId('register-id').fill(wrong);
      await expect(page.getByTestId('register-id-problem')).toHaveText('身份证号码校验位不符，请核对');
      await expect(page.getByTestId('register-submit')).toBeDisabled();
      await page.getByTestId('register-id').fill(citizen.idNumber);
      await expect(page.getByTestId('register-id-problem')).toHaveText('');
      await page.getByTestId('register-submit').click();
      await expect(page.getByTestId('staff-notice')).toContainText('已登记 ZW20261124');
      await expect(page.getByTestId('case-detail-status')).toHaveText('已受理');
      await expect(page.getByTestId('case-detail-due')).toHaveText('2026-11-27');
      caseNumber = (await page.getByTestId('case-detail-number').textContent()) ?? '';
      const row = page.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"]`);
      await expect(row).toContainText('窗口');
      await expect(row).toContainText('人工');
      await expect(row).not.toContainText('非人工');
    });

    await test.step('a supplement stops the clock; its arrival starts it again', async () => {
      await expect(page.getByTestId('case-supplement')).toBeDisabled();
      await page.getByTestId('case-note').fill('请补交迁入地房屋共有人同意迁入的书面意见');
      await page.getByTestId('case-supplement').click();
      await expect(page.getByTestId('case-detail-status')).toHaveText('补正中');
      await expect(page.getByTestId('case-detail-due')).toContainText('计时暂停');
      await expect(page.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"]`)).toContainText('计时暂停');
      await page.getByTestId('case-supplement-received').click();
      await expect(page.getByTestId('case-detail-status')).toHaveText('已受理');
      await expect(page.getByTestId('staff-notice')).toHaveText(`${caseNumber} 补正材料已收到，恢复计时`);
    });

    await test.step('the agent decides and finishes; the timeline shows every step', async () => {
      await page.getByTestId('case-approve').click();
      await expect(page.getByTestId('case-detail-status')).toHaveText('已决定（准予办理）');
      await page.getByTestId('case-finish').click();
      await expect(page.getByTestId('case-detail-status')).toHaveText('已办结（准予办理）');
      await expect(page.getByTestId('case-timeline').locator('li')).toHaveText([/提交申请$/, /受理$/, /要求补正：请补交/, /补正材料已收到，恢复计时$/, /作出决定$/, /办结$/]);
      // Finished cases leave the list of open ones, and are under 已办结.
      await expect(page.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"]`)).toHaveCount(0);
      await page.getByTestId('case-filter-finished').click();
      await expect(page.locator(`[data-testid="case-row"][data-case-number="${caseNumber}"]`)).toContainText('已办结');
      await page.getByTestId('case-filter-open').click();
    });

    await test.step('the desk as the agent sees it', async () => {
      await page.locator(`[data-testid="case-row"][data-case-number="${terminalCase.caseNumber}"]`).click();
      await expect(page.getByTestId('case-detail-number')).toHaveText(terminalCase.caseNumber);
      await page.screenshot({ path: '/tmp/staff-case-desk.png' });
      await page.getByTestId('case-close').click();
      await expect(page.getByTestId('case-register')).toBeVisible();
      await page.screenshot({ path: '/tmp/staff-case-desk-register.png' });
    });

    await test.step('the calling desk is one tap away', async () => {
      await page.getByTestId('tab-queue').click();
      await expect(page.getByTestId('staff-title')).toHaveText('1号窗口 · 叫号');
      await expect(page.getByTestId('call-next')).toBeVisible();
    });
    expect(errors).toEqual([]);
  });
});
