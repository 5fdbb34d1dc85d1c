import { batch, computed, signal } from '@preact/signals';
import { isBadLevel, isEvaluationLevel, MAX_COMMENT_LENGTH, REASON_CODES, validateEvaluation, type EvaluationLevel, type EvaluationReason, type SubjectKind } from '../../core/evaluation.ts';
import { requestJson } from '../shared/api.ts';
import { boolean, ParseError, literal, nullable, object, string, type Parser } from '../shared/parse.ts';

const Localized = object({ 'zh-CN': string, 'zh-TW': string, en: string });
const Kind = literal('case', 'ticket');
const Level: Parser<EvaluationLevel> = (value, path = '') => {
  if (!isEvaluationLevel(value)) throw new ParseError(`${path || 'value'}: expected a level 1-5`);
  return value;
};

const Subject = object({ kind: Kind, reference: string, title: Localized, date: string });
const Evaluation = object({
  level: Level,
  reason: nullable(literal(...REASON_CODES)),
  comment: nullable(string),
  source: literal('terminal', 'phone'),
  createdAt: string,
  rectification: nullable(object({ status: literal('open', 'resolved'), dueAt: string, overdue: boolean, outcome: nullable(string), resolvedAt: nullable(string) })),
});
export type Evaluation = ReturnType<typeof Evaluation>;
export type EvaluatedSubject = ReturnType<typeof Subject>;

const Status = object({ subject: Subject, evaluation: nullable(Evaluation) });
const Recorded = object({ evaluation: Evaluation });

export type PageState =
  | { kind: 'loading' }
  | { kind: 'unknown' }
  | { kind: 'unreachable' }
  | { kind: 'form'; subject: EvaluatedSubject }
  /** `fresh`: given just now on this page (thanks), else found (already evaluated). */
  | { kind: 'evaluated'; subject: EvaluatedSubject; evaluation: Evaluation; fresh: boolean };

export const pageState = signal<PageState>({ kind: 'loading' });
export const level = signal<EvaluationLevel | null>(null);
export const reason = signal<EvaluationReason | null>(null);
export const comment = signal('');
export const sending = signal(false);
/** Why the last submit did not go through: a message key of the page. */
export const submitError = signal<string | null>(null);

export const commentLength = computed(() => [...comment.value.trim()].length);
export const needsReason = computed(() => level.value !== null && isBadLevel(level.value));

let target: { kind: SubjectKind; token: string } | null = null;
/** One clientId per rating: a retry after a lost answer is the same rating, never a second one. */
let clientId: string | null = null;

export async function loadSubject(subject: { kind: SubjectKind; token: string } | null): Promise<void> {
  target = subject;
  if (!subject) {
    pageState.value = { kind: 'unknown' };
    return;
  }
  pageState.value = { kind: 'loading' };
  const result = await requestJson(`/evaluations/by-token/${subject.kind}/${subject.token}`, Status);
  if (result.ok) {
    const { subject: found, evaluation } = result.value;
    pageState.value = evaluation ? { kind: 'evaluated', subject: found, evaluation, fresh: false } : { kind: 'form', subject: found };
    return;
  }
  pageState.value = { kind: result.error.status === 404 || result.error.status === 400 ? 'unknown' : 'unreachable' };
}

export function chooseLevel(value: EvaluationLevel): void {
  batch(() => {
    level.value = value;
    if (!isBadLevel(value)) reason.value = null;
    submitError.value = null;
  });
}

export function chooseReason(value: EvaluationReason): void {
  reason.value = value;
  submitError.value = null;
}

export function setComment(value: string): void {
  // Cut at the limit as the citizen types, by characters, never in the middle of one.
  comment.value = [...value].slice(0, MAX_COMMENT_LENGTH + 20).join('');
  submitError.value = null;
}

export async function submit(): Promise<void> {
  const state = pageState.value;
  if (state.kind !== 'form' || !target || sending.value) return;
  if (level.value === null) return void (submitError.value = 'needs.level');
  const checked = validateEvaluation({ level: level.value, reason: reason.value, comment: comment.value });
  if (!checked.ok) return void (submitError.value = checked.error.code === 'reason-required' ? 'needs.reason' : `error.${checked.error.code}`);
  clientId ??= crypto.randomUUID();
  const { level: chosen, reason: why, comment: text } = checked.value;
  sending.value = true;
  const body = { clientId, kind: target.kind, token: target.token, level: chosen, ...(why ? { reason: why } : {}), ...(text ? { comment: text } : {}) };
  const result = await requestJson('/evaluations/by-token', Recorded, { method: 'POST', body });
  sending.value = false;
  if (result.ok) {
    pageState.value = { kind: 'evaluated', subject: state.subject, evaluation: result.value.evaluation, fresh: true };
  } else if (result.error.code === 'already-evaluated') {
    // Rated meanwhile elsewhere (at the terminal, or on another phone): show that one.
    await loadSubject(target);
  } else {
    submitError.value = result.error.code === 'network' || result.error.status >= 500 ? 'error.network' : 'error.other';
  }
}
