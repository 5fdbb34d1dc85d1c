import type { ApiError } from './api.ts';

/** What a window agent or administrator reads for each code the hall API (or the page) can give. */
const MESSAGES: Record<string, string> = {
  network: '无法连接服务器，请检查网络后重试。',
  'bad-response': '服务器返回的内容无法识别，请刷新页面后重试。',
  unauthorized: '登录已失效，请重新登录。',
  'login-failed': '用户名或密码错误，请重新输入。',
  'account-locked': '密码连续输错次数过多，账号已临时锁定，请稍后再试。',
  'too-many-attempts': '本机登录失败次数过多，已暂停登录，请稍后再试。',
  'login-busy': '同时登录的人较多，请稍等几秒后重试。',
  'cross-origin-refused': '请求不是从本系统页面发出的，已被拒绝。请刷新页面后重新操作。',
  forbidden: '当前账号不是管理员，无权进行此操作。',
  'no-window': '尚未选择窗口，请先选择本人所在的窗口。',
  'unknown-window': '该窗口不存在，请重新选择。',
  'not-called-here': '该号码已不在本窗口办理（可能已办结或过号），列表已刷新。',
  'unknown-ticket': '找不到该号码，列表已刷新。',
  'call-contended': '其他窗口正在同时叫号，请稍后再按一次“叫号”。',
  'unknown-terminal': '找不到该终端，可能已被删除，列表已刷新。',
  'invalid-request': '提交的内容不符合要求，请检查后重试。',
  'bad-request': '请求无法处理，请刷新页面后重试。',
  'body-too-large': '提交的内容过长。',
  'not-found': '请求的功能不存在，请确认服务器版本。',
  internal: '服务器内部错误，请稍后重试；如持续出现请联系系统管理员。',
};

export function errorText(error: ApiError): string {
  const text = MESSAGES[error.code];
  if (text) return text;
  if (error.status >= 500) return MESSAGES.internal!;
  return `操作未成功（错误代码：${error.code}），请稍后重试。`;
}
