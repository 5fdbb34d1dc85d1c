import { describe, expect, it } from 'vitest';
import { ageOn, birthDateOf, checkIdNumber, idCheckChar, maskIdNumber, maskName } from './id-number.ts';

/** Fictional numbers made for these tests; the check characters are computed, not copied. */
const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('resident ID numbers', () => {
  it('computes the MOD 11-2 check character, including X', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002x')).toEqual({ ok: true, idNumber: '11010519491231002X' });
  });

  it('refuses a wrong check character, an impossible birth date and a wrong shape', () => {
    const valid = withCheck('44030419560301123');
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(checkIdNumber(valid).ok).toBe(true);
    expect(checkIdNumber(wrong)).toEqual({ ok: false, problem: 'check-digit' });
    expect(checkIdNumber(withCheck('44030419560230123'))).toEqual({ ok: false, problem: 'birth-date' });
    expect(checkIdNumber('4403041956030112')).toEqual({ ok: false, problem: 'shape' });
    expect(checkIdNumber('44030419560301123Y')).toEqual({ ok: false, problem: 'shape' });
  });

  it('reads the birth date and the age on a given day', () => {
    expect(birthDateOf(withCheck('44030419560301123'))).toBe('1956-03-01');
    expect(ageOn('1956-03-01', '2026-02-28')).toBe(69);
    expect(ageOn('1956-03-01', '2026-03-01')).toBe(70);
    expect(ageOn('1956-02-29', '2026-02-28')).toBe(69);
  });

  it('masks numbers and names for screen and paper', () => {
    expect(maskIdNumber('44530219900307123X')).toBe('4453**********123X');
    expect(maskName('张晓明')).toBe('张**');
    expect(maskName('李')).toBe('李');
  });
});
