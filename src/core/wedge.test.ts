import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WedgeDetector, type WedgeDecision } from './wedge.ts';

/** Feeds keys at the given gaps and collects what would be typed and what would be scanned. */
function run(keys: Array<[key: string, gapMs: number]>, detector = new WedgeDetector()) {
  let at = 1000;
  let typed = '';
  const scans: string[] = [];
  const passed: string[] = [];
  const apply = (decision: WedgeDecision, key: string) => {
    typed += decision.flush;
    if (decision.action === 'scan') scans.push(decision.text);
    if (decision.action === 'pass') {
      passed.push(key);
      if (key.length === 1) typed += key;
    }
  };
  for (const [key, gap] of keys) {
    // The settle timer fires just before the next key arrives.
    typed += detector.settle(at + gap - 1);
    at += gap;
    apply(detector.key(key, at), key);
  }
  typed += detector.settle(at + 1000);
  return { typed, scans, passed };
}

const burst = (text: string, gap = 5): Array<[string, number]> => [...text].map((key) => [key, gap] as [string, number]);

describe('keyboard-wedge detection', () => {
  it('a fast burst ending in Enter is a scan and types nothing', () => {
    const result = run([...burst('YY0001'), ['Enter', 5]]);
    expect(result.scans).toEqual(['YY0001']);
    expect(result.typed).toBe('');
    expect(result.passed).toEqual([]);
  });

  it('Shift pressed for capitals stays inside the burst', () => {
    const result = run([['Shift', 3], ['Y', 2], ['Shift', 3], ['Y', 2], ...burst('0002'), ['Enter', 4]]);
    expect(result.scans).toEqual(['YY0002']);
  });

  it('human typing arrives intact, Enter included', () => {
    const result = run([...burst('hello', 120), ['Enter', 150]]);
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('hello');
    expect(result.passed).toEqual(['Enter']);
  });

  it('a short fast burst is typing (two keys at once), not a scan', () => {
    const result = run([['a', 200], ['b', 8], ['Enter', 8]]);
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('ab');
    expect(result.passed).toEqual(['Enter']);
  });

  it('a pause inside the burst makes the whole thing typing', () => {
    const result = run([...burst('YY00'), ['0', 80], ['1', 5], ['Enter', 5]]);
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('YY0001');
  });

  it('Enter long after a burst is not a scan: the burst is typed, then Enter goes through', () => {
    const result = run([...burst('YY0001'), ['Enter', 400]]);
    expect(result.scans).toEqual([]);
    expect(result.typed).toBe('YY0001');
    expect(result.passed).toEqual(['Enter']);
  });

  it('a control key flushes what is held, in order, before it acts', () => {
    const detector = new WedgeDetector();
    expect(detector.key('a', 0)).toEqual({ action: 'hold', flush: '' });
    expect(detector.key('Backspace', 5)).toEqual({ action: 'pass', flush: 'a' });
    expect(detector.key('c', 10, false)).toEqual({ action: 'pass', flush: '' });
  });

  it('two scans back to back are two scans', () => {
    const result = run([...burst('FIRST1'), ['Enter', 5], ...burst('SECOND', 5).map(([k], i) => [k, i === 0 ? 200 : 5] as [string, number]), ['Enter', 5]]);
    expect(result.scans).toEqual(['FIRST1', 'SECOND']);
    expect(result.typed).toBe('');
  });

  it('Chinese characters from a GB18030 scanner count as one key each', () => {
    const result = run([...burst('示例码一二'), ['Enter', 5]]);
    expect(result.scans).toEqual(['示例码一二']);
  });

  it('no key sequence loses or duplicates a typed character', () => {
    const keyArb = fc.tuple(fc.constantFrom('a', 'b', '1', 'X', 'Enter', 'Shift', 'Backspace'), fc.integer({ min: 0, max: 100 }));
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 60 }), (keys) => {
        const result = run(keys);
        const printable = keys.filter(([key]) => key.length === 1).map(([key]) => key).join('');
        // Every printable key is either typed or inside exactly one scan.
        expect((result.typed + result.scans.join('')).length).toBe(printable.length);
      }),
    );
  });
});
