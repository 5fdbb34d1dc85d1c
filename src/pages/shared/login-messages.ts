import type { ApiError } from './api.ts';
import { beijingTime, parseInstant } from './beijing-time.ts';
import { errorText } from './errors.ts';

/**
 * A refused login in the words of the hall: a lock or a block says until when (Beijing time),
 * and the last tries before a lock are counted down, so nobody locks their own account unawares.
 */
export function loginErrorText(error: ApiError): string {
  const until = parseInstant(typeof error.details?.until === 'string' ? error.details.until : null);
  if (error.code === 'account-locked' && until !== null) return `密码连续输错次数过多，账号已锁定，请于 ${beijingTime(until)} 后再试。`;
  if (error.code === 'too-many-attempts' && until !== null) return `本机登录失败次数过多，已暂停登录，请于 ${beijingTime(until)} 后再试。`;
  const left = error.details?.attemptsLeft;
  if (error.code === 'login-failed' && typeof left === 'number' && left > 0 && left <= 2) return `用户名或密码错误。再输错 ${left} 次，账号将被临时锁定。`;
  return errorText(error);
}
