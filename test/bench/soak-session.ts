import type { Page } from 'playwright-core';

/** One thing a simulated citizen does, or one thing the bench checks on the way. */
export type SoakStep =
  | { tap: string }
  | { expectValue: { selector: string; value: string } }
  | { expectScreen: string }
  | { expectAbsent: string };

/** Typed by citizen number `index`; unlikely to occur by chance in hashed names or text. */
export const markerOf = (index: number): string => `ZQXJ${String(index).padStart(5, '0')}`;

/** Finds any citizen's marker (the input field keeps letters and digits, upper-cased). */
export const MARKER_PATTERN = 'ZQXJ\\d{5}';

const testId = (id: string) => `[data-testid="${id}"]`;

/** A citizen: opens 办件查询, types a case number on the keypad, elder mode, English, exit. */
export function citizenSession(index: number): SoakStep[] {
  const marker = markerOf(index);
  return [
    { tap: testId('tile-progress') },
    { expectScreen: 'progress' },
    ...[...marker].map((key) => ({ tap: `[data-key="${key}"]` })),
    { expectValue: { selector: testId('case-number'), value: marker } },
    { tap: testId('elder-mode') },
    { tap: testId('language-en') },
    { tap: testId('nav-exit') },
    { expectScreen: 'home' },
    { expectAbsent: testId('nav-exit') },
  ];
}

/**
 * Runs the sessions inside the page. Each tap is a pointerdown (the app's activity signal)
 * and a click, on an element that is there or appears within 5 s; after each step a task boundary lets Preact render (it renders in a microtask),
 * and after each session a frame lets the browser lay out and paint, as a real visit would.
 * No helper functions are declared inside: tsx would wrap them in a __name() call that does
 * not exist in the page.
 */
export function runSessionsInPage(page: Page, sessions: SoakStep[][]): Promise<void> {
  return page.evaluate(async (all) => {
    const channel = new MessageChannel();
    let wake: ((value: null) => void) | null = null;
    channel.port1.onmessage = () => wake?.(null);
    for (const steps of all) {
      for (const step of steps) {
        if ('tap' in step) {
          // A journey's screen may still be loading its chunk (the first visit): wait for it, briefly.
          let element = document.querySelector<HTMLElement>(step.tap);
          for (const deadline = performance.now() + 5000; !element && performance.now() < deadline; element = document.querySelector<HTMLElement>(step.tap)) {
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          if (!element) throw new Error(`soak: nothing to tap at ${step.tap} on ${document.querySelector('[data-screen]')?.getAttribute('data-screen')}: ${document.querySelector('main')?.textContent?.slice(0, 200)}`);
          element.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, cancelable: true, isPrimary: true, pointerType: 'touch' }));
          element.click();
        } else if ('expectValue' in step) {
          const value = document.querySelector<HTMLInputElement>(step.expectValue.selector)?.value;
          if (value !== step.expectValue.value) throw new Error(`soak: ${step.expectValue.selector} is "${value}", not "${step.expectValue.value}"`);
        } else if ('expectScreen' in step) {
          if (!document.querySelector(`[data-screen="${step.expectScreen}"]`)) throw new Error(`soak: not on screen ${step.expectScreen}`);
        } else if (document.querySelector(step.expectAbsent)) {
          throw new Error(`soak: ${step.expectAbsent} is still there`);
        }
        await new Promise((resolve) => {
          wake = resolve;
          channel.port2.postMessage(null);
        });
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    channel.port1.close();
  }, sessions);
}

/** Every marker still readable in the page: markup, text and the values of form fields. */
export function markersLeft(page: Page): Promise<string[]> {
  return page.evaluate((pattern) => {
    const parts = [document.documentElement.outerHTML];
    for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) parts.push(field.value);
    return [...new Set(parts.join('\n').match(new RegExp(pattern, 'g')) ?? [])];
  }, MARKER_PATTERN);
}
