import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { language } from '../i18n/index.ts';
import { configureSession, elderMode, endSession, idle, noteActivity, onSessionEnd, sessionActive, sessionEpoch, sessionGuard } from './store.ts';

describe('citizen session', () => {
  let now = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
    configureSession({ idleSeconds: 60, monotonic: { now: () => now } });
  });
  afterEach(() => {
    endSession();
    vi.useRealTimers();
  });

  const advance = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };

  it('starts at the first interaction', () => {
    expect(sessionActive.value).toBe(false);
    noteActivity();
    expect(sessionActive.value).toBe(true);
  });

  it('shows a ten second countdown before the idle timeout, then ends', () => {
    noteActivity();
    const epoch = sessionEpoch.value;
    advance(49_000);
    expect(idle.value).toEqual({ kind: 'active' });
    advance(1_250);
    expect(idle.value).toEqual({ kind: 'warning', secondsLeft: 10 });
    advance(5_000);
    expect(idle.value).toEqual({ kind: 'warning', secondsLeft: 5 });
    advance(5_000);
    expect(sessionActive.value).toBe(false);
    expect(sessionEpoch.value).toBe(epoch + 1);
  });

  it('lets a touch cancel the countdown', () => {
    noteActivity();
    advance(55_000);
    expect(idle.value.kind).toBe('warning');
    noteActivity();
    expect(idle.value).toEqual({ kind: 'active' });
    advance(40_000);
    expect(sessionActive.value).toBe(true);
  });

  it('forgets the language, elder mode and every registered journey state at the end', () => {
    const draft = { value: 'marker' };
    const unregister = onSessionEnd(() => {
      draft.value = '';
    });
    noteActivity();
    language.value = 'en';
    elderMode.value = true;
    endSession();
    expect(language.value).toBe('zh-CN');
    expect(elderMode.value).toBe(false);
    expect(draft.value).toBe('');
    unregister();
  });

  it('tells an answer that arrives after the visit ended from one for the current visit', () => {
    noteActivity();
    const guard = sessionGuard();
    expect(guard()).toBe(true);
    endSession();
    expect(guard()).toBe(false);
    noteActivity();
    expect(sessionGuard()()).toBe(true);
    endSession();
  });
});
