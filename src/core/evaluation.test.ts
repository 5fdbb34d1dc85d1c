import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from './calendar/business-calendar.ts';
import { HOLIDAY_YEARS } from './calendar/holidays.ts';
import {
  EVALUATION_LEVELS,
  EVALUATION_REASONS,
  isBadLevel,
  isOverdue,
  LEVEL_LABELS,
  MAX_COMMENT_LENGTH,
  rectificationDueAt,
  rectificationDueDate,
  subjectOfLink,
  validateEvaluation,
} from './evaluation.ts';
import { LANGUAGES } from './language.ts';

const calendar = new BusinessCalendar(HOLIDAY_YEARS);
const at = (iso: string) => Date.parse(iso);

describe('evaluation levels and reasons', () => {
  it('lists the five levels best first, named in every language', () => {
    expect(EVALUATION_LEVELS).toEqual([5, 4, 3, 2, 1]);
    expect(EVALUATION_LEVELS.map((level) => LEVEL_LABELS[level]['zh-CN'])).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    for (const level of EVALUATION_LEVELS) for (const lang of LANGUAGES) expect(LEVEL_LABELS[level][lang].trim()).not.toBe('');
  });

  it('counts 不满意 and 非常不满意 as bad ratings, 基本满意 not', () => {
    expect(EVALUATION_LEVELS.filter(isBadLevel)).toEqual([2, 1]);
  });

  it('offers the national reasons, each named in every language, ending with 其他', () => {
    expect(EVALUATION_REASONS.map((reason) => reason.label['zh-CN'])).toEqual(
      expect.arrayContaining(['办事效率低', '服务态度差', '材料要求多', '多次跑腿', '系统不好用', '其他']),
    );
    expect(EVALUATION_REASONS.at(-1)!.code).toBe('other');
    for (const reason of EVALUATION_REASONS) for (const lang of LANGUAGES) expect(reason.label[lang].trim()).not.toBe('');
  });
});

describe('validateEvaluation', () => {
  it('accepts a good rating without a reason and an optional comment', () => {
    expect(validateEvaluation({ level: 5 })).toEqual({ ok: true, value: { level: 5, reason: null, comment: null } });
    expect(validateEvaluation({ level: 3, comment: '  窗口人员很耐心  ' })).toEqual({ ok: true, value: { level: 3, reason: null, comment: '窗口人员很耐心' } });
  });

  it('requires a known reason at 不满意 and below', () => {
    expect(validateEvaluation({ level: 2 })).toMatchObject({ ok: false, error: { code: 'reason-required', messageKey: 'evaluation.error.reason-required' } });
    expect(validateEvaluation({ level: 1, reason: '' })).toMatchObject({ ok: false, error: { code: 'reason-required' } });
    expect(validateEvaluation({ level: 1, reason: 'rude' })).toMatchObject({ ok: false, error: { code: 'unknown-reason' } });
    expect(validateEvaluation({ level: 2, reason: 'slow' })).toEqual({ ok: true, value: { level: 2, reason: 'slow', comment: null } });
    expect(validateEvaluation({ level: 1, reason: 'other', comment: '叫号后窗口无人' })).toMatchObject({ ok: true, value: { reason: 'other', comment: '叫号后窗口无人' } });
  });

  it('refuses a reason on a good rating, and levels that do not exist', () => {
    expect(validateEvaluation({ level: 4, reason: 'slow' })).toMatchObject({ ok: false, error: { code: 'reason-not-allowed' } });
    for (const level of [0, 6, 2.5, -1, Number.NaN]) expect(validateEvaluation({ level })).toMatchObject({ ok: false, error: { code: 'invalid-level' } });
  });

  it('allows 200 characters of comment, counting a Chinese character or an emoji once', () => {
    expect(validateEvaluation({ level: 4, comment: '好'.repeat(MAX_COMMENT_LENGTH) }).ok).toBe(true);
    expect(validateEvaluation({ level: 4, comment: '😀'.repeat(MAX_COMMENT_LENGTH) }).ok).toBe(true);
    expect(validateEvaluation({ level: 4, comment: '好'.repeat(MAX_COMMENT_LENGTH + 1) })).toMatchObject({ ok: false, error: { code: 'comment-too-long' } });
    expect(validateEvaluation({ level: 4, comment: 'a\u0000b' })).toMatchObject({ ok: false, error: { code: 'comment-invalid' } });
    expect(validateEvaluation({ level: 4, comment: '第一行\n第二行' }).ok).toBe(true);
    expect(validateEvaluation({ level: 4, comment: '   ' })).toEqual({ ok: true, value: { level: 4, reason: null, comment: null } });
  });
});

