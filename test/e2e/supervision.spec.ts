import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { expect, test } from './fixtures.ts';

// The demo hall seeds the previous quarter and the current one up to its clock: 2026 Q3 and Q4 to 24 November.
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

const BACK_OFFICE = { width: 1440, height: 900 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe.run(document));
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openSupervision(page: Page, url: string): Promise<void> {
  await page.setViewportSize(BACK_OFFICE);
  await page.goto(`${url}admin/supervision`);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('demo-admin-2026');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('supervision-period')).toContainText('2026年第四季度（2026-10-01 至 2026-12-31）');
}

test.describe('efficiency supervision (效能督查)', () => {
  test('shows the demo quarter as chart and table, lists terminal cases as exempt, and exports CSV', async ({ page, hall }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openSupervision(page, hall.url);
    await expect(page.getByTestId('nav-supervision')).toHaveAttribute('aria-current', 'page');

    const chart = page.getByTestId('supervision-chart');
    await expect(chart.locator('svg[role="img"]')).toHaveAccessibleName(/2026年第四季度效能督查：按部门/);
    await expect(chart.getByTestId('chart-row').first()).toBeVisible();
    expect(await chart.getByTestId('chart-row').count()).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('report-row').first()).toBeVisible();
    const manual = Number(await page.getByTestId('figure-cases').textContent());
    expect(manual).toBeGreaterThan(50);
    expect(await seriousViolations(page)).toEqual([]);

    // Terminal and smart-approval cases are never supervised: their own row when grouped by window, and their own list.
    await page.getByTestId('group-window').click();
    const exemptRow = page.locator('[data-testid="report-row"][data-group="无窗口（自助终端 / 智能审批）"]');
    await expect(exemptRow).toContainText('免督查');
    await expect(exemptRow.locator('td').first()).toHaveText('0');
    const firstExempt = page.getByTestId('exempt-row').first();
    await expect(firstExempt.getByTestId('exempt-tag')).toHaveText('免督查');
    const exemptNumber = (await firstExempt.getAttribute('data-case'))!;
    await page.getByTestId('exempt-search').fill(exemptNumber.toLowerCase());
    await page.getByTestId('exempt-search').press('Enter');
    await expect(page.getByTestId('exempt-row')).toHaveCount(1);
    await expect(page.getByTestId('exempt-row')).toHaveAttribute('data-case', exemptNumber);

    await page.getByTestId('quarter-picker').selectOption('2026-3');
    await expect(page.getByTestId('supervision-period')).toContainText('2026年第三季度');
    const total = page.getByTestId('report-total');
    await expect(total).toBeVisible();

    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('效能督查_2026年第3季度_按窗口.csv');
    const csv = readFileSync((await download.path())!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('季度,统计维度,名称,人工办件,按时办结,办理中,黄牌,红牌,已撤销牌,申诉,申诉通过,自助终端件（免督查）,智能审批件（免督查）');
    expect(lines.at(-1)).toMatch(/^2026年第3季度,窗口,合计,\d+,/);
    expect(lines.some((line) => line.startsWith('2026年第3季度,窗口,无窗口（自助终端 / 智能审批）,0,'))).toBe(true);
    expect(errors).toEqual([]);
  });

  test('files a department’s appeal against a card and approves it: the card shows revoked', async ({ page, hall }) => {
    await openSupervision(page, hall.url);
    const appealable = page.getByTestId('card-row').filter({ has: page.getByTestId('file-appeal') }).first();
    await expect(appealable).toBeVisible();
    const caseNumber = await appealable.getAttribute('data-case');
    const color = await appealable.getAttribute('data-color');
    const row = page.locator(`[data-testid="card-row"][data-case="${caseNumber}"][data-color="${color}"]`);
    await expect(row.getByTestId('card-status')).toHaveText('有效');

    await row.getByTestId('file-appeal').click();
    const dialog = page.getByTestId('appeal-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('appeal-submit').click();
    await expect(dialog.getByTestId('appeal-error')).toContainText('请填写申诉理由');
    await dialog.getByTestId('appeal-reason').fill('办理期间省级业务系统停机一个工作日，附停机通知，超时非窗口原因。');
    await dialog.getByTestId('appeal-submit').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('admin-notice')).toContainText(`办件 ${caseNumber}`);
    await expect(row.getByTestId('appeal-status')).toHaveText('待审核');

    await row.getByTestId('approve-appeal').click();
    const decision = page.getByTestId('decision-dialog');
    await expect(decision).toContainText('办理期间省级业务系统停机一个工作日');
    await decision.getByTestId('decision-confirm').click();
    await expect(decision).toBeHidden();
    await expect(row.getByTestId('card-status')).toHaveText('已撤销');
    await expect(row.getByTestId('appeal-status')).toHaveText('已批准');
    await expect(row.getByTestId('file-appeal')).toHaveCount(0);
    await expect(page.getByTestId('admin-notice')).toContainText('已撤销');

    await page.getByTestId('cards-revoked').click();
    await expect(page.locator(`[data-testid="card-row"][data-case="${caseNumber}"][data-color="${color}"]`)).toBeVisible();
  });
});
