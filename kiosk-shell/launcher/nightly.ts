/**
 * The nightly restart time: a wall-clock time in China Standard Time (Asia/Shanghai), whatever
 * zone the terminal PC is set to. A fresh browser every night keeps slow leaks (memory, GPU
 * resources, a stuck service worker) from piling up over months of uptime.
 */
import { CHINA_OFFSET_MS, chinaTimeParts } from '../../src/core/china-time.ts';

export interface WallTime {
  hour: number;
  minute: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first instant strictly after `afterMs` at which China wall time reads `time`. China has no daylight saving: every day has 24 hours. */
export function nextWallTime(afterMs: number, time: WallTime): number {
  const today = chinaTimeParts(afterMs);
  const candidate = Date.UTC(today.year, today.month - 1, today.day, time.hour, time.minute) - CHINA_OFFSET_MS;
  return candidate > afterMs ? candidate : candidate + DAY_MS;
}

/** "03:30" → { hour: 3, minute: 30 }; null for anything that is not a 24-hour HH:MM. */
export function parseWallTime(text: string): WallTime | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

export function formatWallTime(time: WallTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}
