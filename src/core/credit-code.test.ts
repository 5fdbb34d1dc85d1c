import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar } from './credit-code.ts';

describe('unified social credit code (GB 32100)', () => {
  it('accepts codes whose check character is right, as published examples compute', () => {
    // A sample code that descriptions of GB 32100 use to show the computation: check character 3.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(checkCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it('refuses a wrong length, letters outside the alphabet and a wrong check character', () => {
    expect(checkCreditCode('91350100M000100Y4')).toEqual({ ok: false, problem: 'length' });
    expect(checkCreditCode('91350100O000100Y43')).toEqual({ ok: false, problem: 'characters' });
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: 'check-char' });
  });

  it('catches every change of a single character', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = '91350100M000100Y43';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.constantFrom(...alphabet), (at, replacement) => {
        fc.pre(code[at] !== replacement);
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        expect(checkCreditCode(changed).ok).toBe(false);
      }),
    );
  });
});
