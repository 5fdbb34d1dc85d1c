import { describe, expect, it } from 'vitest';
import { chinaTimeParts, formatChinaDate, formatChinaTime } from './china-time.ts';

describe('china time', () => {
  it('turns an instant into Beijing wall-clock parts across the UTC date line', () => {
    const parts = chinaTimeParts(Date.UTC(2026, 8, 30, 16, 5, 9));
    expect(parts).toEqual({ year: 2026, month: 10, day: 1, hour: 0, minute: 5, second: 9, weekday: 4 });
    expect(formatChinaDate(parts)).toBe('2026-10-01');
    expect(formatChinaTime(parts)).toBe('00:05');
  });
});
