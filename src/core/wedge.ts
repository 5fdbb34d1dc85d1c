/**
 * Tells a keyboard-wedge scanner from a person at a keyboard. A wedge scanner "types" its code as
 * a burst of keystrokes a few milliseconds apart and ends it with Enter; nobody types that fast.
 * Every printable key is held back for a moment: when the next one follows within `maxGapMs` the
 * burst goes on, and an Enter that ends a long enough burst makes it a scan, which never reaches a
 * focused input. Keys that are not followed that fast are handed back to be typed, so a person's
 * typing arrives intact, `maxGapMs` later.
 */

export interface WedgeOptions {
  /** The longest pause between two keystrokes of one scan. */
  maxGapMs: number;
  /** Shorter bursts are typing (two keys pressed together), not a scan. */
  minLength: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 30, minLength: 4 };

/**
 * What to do with a key: first type `flush` (held keys that turned out to be typing), then
 * hold the key back, let it through, or take `text` as a scan (and swallow the Enter).
 */
export type WedgeDecision =
  | { action: 'hold'; flush: string }
  | { action: 'pass'; flush: string }
  | { action: 'scan'; flush: ''; text: string };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'AltGraph']);

export class WedgeDetector {
  private held = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE_OPTIONS) {}

  /** `key` as KeyboardEvent.key; `at` in milliseconds; `plain` false when Ctrl, Alt or Meta is held. */
  key(key: string, at: number, plain = true): WedgeDecision {
    // A scanner presses Shift for capitals: it belongs to the burst and changes nothing.
    if (MODIFIERS.has(key)) return { action: 'pass', flush: '' };
    const inBurst = this.held !== '' && at - this.lastAt <= this.options.maxGapMs;
    if (key === 'Enter' && inBurst && [...this.held].length >= this.options.minLength) {
      const text = this.held;
      this.reset();
      return { action: 'scan', flush: '', text };
    }
    if (!plain || [...key].length !== 1) return { action: 'pass', flush: this.takeHeld() };
    const flush = inBurst ? '' : this.takeHeld();
    this.held += key;
    this.lastAt = at;
    return { action: 'hold', flush };
  }

  /** Called after a pause: the held keys, when no burst can continue them any more, to be typed. */
  settle(at: number): string {
    return at - this.lastAt > this.options.maxGapMs ? this.takeHeld() : '';
  }

  get holding(): boolean {
    return this.held !== '';
  }

  private takeHeld(): string {
    const held = this.held;
    this.reset();
    return held;
  }

  private reset(): void {
    this.held = '';
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}
