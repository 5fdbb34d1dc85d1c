import { computed, effect, signal } from '@preact/signals';
import type { ApiError } from '../shared/api.ts';
import { errorText } from '../shared/errors.ts';
import { repeatEvery } from '../shared/polling.ts';
import * as api from './case-api.ts';
import { busy, handleFailure, notice, view, type Notice } from './store.ts';

/** Terminals and other windows add cases all day; 5 s keeps the desk current without loading the server. */
export const CASES_REFRESH_MS = 5000;

export type DeskTab = 'queue' | 'cases';
/** The work screen shows the calling desk (叫号) or the case desk (办件). */
export const deskTab = signal<DeskTab>('queue');
export const caseFilter = signal<api.DeskFilter>('open');
export const deskList = signal<api.DeskList | null>(null);
export const caseItems = signal<api.CaseItem[] | null>(null);
/** The case open in the side panel; null shows the registration form. */
export const selectedCase = signal<api.DeskCase | null>(null);

export const STATUS_LABELS: Record<api.CaseStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  'supplement-requested': '补正中',
  decided: '已决定',
  finished: '已办结',
};

export const CHANNEL_LABELS: Record<api.DeskCase['channel'], string> = { window: '窗口', 'self-service-terminal': '自助终端', 'smart-approval': '智能审批' };
export const HANDLING_LABELS: Record<api.DeskCase['handling'], string> = { manual: '人工', 'non-manual': '非人工' };

/** What a window agent reads for the case desk's own refusals; the rest as the hall pages say them. */
const CASE_MESSAGES: Record<string, string> = {
  'invalid-applicant-id': '证件号码有误（校验位不符），请核对后重新输入。',
  'invalid-applicant-name': '请填写申请人姓名。',
  'unknown-item': '找不到该事项，事项目录可能已更新，请刷新页面。',
  'item-not-served-here': '本窗口不受理该事项，请选择本窗口业务范围内的事项。',
  'case-not-at-this-window': '该办件不属于本窗口的业务范围。',
  'case-wrong-status': '该办件当前状态不能进行此操作，列表已刷新。',
  'case-status-changed': '该办件刚被其他窗口处理，列表已刷新。',
  'case-not-found': '找不到该办件，列表已刷新。',
  'note-required': '请填写说明（补正内容或不予办理的理由）。',
  'note-too-long': '说明最多200字，请精简。',
  'client-id-in-use': '登记请求重复，请重新填写后登记。',
};

export const caseErrorText = (error: ApiError): string => CASE_MESSAGES[error.code] ?? errorText(error);

function caseFailure(error: ApiError): void {
  if (error.status === 401 || error.code === 'no-window') return handleFailure(error);
  notice.value = { tone: 'error', text: caseErrorText(error) };
}

/** Cases whose due date has passed while the clock runs; shown first by the server's order. */
export const overdueCount = computed(() => deskList.value?.cases.filter((c) => c.overdue).length ?? 0);

let refreshes = 0;

export async function refreshCases(): Promise<void> {
  // A slow answer to an older filter must not replace a newer list.
  const mine = ++refreshes;
  const result = await api.fetchDeskCases(caseFilter.value);
  if (mine !== refreshes) return;
  if (!result.ok) {
    if (result.error.code !== 'network') caseFailure(result.error);
    return;
  }
  deskList.value = result.value;
  const selected = selectedCase.value;
  if (selected) selectedCase.value = result.value.cases.find((c) => c.id === selected.id) ?? selected;
}

export async function loadCaseItems(): Promise<void> {
  const result = await api.fetchCaseItems();
  if (result.ok) caseItems.value = result.value;
  else caseFailure(result.error);
}

export function showFilter(filter: api.DeskFilter): void {
  caseFilter.value = filter;
  deskList.value = null;
  void refreshCases();
}

async function caseAction(action: () => Promise<{ ok: true; value: api.DeskCase } | { ok: false; error: ApiError }>, done: (c: api.DeskCase) => string): Promise<boolean> {
  if (busy.value) return false;
  busy.value = true;
  try {
    const result = await action();
    if (result.ok) {
      selectedCase.value = result.value;
      notice.value = { tone: 'info', text: done(result.value) } satisfies Notice;
    } else caseFailure(result.error);
    await refreshCases();
    return result.ok;
  } finally {
    busy.value = false;
  }
}

export const registerCase = (registration: api.Registration): Promise<boolean> =>
  caseAction(
    () => api.registerCase(registration),
    (c) => `已登记 ${c.caseNumber}${c.status === 'accepted' ? '，已受理' : ''}`,
  );

const STEP_DONE: Record<api.DeskStep['kind'], string> = {
  accept: '已受理',
  supplement: '已要求补正，计时暂停',
  'supplement-received': '补正材料已收到，恢复计时',
  decide: '已作出决定',
  finish: '已办结',
};

export const stepCase = (caseId: string, step: api.DeskStep): Promise<boolean> =>
  caseAction(
    () => api.actOnCase(caseId, step),
    (c) => `${c.caseNumber} ${STEP_DONE[step.kind]}`,
  );

export function openCase(selected: api.DeskCase | null): void {
  selectedCase.value = selected;
  notice.value = null;
}

// The case list is polled only while the case desk is on screen.
effect(() => {
  if (view.value !== 'work' || deskTab.value !== 'cases') return;
  void loadCaseItems();
  return repeatEvery(CASES_REFRESH_MS, refreshCases);
});
