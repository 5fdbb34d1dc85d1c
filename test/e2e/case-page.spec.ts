import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { expect, test, type Hall } from './fixtures.ts';

// A Tuesday at 10:00 in Beijing: three working days from today end on Friday 27 November.
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

const PHONE_VIEWPORT = { width: 390, height: 844 };
/** Set to a directory to keep screenshots of the page for review (e.g. SCREENSHOT_DIR=/tmp). */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const { elder } = DEMO_PEOPLE;
const CO_OWNERS = '迁入地房屋共有人同意迁入的书面意见';

/** Submits the elder's 户口迁移 with one 容缺 material, as a terminal does; answers the case as the receipt knows it. */
async function submitCase(request: APIRequestContext, hall: Hall): Promise<{ caseNumber: string; evaluationToken: string }> {
  const device = await hall.keyedTerminal();
  const submitted = await request.post(`${hall.url}api/v1/cases`, {
    headers: { Authorization: `Bearer ${device.token}` },
    data: {
      // The card on the terminal's reader, as its kiosk-shell vouches for it: the elder's certificates are attached.
      proof: { kind: 'card', assertion: await device.assertCard(elder) },
      clientId: crypto.randomUUID(),
      itemCode: 'household-transfer-in-city',
      applicant: { kind: 'person', id: elder.idNumber, name: elder.name, method: 'card' },
      materials: [{ name: CO_OWNERS, provision: 'deferred' }],
      formValues: { reason: 'house-purchase', newAddress: '示例市示范区样板路88号3栋2单元501室', phone: '13912345678' },
      commitment: null,
      submittedAt: '2026-11-24T09:58:00+08:00',
    },
  });
  expect(submitted.ok(), await submitted.text()).toBe(true);
  return (await submitted.json()) as { caseNumber: string; evaluationToken: string };
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-full.png`, fullPage: true });
}

test.describe('case progress page', () => {
  test('the receipt’s QR opens the case’s status, timeline, due date and 容缺 materials, the applicant masked', async ({ page, hall, request }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const { caseNumber, evaluationToken } = await submitCase(request, hall);
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto(`${hall.url}case/${evaluationToken}`);

    await expect(page.getByTestId('case-status')).toHaveText('已受理，正在办理');
    await expect(page.getByTestId('case-item')).toHaveText('户口迁移（市内）');
    await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
    await expect(page.getByTestId('case-applicant')).toHaveText(`林** 9901**********${elder.idNumber.slice(-4)}`);
    await expect(page.getByTestId('case-limit')).toHaveText('3 个工作日');
    await expect(page.getByTestId('case-due')).toHaveText('2026年11月27日（星期五）');
    await expect(page.getByTestId('case-deferred')).toContainText(CO_OWNERS);
    await expect(page.getByTestId('case-deferred-due')).toHaveText('请于2026年11月27日（星期五）前补交以下材料：');
    const steps = page.getByTestId('case-step');
    await expect(steps).toHaveCount(2);
    await expect(steps.nth(0)).toContainText('提交申请');
    await expect(steps.nth(0)).toContainText('2026-11-24 09:58');
    await expect(steps.nth(1)).toContainText('受理');
    await expect(steps.nth(1)).toContainText('2026-11-24 10:00');
    await expect(page.getByTestId('case-timeline')).toBeVisible();
    await expect(page.getByTestId('case-evaluate')).toHaveAttribute('href', `/evaluate/case/${evaluationToken}`);
    // The full ID number, its birth date and the full name appear nowhere in the page, not even in attributes.
    const html = await page.content();
    expect(html).not.toContain(elder.idNumber);
    expect(html).not.toContain(elder.idNumber.slice(6, 14));
    expect(html).not.toContain(elder.name);
    await screenshot(page, 'case-page-390x844');

    await page.getByTestId('language-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('case-status')).toHaveText('Accepted, in progress');
    await expect(page.getByTestId('case-item')).toHaveText('Household Registration Transfer (within the City)');
    await expect(page.getByTestId('case-due')).toHaveText('Fri 27 Nov 2026');
    await expect(steps.nth(0)).toContainText('Application submitted');
    await expect(page.getByTestId('case-evaluate')).toHaveText('Rate this service');
    await screenshot(page, 'case-page-390x844-en');

    // The choice of language, and nothing about the case, is remembered on the phone.
    await page.reload();
    await expect(page.getByTestId('case-status')).toHaveText('Accepted, in progress');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(evaluationToken);
    expect(stored).not.toContain(caseNumber);

    await page.getByTestId('case-evaluate').click();
    await expect(page).toHaveURL(new RegExp(`/evaluate/case/${evaluationToken}$`));
    await expect(page.getByTestId('evaluate-unknown')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a supplement request says what to bring and that the clock is paused; a refusal gives its reason', async ({ page, hall, request }) => {
    const { caseNumber, evaluationToken } = await submitCase(request, hall);
    const login = await request.post(`${hall.url}api/v1/staff/login`, { data: { username: 'agent01', password: 'demo-agent-2026' } });
    expect(login.ok()).toBe(true);
    // Staff writes name the hall's own origin, as its pages do (the server refuses them otherwise: CSRF).
    const headers = { origin: new URL(hall.url).origin };
    await request.post(`${hall.url}api/v1/staff/window`, { headers, data: { windowNumber: 1 } });
    const listed = (await (await request.get(`${hall.url}api/v1/staff/cases`)).json()) as { cases: { id: string; caseNumber: string }[] };
    const { id } = listed.cases.find((item) => item.caseNumber === caseNumber)!;
    const asked = await request.post(`${hall.url}api/v1/staff/cases/${id}/supplement`, { headers, data: { note: '请补交房屋共有人签字的书面意见原件' } });
    expect(asked.ok(), await asked.text()).toBe(true);

    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto(`${hall.url}case/${evaluationToken}`);
    await expect(page.getByTestId('case-status')).toHaveText('需要您补正材料');
    await expect(page.getByTestId('case-supplement')).toHaveText('需补正：请补交房屋共有人签字的书面意见原件');
    await expect(page.getByTestId('case-due')).toContainText('补正期间暂停计时');
    await expect(page.getByTestId('case-step').last()).toContainText('要求补正材料，暂停计时');
    await expect(page.getByTestId('case-step').last()).toContainText('请补交房屋共有人签字的书面意见原件');
    await screenshot(page, 'case-page-390x844-supplement');

    await request.post(`${hall.url}api/v1/staff/cases/${id}/supplement-received`, { headers, data: {} });
    const refused = await request.post(`${hall.url}api/v1/staff/cases/${id}/decide`, { headers, data: { decision: 'refused', note: '迁入地址不符合落户条件' } });
    expect(refused.ok(), await refused.text()).toBe(true);
    await page.reload();
    await expect(page.getByTestId('case-status')).toHaveText('不予办理');
    await expect(page.getByTestId('case-step').last()).toContainText('作出决定：不予办理');
    await expect(page.getByTestId('case-step').last()).toContainText('迁入地址不符合落户条件');
    await expect(page.getByTestId('case-step').nth(3)).toContainText('补正材料已收到，恢复计时');
    // A decided case owes nothing and has no date to wait for.
    await expect(page.getByTestId('case-due')).toHaveCount(0);
    await expect(page.getByTestId('case-deferred')).toHaveCount(0);
    await screenshot(page, 'case-page-390x844-refused');
  });

  test('an unknown or malformed link says the case was not found, in English too', async ({ page, hall }) => {
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto(`${hall.url}case/ThisIsNoCaseOfThisHall00`);
    const notFound = page.getByTestId('case-not-found');
    await expect(notFound).toContainText('未查到此办件');
    await expect(page.getByTestId('case-status')).toHaveCount(0);
    await screenshot(page, 'case-page-390x844-not-found');
    await page.getByTestId('language-en').click();
    await expect(notFound).toContainText('Case not found');

    // A link that cannot be a case's is refused without asking the server.
    let asked = false;
    page.on('request', (request) => {
      if (request.url().includes('/cases/')) asked = true;
    });
    await page.goto(`${hall.url}case/short`);
    await expect(notFound).toContainText('Case not found');
    expect(asked).toBe(false);
  });

  test('a network failure offers to try again instead of calling the case unknown', async ({ page, hall, request }) => {
    const { evaluationToken } = await submitCase(request, hall);
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.route('**/api/v1/cases/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${hall.url}case/${evaluationToken}`);
    await expect(page.getByTestId('case-unreachable')).toContainText('暂时无法查询');
    await expect(page.getByTestId('case-not-found')).toHaveCount(0);
    await page.unroute('**/api/v1/cases/**');
    await page.getByTestId('case-retry').click();
    await expect(page.getByTestId('case-status')).toHaveText('已受理，正在办理');
  });
});
