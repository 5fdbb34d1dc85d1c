import { describe, expect, it } from 'vitest';
import { loginErrorText } from './login-messages.ts';

describe('loginErrorText', () => {
  it('tells a locked-out agent until when, in Beijing time', () => {
    const until = '2026-12-08T01:15:00.000Z';
    expect(loginErrorText({ code: 'account-locked', status: 423, details: { until } })).toBe('密码连续输错次数过多，账号已锁定，请于 09:15 后再试。');
    expect(loginErrorText({ code: 'too-many-attempts', status: 429, details: { until } })).toContain('请于 09:15 后再试');
  });

  it('warns before the last tries, and only then', () => {
    expect(loginErrorText({ code: 'login-failed', status: 401, details: { attemptsLeft: 1 } })).toBe('用户名或密码错误。再输错 1 次，账号将被临时锁定。');
    expect(loginErrorText({ code: 'login-failed', status: 401, details: { attemptsLeft: 4 } })).toBe('用户名或密码错误，请重新输入。');
  });

  it('falls back to the general message when the details are missing or unreadable', () => {
    expect(loginErrorText({ code: 'account-locked', status: 423 })).toBe('密码连续输错次数过多，账号已临时锁定，请稍后再试。');
    expect(loginErrorText({ code: 'account-locked', status: 423, details: { until: 'soon' } })).toContain('请稍后再试');
    expect(loginErrorText({ code: 'login-busy', status: 503 })).toBe('同时登录的人较多，请稍等几秒后重试。');
  });
});
