/**
 * Evaluation (好差评) of a service: a ticket's queue and window service, or a case. Five levels;
 * 不满意 and 非常不满意 need a reason and open a rectification (整改) that the responsible
 * department must settle within one working day. The rules here are shared by the terminal, the
 * citizen's phone page and the hall server.
 */
import type { BusinessCalendar } from './calendar/business-calendar.ts';
import { addDays, instantOf, localDateOf, type LocalDate } from './calendar/local-date.ts';
import type { Localized } from './language.ts';

/** 5 非常满意 … 1 非常不满意, best first, as every national 好差评 channel lists them. */
export const EVALUATION_LEVELS = [5, 4, 3, 2, 1] as const;
export type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];

export const LEVEL_LABELS: Record<EvaluationLevel, Localized> = {
  5: { 'zh-CN': '非常满意', 'zh-TW': '非常滿意', en: 'Very satisfied' },
  4: { 'zh-CN': '满意', 'zh-TW': '滿意', en: 'Satisfied' },
  3: { 'zh-CN': '基本满意', 'zh-TW': '基本滿意', en: 'Fairly satisfied' },
  2: { 'zh-CN': '不满意', 'zh-TW': '不滿意', en: 'Dissatisfied' },
  1: { 'zh-CN': '非常不满意', 'zh-TW': '非常不滿意', en: 'Very dissatisfied' },
};

export function isEvaluationLevel(value: unknown): value is EvaluationLevel {
  return typeof value === 'number' && (EVALUATION_LEVELS as readonly number[]).includes(value);
}

/** 差评: 不满意 and below. They need a reason and are rectified. */
export const isBadLevel = (level: EvaluationLevel): boolean => level <= 2;

/** The reasons a citizen can give for a bad rating: the usual ones of the national 好差评 system. */
export const REASON_CODES = ['slow', 'attitude', 'too-many-materials', 'repeat-visits', 'unclear-guide', 'system', 'other'] as const;
export type EvaluationReason = (typeof REASON_CODES)[number];

const REASON_LABELS: Record<EvaluationReason, Localized> = {
  slow: { 'zh-CN': '办事效率低', 'zh-TW': '辦事效率低', en: 'Slow service' },
  attitude: { 'zh-CN': '服务态度差', 'zh-TW': '服務態度差', en: 'Unfriendly staff' },
  'too-many-materials': { 'zh-CN': '材料要求多', 'zh-TW': '材料要求多', en: 'Too many documents required' },
  'repeat-visits': { 'zh-CN': '多次跑腿', 'zh-TW': '多次跑腿', en: 'Had to come back several times' },
  'unclear-guide': { 'zh-CN': '办事指南不清楚', 'zh-TW': '辦事指南不清楚', en: 'Unclear service guide' },
  system: { 'zh-CN': '系统不好用', 'zh-TW': '系統不好用', en: 'The system was hard to use' },
  other: { 'zh-CN': '其他', 'zh-TW': '其他', en: 'Other' },
};

/** In the order a screen offers them, 其他 last. */
export const EVALUATION_REASONS: readonly { code: EvaluationReason; label: Localized }[] = REASON_CODES.map((code) => ({ code, label: REASON_LABELS[code] }));

export function reasonLabel(code: string): Localized | null {
  return (REASON_CODES as readonly string[]).includes(code) ? REASON_LABELS[code as EvaluationReason] : null;
}

/** Characters (code points, so a Chinese character counts once), after trimming. */
export const MAX_COMMENT_LENGTH = 200;

export interface EvaluationInput {
  level: number;
  reason?: string | null;
  comment?: string | null;
}

export interface ValidEvaluation {
  level: EvaluationLevel;
  reason: EvaluationReason | null;
  comment: string | null;
}

export type EvaluationErrorCode = 'invalid-level' | 'reason-required' | 'reason-not-allowed' | 'unknown-reason' | 'comment-too-long' | 'comment-invalid';

export type EvaluationCheck = { ok: true; value: ValidEvaluation } | { ok: false; error: { code: EvaluationErrorCode; messageKey: string } };

