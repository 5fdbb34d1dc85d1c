import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Shell } from '../../kiosk-shell/shell.ts';
import { DEMO_CATALOG } from '../../src/server/demo/catalog-data.ts';
import { textBelowContrast } from './contrast.ts';
import { bridgeFragment, expect, openKiosk, startTestShell, test } from './fixtures.ts';

/** A holiday evening: the guide is there at any hour. */
test.use({ hallEnv: { KIOSK_NOW: '2026-10-01T20:30:00+08:00' } });

const TRANSFER = DEMO_CATALOG.items.find((item) => item.code === 'household-transfer-in-city')!;
/** An item the terminal cannot take, with an online address to send the citizen to. */
const WINDOW_ONLY = DEMO_CATALOG.items.find((item) => !item.kioskSubmittable && item.onlineUrl && item.materials.some((m) => m.certificateType))!;
const SUBMITTABLE = DEMO_CATALOG.items.find((item) => item.kioskSubmittable)!;

async function openGuide(page: Page): Promise<void> {
  await page.getByTestId('tile-guide').click();
  await expect(page.getByTestId('guide-tab-department')).toBeVisible();
}

async function openItemByDepartment(page: Page, department: string, code: string): Promise<void> {
  await page.getByTestId('guide-group').and(page.locator(`[data-name="${department}"]`)).click();
  await page.locator(`[data-testid="guide-item"][data-code="${code}"]`).click();
  await expect(page.getByTestId('guide-item-page')).toHaveAttribute('data-code', code);
}

const itemCodes = (page: Page) => page.getByTestId('guide-item').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-code')));

