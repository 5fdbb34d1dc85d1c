import { expect, openKiosk, test } from './fixtures.ts';

type SpokenWindow = { spoken: { text: string; lang: string }[] };

test.describe('voice prompts', () => {
  test('speak in elder mode where the platform has a Chinese voice', async ({ page, hall }) => {
    // Stand-in for the platform's speech engine: headless Chromium ships no voices.
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as SpokenWindow).spoken = spoken;
      class Utterance {
        text: string;
        lang = '';
        rate = 1;
        voice: unknown = null;
        constructor(text: string) {
          this.text = text;
        }
      }
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance });
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          getVoices: () => [{ lang: 'zh-CN', name: 'Demo Mandarin' }],
          speak: (utterance: Utterance) => spoken.push({ text: utterance.text, lang: utterance.lang }),
          cancel: () => undefined,
        },
      });
    });
    await openKiosk(page, hall);
    await page.getByTestId('tile-guide').click();
    await page.getByTestId('nav-home').click();
    expect(await page.evaluate(() => (window as unknown as SpokenWindow).spoken)).toEqual([]);

    await page.getByTestId('elder-mode').click();
    await page.getByTestId('tile-guide').click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as SpokenWindow).spoken))
      .toEqual([
        { text: '已开启长辈模式：字体更大，对比更强', lang: 'zh-CN' },
        { text: '请选择部门或人生事件，也可以输入事项名称的拼音首字母查找。', lang: 'zh-CN' },
      ]);
  });

  test('stay silent, without any error, where the platform has no voice', async ({ page, hall }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openKiosk(page, hall);
    await page.getByTestId('elder-mode').click();
    await page.getByTestId('tile-guide').click();
    await expect(page.getByTestId('guide-tab-department')).toBeVisible();
    await expect(page.getByTestId('recovering')).toBeHidden();
    expect(errors).toEqual([]);
  });
});
