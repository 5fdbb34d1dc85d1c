import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Shell } from '../../kiosk-shell/shell.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { everythingLeftBehind, expect, openEnrolledKioskWithBridge, startTestShell, test } from './fixtures.ts';

/** A Tuesday morning: the household desk is open; five working days end on Tuesday 1 December. */
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

const ITEM = 'household-transfer-in-city';
const transcripts = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));

/** The household transfer for 林示范, from the tile to the review, as a citizen taps through it. */
async function applyForTransfer(page: Page, shell: Shell): Promise<void> {
  await page.getByTestId('tile-cases').click();
  await page.getByTestId(`case-item-${ITEM}`).click();
  await expect(page.getByTestId('identify-waiting')).toBeVisible();
  shell.simulator!.insert('elder');
  await expect(page.getByTestId('case-consent')).toBeVisible();
  await page.getByTestId('case-consent-agree').click();
  await expect(page.getByTestId('case-materials')).toBeVisible();
}

async function fillForm(page: Page): Promise<void> {
  await page.getByTestId('case-materials-next').click();
  await page.getByTestId('field-reason-house-purchase').click();
  await page.getByTestId('field-newAddress').fill('示例市示范区样板路88号3栋2单元501室');
  await page.getByTestId('case-form-next').click();
  // The phone is required: the form says so before anything is sent.
  await expect(page.getByTestId('field-error-phone')).toBeVisible();
  await page.getByTestId('field-phone').click();
  for (const digit of '13912345678') await page.getByTestId('keypad').locator(`[data-key="${digit}"]`).click();
  await page.getByTestId('case-form-next').click();
  await expect(page.getByTestId('case-review')).toBeVisible();
}

/** Whether the kiosk's IndexedDB holds a setting (not personal data: the catalog, provider keys). */
function storedSetting(page: Page, key: string): Promise<boolean> {
  return page.evaluate(
    (wanted) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('kiosk24');
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get(wanted);
          request.onsuccess = () => resolve(Boolean(request.result));
          request.onerror = () => resolve(false);
        };
        open.onerror = () => resolve(false);
      }),
    key,
  );
}