describe('rectification deadline: the end of the next working day, China time', () => {
  it('gives a rating on a working day until the end of the following working day', () => {
    expect(rectificationDueDate(calendar, at('2026-11-24T09:00:00+08:00'))).toBe('2026-11-25');
    expect(rectificationDueAt(calendar, at('2026-11-24T09:00:00+08:00'))).toBe(at('2026-11-26T00:00:00+08:00'));
    expect(rectificationDueAt(calendar, at('2026-11-24T23:59:59+08:00'))).toBe(at('2026-11-26T00:00:00+08:00'));
  });

  it('reads the day in China, not in UTC', () => {
    // 00:30 on Wednesday in China is still Tuesday in UTC.
    expect(rectificationDueDate(calendar, at('2026-11-24T16:30:00Z'))).toBe('2026-11-26');
  });

  it('skips a weekend', () => {
    expect(rectificationDueDate(calendar, at('2026-11-27T10:00:00+08:00'))).toBe('2026-11-30');
    expect(rectificationDueDate(calendar, at('2026-11-28T22:00:00+08:00'))).toBe('2026-11-30');
    expect(rectificationDueAt(calendar, at('2026-11-29T08:00:00+08:00'))).toBe(at('2026-12-01T00:00:00+08:00'));
  });

  it('skips a public holiday and counts an adjusted working weekend', () => {
    // 国庆节 2026: 10-01 to 10-07 off; Saturday 10-10 is worked (调休).
    expect(rectificationDueDate(calendar, at('2026-09-30T16:00:00+08:00'))).toBe('2026-10-08');
    expect(rectificationDueDate(calendar, at('2026-10-03T11:00:00+08:00'))).toBe('2026-10-08');
    expect(rectificationDueDate(calendar, at('2026-10-09T11:00:00+08:00'))).toBe('2026-10-10');
    // 春节 2026: 02-15 to 02-23 off, Saturday 02-14 worked.
    expect(rectificationDueDate(calendar, at('2026-02-13T17:00:00+08:00'))).toBe('2026-02-14');
    expect(rectificationDueDate(calendar, at('2026-02-14T17:00:00+08:00'))).toBe('2026-02-24');
  });

  it('is overdue from the due instant on while open, and when resolved only after it', () => {
    const dueAt = at('2026-11-26T00:00:00+08:00');
    const open = { dueAt, status: 'open' as const, resolvedAt: null };
    expect(isOverdue(open, dueAt - 1)).toBe(false);
    expect(isOverdue(open, dueAt)).toBe(true);
    expect(isOverdue({ dueAt, status: 'resolved', resolvedAt: dueAt - 60_000 }, dueAt + 86_400_000)).toBe(false);
    expect(isOverdue({ dueAt, status: 'resolved', resolvedAt: dueAt + 60_000 }, dueAt + 86_400_000)).toBe(true);
  });
});

describe('subjectOfLink', () => {
  const token = 'abcdEFGH1234_-xyzABCDEFG';
  it('reads a receipt’s evaluation code and a ticket’s track code', () => {
    expect(subjectOfLink(`http://hall.example:8080/evaluate/case/${token}`)).toEqual({ kind: 'case', token });
    expect(subjectOfLink(`/evaluate/ticket/${token}/`)).toEqual({ kind: 'ticket', token });
    expect(subjectOfLink(`http://192.168.1.5:8080/track/${token}`)).toEqual({ kind: 'ticket', token });
  });

  it('refuses anything else', () => {
    for (const text of ['', 'hello', `/evaluate/other/${token}`, '/evaluate/case/short', `/track/${token}/more`, `/evaluate/case/${token}%20`]) {
      expect(subjectOfLink(text), text).toBeNull();
    }
  });
});
