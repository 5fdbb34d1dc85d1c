import { effect, signal } from '@preact/signals';
import { errorText } from '../shared/errors.ts';
import { pageClock } from '../shared/hall-config.ts';
import { repeatEvery } from '../shared/polling.ts';
import { fetchEvaluations, resolveRectification, type AdminEvaluation, type EvaluationFilter, type EvaluationSummary } from './evaluations-api.ts';
import { handleFailure, notice, view } from './store.ts';

/** Overdue flags turn at midnight, new complaints arrive any time: half a minute is soon enough. */
export const EVALUATIONS_REFRESH_MS = 30_000;

export const filter = signal<EvaluationFilter>('open');
export const evaluations = signal<AdminEvaluation[] | null>(null);
export const summary = signal<EvaluationSummary | null>(null);
export const refreshedAt = signal<number | null>(null);
export const connectionLost = signal(false);
/** The rectification whose outcome is being written, and the text so far. */
export const resolving = signal<AdminEvaluation | null>(null);
export const outcome = signal('');
export const resolveError = signal<string | null>(null);
export const busy = signal(false);

let refreshes = 0;

export async function refreshEvaluations(): Promise<void> {
  const mine = ++refreshes;
  const result = await fetchEvaluations(filter.value);
  if (mine !== refreshes) return;
  connectionLost.value = !result.ok && result.error.code === 'network';
  if (result.ok) {
    evaluations.value = result.value.evaluations;
    summary.value = result.value.summary;
    refreshedAt.value = pageClock.now();
  } else if (!connectionLost.value) {
    handleFailure(result.error);
  }
}

export function chooseFilter(next: EvaluationFilter): void {
  if (next === filter.value) return;
  filter.value = next;
  evaluations.value = null;
  void refreshEvaluations();
}

export function startResolving(entry: AdminEvaluation): void {
  resolving.value = entry;
  outcome.value = '';
  resolveError.value = null;
}

export function cancelResolving(): void {
  resolving.value = null;
}

export async function confirmResolve(): Promise<void> {
  const entry = resolving.value;
  const rectification = entry?.rectification;
  if (!entry || !rectification || busy.value) return;
  if (outcome.value.trim() === '') {
    resolveError.value = '请填写整改结果：做了什么、结果如何。群众将在评价页面看到这段文字。';
    return;
  }
  busy.value = true;
  const result = await resolveRectification(rectification.id, outcome.value);
  busy.value = false;
  if (result.ok) {
    resolving.value = null;
    notice.value = { tone: 'info', text: `已办结 ${entry.reference} 的整改，结果已对群众公开。` };
  } else if (result.error.status === 401 || result.error.status === 403) {
    resolving.value = null;
    handleFailure(result.error);
  } else {
    resolveError.value = result.error.code === 'already-resolved' ? '该整改已由他人办结，列表已刷新。' : errorText(result.error);
    if (result.error.code === 'already-resolved') resolving.value = null;
  }
  await refreshEvaluations();
}

// Polls while the section is open; also the first load after login.
effect(() => {
  if (view.value !== 'evaluations') return;
  return repeatEvery(EVALUATIONS_REFRESH_MS, refreshEvaluations);
});
