import type { Page } from '@playwright/test';

/**
 * Text whose contrast with its background is below `minimum`. axe's AAA rule lets large text pass
 * at 4.5:1, and all elder-mode text is large, so the 7:1 promise of elder mode is checked here.
 */
export function textBelowContrast(page: Page, minimum: number): Promise<string[]> {
  return page.evaluate((min) => {
    const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const linear = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const background = (el: Element | null): number[] => {
      for (let node = el; node; node = node.parentElement) {
        const [r, g, b, a = 1] = channels(getComputedStyle(node).backgroundColor);
        if (a > 0.5) return [r ?? 255, g ?? 255, b ?? 255];
      }
      return [255, 255, 255];
    };
    const failures: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const el = text.parentElement;
      if (!el || !text.textContent?.trim()) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || style.visibility === 'hidden' || el.closest('[aria-hidden="true"]:not([data-testid])')) continue;
      const fg = luminance(channels(style.color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < min) failures.push(`${ratio.toFixed(2)}:1 "${text.textContent.trim().slice(0, 20)}"`);
    }
    return failures;
  }, minimum);
}