const refuse = (code: EvaluationErrorCode): EvaluationCheck => ({ ok: false, error: { code, messageKey: `evaluation.error.${code}` } });

/** Control characters other than line breaks: nothing a person types, and trouble in a log or a table. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A reason is required at 不满意 and below and refused above (a good rating has nothing to
 * rectify); the comment is optional at every level, at most 200 characters.
 */
export function validateEvaluation(input: EvaluationInput): EvaluationCheck {
  if (!isEvaluationLevel(input.level)) return refuse('invalid-level');
  const reason = input.reason ?? null;
  if (isBadLevel(input.level)) {
    if (reason === null || reason === '') return refuse('reason-required');
    if (!(REASON_CODES as readonly string[]).includes(reason)) return refuse('unknown-reason');
  } else if (reason !== null && reason !== '') return refuse('reason-not-allowed');
  const comment = (input.comment ?? '').trim();
  if ([...comment].length > MAX_COMMENT_LENGTH) return refuse('comment-too-long');
  if (CONTROL.test(comment)) return refuse('comment-invalid');
  return {
    ok: true,
    value: { level: input.level, reason: isBadLevel(input.level) ? (reason as EvaluationReason) : null, comment: comment === '' ? null : comment },
  };
}

/** The calendar's question only, so tests may give any calendar. */
export type WorkingDayCalendar = Pick<BusinessCalendar, 'isWorkingDay'>;

/** Longer than any run of holidays and weekends; a longer scan is a calendar bug. */
const MAX_SCAN_DAYS = 60;

/** The first working day after the China day of `evaluatedAt`: the day the rectification is due. */
export function rectificationDueDate(calendar: WorkingDayCalendar, evaluatedAt: number): LocalDate {
  let date = localDateOf(evaluatedAt);
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    date = addDays(date, 1);
    if (calendar.isWorkingDay(date)) return date;
  }
  throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days after ${localDateOf(evaluatedAt)}`);
}

/**
 * One working day: a bad rating must be rectified by the end of the next working day, China
 * time, whatever the hour it was given (rated on Friday at 09:00 or on Saturday night, it is due
 * at the end of Monday; before a holiday, at the end of the first working day after it). The
 * instant returned is the first moment past that day (24:00, i.e. the next day's 00:00): a
 * rectification is overdue from that instant on.
 */
export function rectificationDueAt(calendar: WorkingDayCalendar, evaluatedAt: number): number {
  return instantOf(addDays(rectificationDueDate(calendar, evaluatedAt), 1), '00:00');
}

export interface RectificationState {
  dueAt: number;
  status: 'open' | 'resolved';
  resolvedAt: number | null;
}

/** Still open at or after its due instant, or resolved only then (超期). */
export function isOverdue(rectification: RectificationState, now: number): boolean {
  if (rectification.status === 'resolved') return rectification.resolvedAt !== null && rectification.resolvedAt >= rectification.dueAt;
  return now >= rectification.dueAt;
}

export type SubjectKind = 'case' | 'ticket';

/** Phone links: /evaluate/case/<evaluation token>, /evaluate/ticket/<track token>. */
export const evaluationPath = (kind: SubjectKind, token: string): string => `/evaluate/${kind}/${token}`;

const TOKEN = '[A-Za-z0-9_-]{16,64}';
const EVALUATE_LINK = new RegExp(`(?:^|/)evaluate/(case|ticket)/(${TOKEN})/?(?:[?#].*)?$`);
const TRACK_LINK = new RegExp(`(?:^|/)track/(${TOKEN})/?(?:[?#].*)?$`);

/**
 * The service a scanned QR code stands for: a receipt's evaluation code, or a ticket's track
 * code (a ticket is evaluated by its track token). Anything else is no service.
 */
export function subjectOfLink(text: string): { kind: SubjectKind; token: string } | null {
  const trimmed = text.trim();
  const evaluate = EVALUATE_LINK.exec(trimmed);
  if (evaluate) return { kind: evaluate[1] as SubjectKind, token: evaluate[2]! };
  const track = TRACK_LINK.exec(trimmed);
  return track ? { kind: 'ticket', token: track[1]! } : null;
}