test.describe('service guide (办事指南)', () => {
  test('"hjqy" typed on the on-screen keyboard finds the household transfer first', async ({ page, hall }) => {
    await openKiosk(page, hall);
    await openGuide(page);
    await page.getByTestId('guide-tab-search').click();
    for (const key of 'HJQY') await page.getByTestId('keypad').locator(`[data-key="${key}"]`).click();
    await expect(page.getByTestId('guide-query')).toHaveValue('HJQY');
    expect((await itemCodes(page))[0]).toBe('household-transfer-in-city');

    // "bdc": every 不动产 item; Chinese text and English from a physical keyboard work too.
    await page.getByTestId('keypad').getByText('清空').click();
    for (const key of 'BDC') await page.getByTestId('keypad').locator(`[data-key="${key}"]`).click();
    const realEstate = DEMO_CATALOG.items.filter((item) => item.name['zh-CN'].startsWith('不动产')).map((item) => item.code);
    expect(await itemCodes(page)).toEqual(realEstate);
    await page.getByTestId('guide-query').fill('');
    // Typed at a person's pace: a burst as fast as a scanner's is taken for a scan.
    await page.getByTestId('guide-query').pressSequentially('passport', { delay: 80 });
    expect(await itemCodes(page)).toEqual(['passport-issuance']);
    await page.getByTestId('guide-query').fill('公积金');
    await expect(page.getByTestId('guide-item')).toHaveCount(3);
    await page.getByTestId('guide-query').fill('xyz');
    await expect(page.getByTestId('guide-no-result')).toBeVisible();
  });

  test('browses by department and by life event', async ({ page, hall }) => {
    await openKiosk(page, hall);
    await openGuide(page);
    const departments = [...new Set(DEMO_CATALOG.items.map((item) => item.department))];
    expect(await page.getByTestId('guide-group').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-name')))).toEqual(departments);
    await page.getByTestId('guide-group').and(page.locator('[data-name="示例市不动产登记中心"]')).click();
    await expect(page.getByTestId('guide-group-title')).toHaveText('示例市不动产登记中心');
    expect(await itemCodes(page)).toEqual(DEMO_CATALOG.items.filter((item) => item.department === '示例市不动产登记中心').map((item) => item.code));
    await page.getByTestId('guide-back').click();

    await page.getByTestId('guide-tab-life-event').click();
    await page.getByTestId('guide-group').and(page.locator('[data-name="出生"]')).click();
    await expect(page.getByTestId('guide-group-title')).toHaveText('出生');
    expect(await itemCodes(page)).toEqual(DEMO_CATALOG.items.filter((item) => item.lifeEvents.includes('出生')).map((item) => item.code));

    // In English the life events and item names follow the language; department data stays Chinese.
    await page.getByTestId('language-en').click();
    await expect(page.getByTestId('guide-group-title')).toHaveText('Birth');
    await expect(page.locator('[data-testid="guide-item"][data-code="newborn-registration"]')).toContainText('Birth Registration of a Newborn');
  });

  test('an item guide shows every field; an item this terminal cannot take says where to go', async ({ page, hall }) => {
    const item = WINDOW_ONLY;
    await openKiosk(page, hall);
    await openGuide(page);
    await openItemByDepartment(page, item.department, item.code);
    await expect(page.getByTestId('guide-item-name')).toHaveText(item.name['zh-CN']);
    const field = (name: string) => page.getByTestId(`guide-field-${name}`);
    const limit = (days: number) => (days === 0 ? '当场办结' : `${days} 个工作日`);
    const itemTypes = { 'administrative-licence': '行政许可', 'administrative-confirmation': '行政确认', 'administrative-payment': '行政给付', 'public-service': '公共服务', 'other-power': '其他行政权力' };
    await expect(field('itemType')).toContainText(itemTypes[item.itemType]);
    await expect(field('handling')).toContainText(item.handling === 'instant' ? '即办件' : '承诺件');
    await expect(field('department')).toContainText(item.department);
    await expect(field('lifeEvents')).toContainText(item.lifeEvents.join('、'));
    await expect(field('promisedLimit')).toContainText(limit(item.promisedLimitDays));
    await expect(field('statutoryLimit')).toContainText(limit(item.statutoryLimitDays));
    await expect(field('fee')).toContainText(item.fee);
    await expect(field('place')).toContainText(item.place);
    await expect(field('hours')).toContainText(item.hours);
    await expect(field('consultPhone')).toContainText(item.consultPhone);
    await expect(field('complaintPhone')).toContainText(item.complaintPhone);
    await expect(field('kioskSubmittable')).toContainText('到窗口办理');
    await expect(field('commitmentAllowed')).toContainText(item.commitmentAllowed ? '可以' : '不适用');
    await expect(field('missingMaterialAllowed')).toContainText(item.missingMaterialAllowed ? '可以' : '不适用');
    await expect(field('onlineUrl')).toContainText(item.onlineUrl!);
    await expect(field('onlineUrl').locator('svg path')).toBeAttached();
    for (const condition of item.conditions) await expect(page.getByTestId('guide-conditions')).toContainText(condition);
    const materials = page.getByTestId('guide-material');
    await expect(materials).toHaveCount(item.materials.length);
    for (const [index, material] of item.materials.entries()) {
      await expect(materials.nth(index)).toContainText(material.name);
      await expect(materials.nth(index)).toContainText(`${material.copies} 份 · ${material.required ? '必需' : '视情形提供'}`);
      if (material.certificateType) await expect(materials.nth(index)).toContainText(`可免提交：调用电子证照（${material.certificateType}）`);
      if (material.note) await expect(materials.nth(index)).toContainText(material.note);
    }
    expect(await materials.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-e-certificate')))).toEqual(item.materials.map((m) => (m.certificateType ? 'yes' : 'no')));

    await expect(page.getByTestId('guide-where-to-go')).toContainText(item.place);
    await expect(page.getByTestId('guide-where-to-go')).toContainText(item.hours);
    await expect(page.getByTestId('guide-where-to-go')).toContainText(item.onlineUrl!);
    await expect(page.getByTestId('guide-apply')).toHaveCount(0);

    // Without a printer the checklist is shown on screen.
    await page.getByTestId('guide-print').click();
    await expect(page.getByTestId('guide-print-status')).toHaveAttribute('data-state', 'screen');
    await expect(page.getByTestId('receipt')).toContainText('一次性告知单');
    await expect(page.getByTestId('receipt')).toContainText(`申请材料（共${item.materials.length}项）`);
  });

  test('a kiosk-submittable item goes on to apply here with the item chosen', async ({ page, hall }) => {
    await openKiosk(page, hall);
    await openGuide(page);
    await openItemByDepartment(page, SUBMITTABLE.department, SUBMITTABLE.code);
    await expect(page.getByTestId('guide-where-to-go')).toHaveCount(0);
    await expect(page.getByTestId('guide-field-kioskSubmittable')).toContainText('可在本机申办');
    await page.getByTestId('guide-apply').click();
    await expect(page.locator('[data-screen="cases"]')).toBeVisible();
  });

  test('the guide has no serious accessibility violations, in elder mode too', async ({ page, hall }) => {
    await openKiosk(page, hall);
    await page.getByTestId('elder-mode').click();
    await openGuide(page);
    await openItemByDepartment(page, TRANSFER.department, TRANSFER.code);
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const results = await page.evaluate(() => (window as unknown as { axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run(document));
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, input')].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.width < 64 || box.height < 64);
      }).length,
    );
    expect(small).toBe(0);
    expect(await textBelowContrast(page, 7)).toEqual([]);
  });
});

test.describe('service guide with kiosk-shell', () => {
  let shell: Shell;
  let receipts: string;
  test.beforeEach(async ({ hall }) => {
    receipts = mkdtempSync(join(tmpdir(), 'kiosk24-guide-receipts-'));
    shell = await startTestShell(hall.url, () => undefined, ['--printer', `virtual:${receipts}`]);
  });
  test.afterEach(async () => {
    await shell.stop();
    rmSync(receipts, { recursive: true, force: true });
  });

  test('"print checklist" prints the 一次性告知单 on the receipt printer', async ({ page, hall }) => {
    await page.goto(`${hall.url}#${bridgeFragment(shell)}`);
    await expect(page.getByTestId('device-printer')).toHaveAttribute('data-state', 'ready');
    await openGuide(page);
    await openItemByDepartment(page, TRANSFER.department, TRANSFER.code);
    await page.getByTestId('guide-print').click();
    await expect(page.getByTestId('guide-print-status')).toHaveAttribute('data-state', 'done');
    await expect.poll(() => readdirSync(receipts).filter((name) => name.endsWith('.txt')).length).toBe(1);
    const transcript = readFileSync(join(receipts, readdirSync(receipts).find((name) => name.endsWith('.txt'))!), 'utf8');
    const first = TRANSFER.materials[0]!;
    for (const text of ['一次性告知单', TRANSFER.name['zh-CN'], `申请材料（共${TRANSFER.materials.length}项）`, `1. ${first.name}`, `可免提交：调用电子证照（${first.certificateType}）`, `承诺时限：${TRANSFER.promisedLimitDays}个工作日`, TRANSFER.place, TRANSFER.consultPhone]) {
      expect(transcript).toContain(text);
    }
    await expect(page.getByTestId('receipt')).toHaveCount(0);
  });
});

test.describe('service guide offline', () => {
  test('with the network down the guide browses from the stored catalog', async ({ page, context, hall }) => {
    await openKiosk(page, hall);
    await page.evaluate(() => navigator.serviceWorker.ready);
    if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
      await page.reload();
      await expect(page.locator('html[data-ready="home"]')).toBeAttached();
    }
    await openGuide(page);
    await expect(page.getByTestId('guide-group').first()).toBeVisible();

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('offline-banner')).toBeVisible();
    await openGuide(page);
    await page.getByTestId('guide-tab-life-event').click();
    await page.getByTestId('guide-group').and(page.locator('[data-name="购房"]')).click();
    await page.locator(`[data-testid="guide-item"][data-code="${TRANSFER.code}"]`).click();
    await expect(page.getByTestId('guide-material')).toHaveCount(TRANSFER.materials.length);
    await page.getByTestId('guide-back').click();
    await page.getByTestId('guide-back').click();
    await page.getByTestId('guide-tab-search').click();
    for (const key of 'HJQY') await page.getByTestId('keypad').locator(`[data-key="${key}"]`).click();
    expect((await itemCodes(page))[0]).toBe(TRANSFER.code);
    await context.setOffline(false);
  });
});