test.describe('self-service case (自助申办)', () => {
  let shell: Shell;
  let receipts: string;
  test.beforeEach(async ({ hall }) => {
    receipts = mkdtempSync(join(tmpdir(), 'kiosk24-case-receipts-'));
    shell = await startTestShell(hall.url, () => {}, ['--printer', `virtual:${receipts}`]);
  });
  test.afterEach(async () => {
    await shell.stop();
    rmSync(receipts, { recursive: true, force: true });
  });

  test('two e-certificates attached, one 容缺 item: submitted, and the receipt printed with the deadline and the due date', async ({ page, hall }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    await applyForTransfer(page, shell);
    const materials = page.getByTestId('case-material');
    expect(await materials.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-provision')))).toEqual(['e-certificate', 'e-certificate', 'e-certificate', 'none', 'deferred']);
    await expect(materials.nth(0)).toContainText('已调取电子证照，免提交');
    await expect(materials.nth(2)).toContainText('已调取电子证照，免提交');
    await fillForm(page);
    await page.getByTestId('case-submit').click();
    await expect(page.getByTestId('case-done')).toHaveAttribute('data-kind', 'submitted');
    const caseNumber = ((await page.getByTestId('case-number').textContent()) ?? '').replace(/^.*：/, '');
    expect(caseNumber).toMatch(/^ZW20261124\d{6}$/);
    await expect(page.getByTestId('case-receipt-print')).toHaveAttribute('data-state', 'done');
    const receipt = transcripts(receipts).join('\n');
    expect(receipt).toContain('办事回执');
    expect(receipt).toContain(caseNumber);
    expect(receipt).toContain('居民户口簿（电子证照，免提交）');
    expect(receipt).toContain('容缺材料（请于 2026-11-27 前补交）');
    expect(receipt).toContain('预计办结日期');
    expect(receipt).toContain('林**');
    expect(receipt).not.toContain(DEMO_PEOPLE.elder.idNumber);

    await page.getByTestId('case-finish').click();
    await expect(page.locator('[data-screen="home"]')).toBeVisible();
    const left = await everythingLeftBehind(page);
    for (const trace of [DEMO_PEOPLE.elder.name, DEMO_PEOPLE.elder.idNumber, '13912345678', '样板路88号']) expect(left).not.toContain(trace);
  });

  test('with the network down the case is queued with a receipt that says so, and reaches the server exactly once when it returns', async ({ page, hall, context, request }) => {
    await openEnrolledKioskWithBridge(page, hall, shell);
    // A terminal keeps the catalog it fetched at start for offline use.
    await expect.poll(() => storedSetting(page, 'catalog')).toBe(true);
    // The hall server unreachable, the terminal's own loopback to kiosk-shell still up (a
    // browser-wide offline would cut the card reader's bridge as well).
    await context.route('**/api/v1/**', (route) => route.abort('internetdisconnected'));
    await applyForTransfer(page, shell);
    await expect(page.getByText('网络暂不可用：您名下的电子证照将在申请提交时由系统自动调取。')).toBeVisible();
    await fillForm(page);
    await page.getByTestId('case-submit').click();
    await expect(page.getByTestId('case-done')).toHaveAttribute('data-kind', 'queued');
    const reference = ((await page.getByTestId('case-reference').textContent()) ?? '').replace(/^.*：/, '');
    expect(reference).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    await expect(page.getByTestId('case-receipt-print')).toHaveAttribute('data-state', 'done');
    const receipt = transcripts(receipts).join('\n');
    expect(receipt).toContain('申请已保存在本机');
    expect(receipt).toContain(`查询码: ${reference}`);
    await page.getByTestId('case-finish').click();

    const staffLogin = await request.post(`${hall.url}api/v1/staff/login`, { data: { username: 'admin', password: 'demo-admin-2026' } });
    expect(staffLogin.ok()).toBe(true);
    type DeskCase = { caseNumber: string; itemCode: string; submittedAt: string; materials: { provision: string }[] };
    const deskCases = async () => ((await (await request.get(`${hall.url}api/v1/staff/cases?status=all`)).json()) as { cases: DeskCase[] }).cases;
    const transfersBefore = (await deskCases()).filter((entry) => entry.itemCode === 'household-transfer-in-city').length;
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    // Watched at the desk, not by asking its progress: every miss of a typed ID number counts towards locking the case.
    await expect.poll(async () => (await deskCases()).filter((entry) => entry.itemCode === 'household-transfer-in-city').length, { timeout: 30_000 }).toBe(transfersBefore + 1);
    const token = await hall.terminalToken();
    const progress = () =>
      request.post(`${hall.url}api/v1/cases/progress`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { reference, identity: { kind: 'id', id: DEMO_PEOPLE.elder.idNumber } },
      });
    // A typed ID number learns status and dates only; the materials are checked at the desk below.
    const answer = await progress();
    expect(answer.status()).toBe(200);
    const view = (await answer.json()) as { detail: string; caseNumber: string; channel: string; handling: string };
    expect(view).toMatchObject({ detail: 'status-only', channel: 'self-service-terminal', handling: 'non-manual' });
    expect(view).not.toHaveProperty('materials');

    // On the kiosk, the reference now gives the case number.
    await page.getByTestId('tile-progress').click();
    await page.getByTestId('case-number').fill(reference.replace('-', ''));
    await page.getByTestId('progress-id-number').fill(DEMO_PEOPLE.elder.idNumber);
    await page.getByTestId('progress-query').click();
    await expect(page.getByTestId('progress-case-number')).toHaveText(view.caseNumber);
    await expect(page.getByTestId('progress-event').first()).toBeVisible();

    // Exactly once, whatever the outbox retried.
    const desk = { cases: await deskCases() };
    expect(desk.cases.filter((entry) => entry.caseNumber === view.caseNumber)).toHaveLength(1);
    const stored = desk.cases.find((entry) => entry.caseNumber === view.caseNumber)!;
    expect(stored.materials.filter((material) => material.provision === 'e-certificate').length).toBeGreaterThanOrEqual(2);
    // The one application made offline: no second case with its moment of submission.
    const submittedAt = desk.cases.find((entry) => entry.caseNumber === view.caseNumber)!.submittedAt;
    expect(desk.cases.filter((entry) => entry.submittedAt === submittedAt)).toHaveLength(1);

    // The efficiency supervision lists it as exempt (免督查): a terminal case, non-manual.
    const exempt = (await (await request.get(`${hall.url}api/v1/admin/supervision/exempt-cases?year=2026&quarter=4&caseNumber=${view.caseNumber}`)).json()) as { cases: { caseNumber: string; channel: string }[] };
    expect(exempt.cases).toEqual([expect.objectContaining({ caseNumber: view.caseNumber, channel: 'self-service-terminal' })]);
  });
});
