import { AUDIT_ACTIONS, type AuditEntryView, type AuditOutcome } from '../../core/audit-wire.ts';
import type { Tone } from './labels.ts';

const ACTIONS: Record<string, string> = {
  [AUDIT_ACTIONS.login]: '登录',
  [AUDIT_ACTIONS.lockout]: '账号锁定',
  [AUDIT_ACTIONS.logout]: '退出登录',
  [AUDIT_ACTIONS.addressBlocked]: '地址暂停登录',
  [AUDIT_ACTIONS.revokeTerminal]: '吊销终端',
  [AUDIT_ACTIONS.resolveRectification]: '办结整改',
  [AUDIT_ACTIONS.fileAppeal]: '登记督查申诉',
  [AUDIT_ACTIONS.decideAppeal]: '审核督查申诉',
  [AUDIT_ACTIONS.mintDemoCode]: '生成演示身份码',
  [AUDIT_ACTIONS.crossOrigin]: '拒绝外部来源的请求',
};

const OUTCOMES: Record<AuditOutcome, { text: string; tone: Tone }> = {
  success: { text: '成功', tone: 'ok' },
  failure: { text: '失败', tone: 'warn' },
  refused: { text: '已拒绝', tone: 'danger' },
};

const DETAILS: Record<string, string> = {
  'wrong-password': '密码错误',
  'unknown-user': '无此用户名',
  'account-locked': '账号锁定中',
  'too-many-failures': '连续输错密码',
  'too-many-attempts': '失败次数过多',
  'no-origin': '未注明来源',
  approved: '批准',
  rejected: '驳回',
  'unknown-terminal': '无此终端',
  forbidden: '非管理员',
};

/** Actions recorded by parts of the server this page does not know yet show as their code. */
export const actionText = (action: string): string => ACTIONS[action] ?? action;
export const outcomeOf = (outcome: AuditOutcome): { text: string; tone: Tone } => OUTCOMES[outcome];
export const detailText = (detail: string | null): string | null => (detail === null ? null : (DETAILS[detail] ?? detail));

export function actorText(entry: AuditEntryView): string {
  if (entry.actorKind === 'system') return '系统';
  const who = entry.actorName ?? '（未登录）';
  return entry.actorKind === 'terminal' ? `终端 ${who}` : who;
}
