import { describe, expect, it } from 'vitest';
import { clockFromPin, parseIsoWithOffset, pinnedClock, systemClock } from './clock.ts';

describe('clock', () => {
  it('parses ISO times only when they carry an offset', () => {
    expect(parseIsoWithOffset('2026-10-01T20:30:00+08:00')).toBe(Date.UTC(2026, 9, 1, 12, 30));
    expect(parseIsoWithOffset('2026-10-01T12:30Z')).toBe(Date.UTC(2026, 9, 1, 12, 30));
    expect(parseIsoWithOffset('2026-10-01T20:30:00')).toBeNull();
    expect(parseIsoWithOffset('yesterday')).toBeNull();
    expect(parseIsoWithOffset('2026-13-45T99:99+08:00')).toBeNull();
  });

  it('starts a pinned clock at the pinned instant and lets it run on', () => {
    let elapsed = 1000;
    const clock = pinnedClock(Date.UTC(2026, 0, 1), () => elapsed);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    elapsed += 2500;
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 2500);
  });

  it('falls back to the system clock without a readable pin', () => {
    expect(clockFromPin(undefined, () => 0)).toBe(systemClock);
    expect(clockFromPin('not a time', () => 0)).toBe(systemClock);
    expect(clockFromPin('2026-05-01T09:00+08:00', () => 0).now()).toBe(Date.UTC(2026, 4, 1, 1));
  });
});
