import { chinaTimeParts, formatChinaDate, formatChinaDateTime, formatChinaTime } from '../../core/china-time.ts';

/** The hall works in Beijing time whatever zone the browser of an agent or a citizen's phone is in. */
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "10:05" */
export function beijingTime(epochMs: number): string {
  return formatChinaTime(chinaTimeParts(epochMs));
}

/** "10:05:09" */
export function beijingTimeWithSeconds(epochMs: number): string {
  const parts = chinaTimeParts(epochMs);
  return `${formatChinaTime(parts)}:${pad2(parts.second)}`;
}

/** "2026-11-24 10:05:09" */
export function beijingDateTime(epochMs: number): string {
  return `${formatChinaDate(chinaTimeParts(epochMs))} ${beijingTimeWithSeconds(epochMs)}`;
}

/** "2026-11-24 10:05"; a dash for an instant the page could not read. */
export function beijingDateTimeToMinute(epochMs: number | null): string {
  return epochMs === null ? '—' : formatChinaDateTime(epochMs);
}

/** "2026年11月24日 星期二" */
export function beijingLongDate(epochMs: number): string {
  const parts = chinaTimeParts(epochMs);
  return `${parts.year}年${parts.month}月${parts.day}日 ${WEEKDAYS[parts.weekday]!}`;
}

/** Instants arrive from the API as ISO strings; an unreadable one is shown as a dash, not "NaN". */
export function parseInstant(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
