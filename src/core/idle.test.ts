import { describe, expect, it } from 'vitest';
import { idlePhase, idlePolicy, normalizeIdleSeconds } from './idle.ts';

describe('idle policy', () => {
  const policy = idlePolicy(60);

  it('stays active until the last ten seconds', () => {
    expect(idlePhase(policy, 0, 0)).toEqual({ kind: 'active' });
    expect(idlePhase(policy, 0, 49_999)).toEqual({ kind: 'active' });
  });

  it('counts down the last ten seconds in whole seconds', () => {
    expect(idlePhase(policy, 0, 50_000)).toEqual({ kind: 'warning', secondsLeft: 10 });
    expect(idlePhase(policy, 0, 50_001)).toEqual({ kind: 'warning', secondsLeft: 10 });
    expect(idlePhase(policy, 0, 59_001)).toEqual({ kind: 'warning', secondsLeft: 1 });
  });

  it('expires at the timeout', () => {
    expect(idlePhase(policy, 0, 60_000)).toEqual({ kind: 'expired' });
    expect(idlePhase(policy, 1000, 60_999)).toEqual({ kind: 'warning', secondsLeft: 1 });
  });

  it('treats a clock that went backwards as fresh activity', () => {
    expect(idlePhase(policy, 10_000, 5_000)).toEqual({ kind: 'active' });
  });

  it('keeps configured timeouts within the allowed range', () => {
    expect(normalizeIdleSeconds(undefined)).toBe(60);
    expect(normalizeIdleSeconds('90')).toBe(90);
    expect(normalizeIdleSeconds(' ')).toBe(60);
    expect(normalizeIdleSeconds('abc')).toBe(60);
    expect(normalizeIdleSeconds(3)).toBe(20);
    expect(normalizeIdleSeconds(99_999)).toBe(600);
    expect(normalizeIdleSeconds(45.6)).toBe(46);
  });
});
