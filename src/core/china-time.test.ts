import { describe, expect, it } from 'vitest';
import { chinaClockTime, chinaTimeParts, formatChinaDate, formatChinaIso, formatChinaTime } from './china-time.ts';

describe('china time', () => {
  it('turns an instant into Beijing wall-clock parts across the UTC date line', () => {
    const parts = chinaTimeParts(Date.UTC(2026, 8, 30, 16, 5, 9));
    expect(parts).toEqual({ year: 2026, month: 10, day: 1, hour: 0, minute: 5, second: 9, weekday: 4 });
    expect(formatChinaDate(parts)).toBe('2026-10-01');
    expect(formatChinaTime(parts)).toBe('00:05');
  });

  it('writes an instant with the +08:00 offset, and reads the China clock time of any ISO instant', () => {
    const noon = Date.parse('2026-11-24T12:00:00+08:00');
    expect(formatChinaIso(noon)).toBe('2026-11-24T12:00:00+08:00');
    expect(Date.parse(formatChinaIso(noon))).toBe(noon);
    // The appointment that showed as 04:00: its start sent as UTC.
    expect(chinaClockTime('2026-11-24T04:00:00.000Z')).toBe('12:00');
    expect(chinaClockTime('2026-11-24T12:00:00+08:00')).toBe('12:00');
    expect(chinaClockTime('2026-11-24T16:30:00.000Z')).toBe('00:30');
    expect(chinaClockTime('')).toBe('');
  });
});
