import { localDateOf } from '../../core/calendar/local-date.ts';
import { formatChinaDateTime } from '../../core/china-time.ts';
import { LEVEL_LABELS, reasonLabel, type EvaluationLevel } from '../../core/evaluation.ts';
import { language, localized } from '../i18n/index.ts';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const levelText = (level: EvaluationLevel): string => localized(LEVEL_LABELS[level]);

export const reasonText = (code: string): string => {
  const label = reasonLabel(code);
  return label ? localized(label) : code;
};

/** "11月25日" / "25 Nov": the working day a rectification is due, from its exclusive end instant. */
export function dueDayText(dueAtIso: string): string {
  const [, month, day] = localDateOf(Date.parse(dueAtIso) - 1).split('-').map(Number) as [number, number, number];
  return language.value === 'en' ? `${day} ${MONTHS_EN[month - 1] ?? ''}` : `${month}月${day}日`;
}

/** "2026-11-24 10:00", China time. */
export function dateTimeText(iso: string): string {
  return formatChinaDateTime(Date.parse(iso));
}
