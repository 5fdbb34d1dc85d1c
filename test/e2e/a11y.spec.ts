import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { JOURNEY_IDS } from '../../src/app/journeys/journeys.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { textBelowContrast } from './contrast.ts';
import { DEMO_PIN, expect, holdHallName, openEnrolledKiosk, test, typePin } from './fixtures.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations; in elder mode also any text under 7:1 contrast. */
async function violations(page: Page, elder: boolean): Promise<string[]> {
  const lowContrast = elder ? await textBelowContrast(page, 7) : [];
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (enhanced) =>
      (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe.run(document, {
        rules: { 'color-contrast-enhanced': { enabled: enhanced } },
      }),
    elder,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'color-contrast-enhanced')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    .concat(lowContrast.map((text) => `contrast below 7:1: ${text}`));
}

for (const elder of [false, true]) {
  test.describe(`accessibility${elder ? ' in elder mode' : ''}`, () => {
    test.beforeEach(async ({ page, hall }) => {
      await openEnrolledKiosk(page, hall);
      if (elder) await page.getByTestId('elder-mode').click();
    });

    test('home and every journey screen have no serious violations', async ({ page }) => {
      expect(await violations(page, elder)).toEqual([]);
      for (const journey of JOURNEY_IDS) {
        await page.getByTestId(`tile-${journey}`).click();
        if (journey === 'progress') {
          await page.getByTestId('case-number').fill('ZW20261001000001');
          await page.getByTestId('progress-id-number').fill(DEMO_PEOPLE.citizen.idNumber);
          await page.getByTestId('progress-query').click();
          await expect(page.getByTestId('progress-problem')).toBeVisible();
        }
        expect(await violations(page, elder), journey).toEqual([]);
        await page.getByTestId('nav-home').click();
      }
    });

    test('the idle countdown has no serious violations', async ({ page }) => {
      await page.clock.install();
      await page.getByTestId('tile-guide').click();
      await page.clock.runFor(52_000);
      await expect(page.getByTestId('idle-countdown')).toBeVisible();
      expect(await violations(page, elder)).toEqual([]);
    });

    test('the admin PIN dialog and admin screen have no serious violations', async ({ page }) => {
      await holdHallName(page, 3300);
      await typePin(page, '1111');
      await expect(page.getByTestId('pin-message')).toContainText('4');
      expect(await violations(page, elder)).toEqual([]);
      await typePin(page, DEMO_PIN);
      await expect(page.locator('[data-screen="admin"]')).toBeVisible();
      expect(await violations(page, elder)).toEqual([]);
    });
  });
}
