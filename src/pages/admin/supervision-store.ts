import { computed, effect, signal, untracked } from '@preact/signals';
import { chinaTimeParts } from '../../core/china-time.ts';
import type { ApiError } from '../shared/api.ts';
import { errorText } from '../shared/errors.ts';
import { pageClock } from '../shared/hall-config.ts';
import {
  decideAppeal,
  fetchCards,
  fetchExemptCases,
  fetchReport,
  fileAppeal,
  type Card,
  type CardStatusFilter,
  type ExemptCase,
  type Grouping,
  type QuarterChoice,
  type Report,
} from './supervision-api.ts';
import { handleFailure, notice, view } from './store.ts';

/** The quarters an administrator can pick: this one and the seven before it (two years). */
const QUARTERS_OFFERED = 8;

export function quarterChoices(now: number): QuarterChoice[] {
  const parts = chinaTimeParts(now);
  let year = parts.year;
  let quarter = Math.floor((parts.month - 1) / 3) + 1;
  const choices: QuarterChoice[] = [];
  for (let n = 0; n < QUARTERS_OFFERED; n++) {
    choices.push({ year, quarter });
    quarter--;
    if (quarter === 0) {
      quarter = 4;
      year--;
    }
  }
  return choices;
}

export const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'];
export const quarterName = ({ year, quarter }: QuarterChoice) => `${year}年${QUARTER_NAMES[quarter]}`;

/** What the server says a refusal means, in the words of a supervision office. */
const MESSAGES: Record<string, string> = {
  'appeal-window-closed': '已超过申诉期限：督查牌须在出牌之日起15个自然日内申诉，逾期不予受理。',
  'appeal-pending': '该督查牌已有待审核的申诉，请先审核。',
  'card-revoked': '该督查牌已撤销，无需申诉。',
  'appeal-decided': '该申诉已审核过，列表已刷新。',
  'unknown-card': '找不到该督查牌，列表已刷新。',
  'unknown-appeal': '找不到该申诉，列表已刷新。',
  'appeal-reason-required': '请填写申诉理由。',
  'appeal-reason-too-long': '申诉理由不能超过500字。',
  'not-card-department': '只有被出牌的部门可以申诉。',
};
const messageOf = (error: ApiError) => MESSAGES[error.code] ?? errorText(error);

export const period = signal<QuarterChoice>(quarterChoices(pageClock.now())[0]!);
export const grouping = signal<Grouping>('department');
export const cardFilter = signal<CardStatusFilter>('all');
export const report = signal<Report | null>(null);
export const cards = signal<{ total: number; cards: Card[] } | null>(null);
export const exempt = signal<{ total: number; cases: ExemptCase[] } | null>(null);
export const exemptSearch = signal('');
export const loading = signal(false);
export const busy = signal(false);
/** The card an appeal is being written for, and the decision being confirmed. */
export const appealing = signal<Card | null>(null);
export const appealReason = signal('');
export const appealError = signal<string | null>(null);
export const deciding = signal<{ card: Card; approve: boolean } | null>(null);

export const onTimeRate = computed(() => {
  const total = report.value?.total;
  if (!total) return null;
  const judged = total.cases - total.inProgress;
  return judged === 0 ? null : (total.onTime / judged) * 100;
});

let loads = 0;

function failed(error: ApiError): void {
  if (error.status === 401 || error.status === 403) handleFailure(error);
  else notice.value = { tone: 'error', text: messageOf(error) };
}

export async function loadReport(): Promise<void> {
  const mine = ++loads;
  loading.value = true;
  const [reportResult, cardResult, exemptResult] = await Promise.all([
    fetchReport(period.value, grouping.value),
    fetchCards(period.value, cardFilter.value),
    fetchExemptCases(period.value, exemptSearch.value || null),
  ]);
  if (mine !== loads) return;
  loading.value = false;
  for (const result of [reportResult, cardResult, exemptResult]) if (!result.ok) return failed(result.error);
  if (reportResult.ok) report.value = reportResult.value;
  if (cardResult.ok) cards.value = cardResult.value;
  if (exemptResult.ok) exempt.value = exemptResult.value;
}

export function choosePeriod(next: QuarterChoice): void {
  period.value = next;
  void loadReport();
}

export function chooseGrouping(next: Grouping): void {
  if (next === grouping.value) return;
  grouping.value = next;
  void loadReport();
}

export function chooseCardFilter(next: CardStatusFilter): void {
  if (next === cardFilter.value) return;
  cardFilter.value = next;
  void loadReport();
}

/** Case numbers are ZW, the day (yyyymmdd) and six digits; anything else is told, not sent. */
const CASE_NUMBER = /^ZW\d{14}$/;

export function searchExempt(text: string): void {
  const wanted = text.trim().toUpperCase();
  if (wanted !== '' && !CASE_NUMBER.test(wanted)) {
    notice.value = { tone: 'error', text: '办件编号格式为 ZW 加 14 位数字，例如 ZW20261124000001。' };
    return;
  }
  notice.value = null;
  exemptSearch.value = wanted;
  void loadReport();
}

export function startAppeal(card: Card): void {
  appealing.value = card;
  appealReason.value = '';
  appealError.value = null;
}

export async function submitAppeal(): Promise<void> {
  const card = appealing.value;
  if (!card || busy.value) return;
  if (appealReason.value.trim() === '') {
    appealError.value = '请填写申诉理由，例如系统停机、跨部门协查等非窗口原因，并注明证明材料。';
    return;
  }
  busy.value = true;
  const result = await fileAppeal(card.id, appealReason.value.trim());
  busy.value = false;
  if (!result.ok) {
    if (result.error.status === 401 || result.error.status === 403) {
      appealing.value = null;
      return handleFailure(result.error);
    }
    appealError.value = messageOf(result.error);
    return;
  }
  appealing.value = null;
  notice.value = { tone: 'info', text: `已登记 ${card.department} 对办件 ${card.caseNumber} ${card.color === 'red' ? '红牌' : '黄牌'}的申诉，待审核。` };
  await loadReport();
}

export async function confirmDecision(): Promise<void> {
  const pending = deciding.value;
  const appeal = pending?.card.appeal;
  if (!pending || !appeal || busy.value) return;
  busy.value = true;
  const result = await decideAppeal(appeal.id, pending.approve);
  busy.value = false;
  deciding.value = null;
  if (!result.ok) failed(result.error);
  else {
    const what = `办件 ${pending.card.caseNumber} 的${pending.card.color === 'red' ? '红牌' : '黄牌'}`;
    notice.value = { tone: 'info', text: pending.approve ? `申诉已批准，${what}已撤销，不再计入督查统计。` : `申诉已驳回，${what}继续有效。` };
  }
  await loadReport();
}

effect(() => {
  if (view.value !== 'supervision') return;
  // The hall's clock (KIOSK_NOW) decides which quarter is "this" one. Untracked: choosing a
  // quarter or grouping must not run this again.
  untracked(() => {
    period.value = quarterChoices(pageClock.now())[0]!;
    void loadReport();
  });
});
