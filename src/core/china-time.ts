/**
 * Wall-clock parts in China Standard Time. China has kept UTC+8 without daylight saving since
 * 1991, so plain arithmetic is exact and does not depend on the ICU data of the browser or host.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface ChinaTimeParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function chinaTimeParts(epochMs: number): ChinaTimeParts {
  const shifted = new Date(epochMs + CHINA_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "2026-10-01" */
export function formatChinaDate(parts: ChinaTimeParts): string {
  return `${parts.year}-${pad2(parts.month)}-${pad2(parts.day)}`;
}

/** "20:05" */
export function formatChinaTime(parts: ChinaTimeParts): string {
  return `${pad2(parts.hour)}:${pad2(parts.minute)}`;
}

/** "2026-11-24T12:00:00+08:00": an instant as the hall reads it, for times meant for people. */
export function formatChinaIso(epochMs: number): string {
  const parts = chinaTimeParts(epochMs);
  return `${formatChinaDate(parts)}T${formatChinaTime(parts)}:${pad2(parts.second)}+08:00`;
}

/** "12:00" in China for an ISO instant of any offset; '' when the text is no time. */
export function chinaClockTime(isoInstant: string): string {
  const epochMs = Date.parse(isoInstant);
  return Number.isFinite(epochMs) ? formatChinaTime(chinaTimeParts(epochMs)) : '';
}

/** "2026-10-01 20:05": an instant as a citizen reads a clock in China, whatever the device's zone. */
export function formatChinaDateTime(epochMs: number): string {
  const parts = chinaTimeParts(epochMs);
  return `${formatChinaDate(parts)} ${formatChinaTime(parts)}`;
}
