import { describe, expect, it } from 'vitest';
import { checkFormField, DEFAULT_MAX_LENGTH, validateCaseForm } from './case-form.ts';
import type { FormField } from './cases.ts';

const label = { 'zh-CN': '字段', 'zh-TW': '字段', en: 'Field' };
const field = (key: string, kind: FormField['kind'], extra: Partial<FormField> = {}): FormField => ({ key, label, kind, required: true, ...extra });

const FORM: FormField[] = [
  field('phone', 'phone'),
  field('address', 'text', { maxLength: 10 }),
  field('copies', 'digits', { maxLength: 2 }),
  field('pinyin', 'latin', { required: false }),
  field('moveDate', 'date', { required: false }),
  field('reason', 'choice', { choices: [{ value: 'house-purchase', label }, { value: 'marriage', label }] }),
];

const VALID = { phone: '13912345678', address: '样板路88号', copies: '2', reason: 'marriage' };

describe('case form', () => {
  it('accepts a complete form and stores trimmed values without empty optional fields', () => {
    const result = validateCaseForm(FORM, { ...VALID, address: '  样板路88号 ', pinyin: '' });
    expect(result).toEqual({ ok: true, values: VALID });
  });

  it('names every missing required field', () => {
    const result = validateCaseForm(FORM, { phone: '  ', copies: '1' });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'phone', messageKey: 'caseForm.required' },
        { field: 'address', messageKey: 'caseForm.required' },
        { field: 'reason', messageKey: 'caseForm.required' },
      ],
    });
  });

  it('refuses keys the form does not have', () => {
    const result = validateCaseForm(FORM, { ...VALID, idNumber: '123' });
    expect(result).toEqual({ ok: false, errors: [{ field: 'idNumber', messageKey: 'caseForm.unknown' }] });
  });

  it('takes mainland mobiles and landlines with area code, and nothing else, as phones', () => {
    const phone = field('phone', 'phone');
    for (const ok of ['13912345678', '199 1234 5678', '010-12345678', '0755-1234567', '02112345678', '010-12345678-801']) expect(checkFormField(phone, ok), ok).toBeNull();
    for (const bad of ['12912345678', '1391234567', '139123456789', '12345678', '010-123456', '+8613912345678x', 'abc']) expect(checkFormField(phone, bad), bad).toBe('caseForm.phone');
  });

  it('takes digits only for a digits field, and letters and digits for a latin one', () => {
    expect(checkFormField(field('n', 'digits'), '012')).toBeNull();
    expect(checkFormField(field('n', 'digits'), '1.5')).toBe('caseForm.digits');
    expect(checkFormField(field('n', 'digits'), '２')).toBe('caseForm.digits');
    expect(checkFormField(field('p', 'latin'), 'LIN SHIFAN')).toBeNull();
    expect(checkFormField(field('p', 'latin'), 'E12345678')).toBeNull();
    expect(checkFormField(field('p', 'latin'), '林示范')).toBe('caseForm.latin');
    expect(checkFormField(field('p', 'latin'), 'LIN  SHIFAN')).toBe('caseForm.latin');
  });

  it('takes only real calendar days for a date', () => {
    const date = field('d', 'date');
    expect(checkFormField(date, '2028-02-29')).toBeNull();
    for (const bad of ['2026-02-29', '2026-13-01', '2026-4-1', '20260401', 'tomorrow']) expect(checkFormField(date, bad), bad).toBe('caseForm.date');
  });

  it('takes only the listed values of a choice', () => {
    const choice = FORM[5]!;
    expect(checkFormField(choice, 'marriage')).toBeNull();
    expect(checkFormField(choice, 'Marriage')).toBe('caseForm.choice');
    expect(checkFormField({ ...choice, choices: undefined }, 'marriage')).toBe('caseForm.choice');
  });

  it('counts length in characters, with a default limit for fields without one', () => {
    const address = FORM[1]!;
    expect(checkFormField(address, '一二三四五六七八九十')).toBeNull();
    expect(checkFormField(address, '一二三四五六七八九十一')).toBe('caseForm.tooLong');
    expect(checkFormField(address, '𠀀'.repeat(10))).toBeNull();
    expect(checkFormField(field('t', 'text'), 'a'.repeat(DEFAULT_MAX_LENGTH + 1))).toBe('caseForm.tooLong');
  });

  it('refuses control characters and line breaks in any field', () => {
    expect(checkFormField(field('t', 'text'), '样板\n路')).toBe('caseForm.invalid');
    expect(checkFormField(field('t', 'text'), 'a\u0000b')).toBe('caseForm.invalid');
  });

  it('reports several fields at once, each with its own problem', () => {
    const result = validateCaseForm(FORM, { phone: '123', address: '样板路', copies: 'two', reason: 'other', moveDate: '2026-02-30' });
    expect(result.ok ? [] : result.errors.map((error) => `${error.field}:${error.messageKey}`)).toEqual([
      'phone:caseForm.phone',
      'copies:caseForm.digits',
      'moveDate:caseForm.date',
      'reason:caseForm.choice',
    ]);
  });
});
