import { describe, expect, it } from 'vitest';
import { formatWallTime, nextWallTime, parseWallTime } from './nightly.ts';

const at = (iso: string) => Date.parse(iso);

describe('the nightly restart time', () => {
  it('is the next time China wall time reads HH:MM, whatever the machine zone', () => {
    expect(nextWallTime(at('2026-03-02T02:00:00+08:00'), { hour: 3, minute: 30 })).toBe(at('2026-03-02T03:30:00+08:00'));
    expect(nextWallTime(at('2026-03-02T03:30:00+08:00'), { hour: 3, minute: 30 })).toBe(at('2026-03-03T03:30:00+08:00'));
    expect(nextWallTime(at('2026-03-02T23:59:00+08:00'), { hour: 0, minute: 0 })).toBe(at('2026-03-03T00:00:00+08:00'));
    // 20:00 UTC is already 04:00 the next day in China.
    expect(nextWallTime(at('2026-12-31T20:00:00Z'), { hour: 3, minute: 0 })).toBe(at('2027-01-02T03:00:00+08:00'));
  });

  it('reads and writes 24-hour HH:MM only', () => {
    expect(parseWallTime('03:05')).toEqual({ hour: 3, minute: 5 });
    expect(parseWallTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['24:00', '3:05', '03:60', '03:05:00', 'now']) expect(parseWallTime(bad)).toBeNull();
    expect(formatWallTime({ hour: 4, minute: 0 })).toBe('04:00');
  });
});
