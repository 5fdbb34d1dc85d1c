import type { FleetEntry } from './api.ts';

/** The same words the terminal's own admin screen uses (src/app/i18n/zh-CN.ts), so staff meet one vocabulary. */
export const DEVICE_NAMES: Record<string, string> = {
  reader: '读卡器',
  scanner: '扫码器',
  printer: '凭条打印机',
  docPrinter: '文档打印机',
};

const DEVICE_STATES: Record<string, string> = {
  ready: '正常',
  absent: '未连接',
  error: '故障',
  'paper-near-end': '纸将用尽',
  'paper-out': '缺纸',
  'cover-open': '仓盖未关',
};

const PAPER_STATES: Record<string, string> = {
  ok: '正常',
  'near-end': '纸将用尽',
  out: '缺纸',
  unknown: '未知',
};

export type Tone = 'ok' | 'warn' | 'danger' | 'muted';

export const deviceStateText = (state: string): string => DEVICE_STATES[state] ?? state;
export const deviceTone = (state: string): Tone => (state === 'ready' ? 'ok' : state === 'absent' ? 'muted' : state === 'paper-near-end' ? 'warn' : 'danger');

export const paperText = (paper: string | null): string => (paper === null ? '—' : (PAPER_STATES[paper] ?? paper));
export const paperTone = (paper: string | null): Tone => (paper === 'ok' ? 'ok' : paper === 'near-end' ? 'warn' : paper === 'out' ? 'danger' : 'muted');

export function terminalStatus(terminal: FleetEntry): { text: string; tone: Tone } {
  if (terminal.revoked) return { text: '已吊销', tone: 'danger' };
  if (!terminal.enrolled) return { text: '待注册', tone: 'warn' };
  return { text: '已注册', tone: 'ok' };
}

/** Enrolled, not revoked, and silent: the rows an administrator must act on. */
export const needsAttention = (terminal: FleetEntry): boolean => terminal.stale && terminal.enrolled && !terminal.revoked;

/** Why the identity limits suspended a terminal, and what an alert saw. */
const ALERT_NAMES: Record<string, string> = {
  'distinct-holders': '1小时内核验的不同身份',
  'consents-per-minute': '1分钟内的证照授权',
};

export const alertText = (alert: { kind: string; observed: number; limit: number }): string => `${ALERT_NAMES[alert.kind] ?? alert.kind}达 ${alert.observed} 次（上限 ${alert.limit}）`;

export const suspensionText = (reason: string): string => `已暂停证照业务：${ALERT_NAMES[reason] ?? reason}超过上限`;

/** The usage log's actions, as the fleet page names them. */
export const USE_ACTIONS: Record<string, string> = {
  retrieve: '调取',
  view: '查看',
  'copy-a4': '打印A4复印件',
  'copy-receipt': '打印凭条摘要',
  'case-attach': '办件免提交',
  'window-use': '窗口用证',
};
