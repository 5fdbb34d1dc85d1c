/**
 * 办件查询: a case number (or the reference of a receipt printed while the case waited in the
 * outbox) and the applicant's identity — the card or code the citizen identified with, or a typed
 * ID number, which may serve for a query but never opens certificates — give the case's timeline,
 * and how its evaluation and any rectification went.
 */
import { batch, signal } from '@preact/signals';
import type { CaseView } from '../../core/cases.ts';
import type { EvaluationStatus } from '../../core/evaluation-wire.ts';
import { checkIdNumber } from '../../core/id-number.ts';
import { queryProgress } from '../../platform/cases.ts';
import { lookupEvaluation } from '../../platform/evaluations.ts';
import type { MessageKey } from '../i18n/index.ts';
import { identity } from '../identify/store.ts';
import { onSessionEnd, sessionGuard } from '../session/store.ts';

/** Case numbers are letters and digits; longer input is a typo, not a case number. */
export const CASE_NUMBER_MAX = 24;
const ID_NUMBER_LENGTH = 18;

export const caseNumber = signal('');
export const typedIdNumber = signal('');
export const querying = signal(false);
export const result = signal<CaseView | null>(null);
export const evaluationStatus = signal<EvaluationStatus | null>(null);
export const problem = signal<MessageKey | null>(null);

export function setCaseNumber(value: string): void {
  caseNumber.value = value.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, CASE_NUMBER_MAX);
  problem.value = null;
}

export function setTypedIdNumber(value: string): void {
  typedIdNumber.value = value.toUpperCase().replace(/[^0-9X]/g, '').slice(0, ID_NUMBER_LENGTH);
  problem.value = null;
}

/** A receipt's queued reference is 8 hex digits; anything else is taken for a case number. */
const asReference = (text: string) => (/^[0-9A-F]{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4)}` : null);

export async function query(): Promise<void> {
  const citizen = identity.peek();
  const typed = checkIdNumber(typedIdNumber.peek());
  const applicantId = citizen?.subject ?? (typed.ok ? typed.idNumber : null);
  if (!applicantId) {
    problem.value = typedIdNumber.peek() === '' ? 'progress.error.identity' : 'progress.error.idNumber';
    return;
  }
  const reference = asReference(caseNumber.peek());
  querying.value = true;
  const still = sessionGuard();
  const found = await queryProgress(reference ? { reference } : { caseNumber: caseNumber.peek() }, applicantId);
  const status = found.ok && still() ? await lookupEvaluation({ kind: 'case', token: found.value.evaluationToken }) : null;
  if (!still()) return;
  batch(() => {
    querying.value = false;
    if (!found.ok) {
      problem.value = found.error.code === 'network' ? 'progress.error.network' : found.error.status === 404 || found.error.status === 400 ? 'progress.error.notFound' : 'progress.error.other';
      return;
    }
    result.value = found.value;
    evaluationStatus.value = status?.ok ? status.status : null;
  });
}

export function newQuery(): void {
  batch(() => {
    result.value = null;
    evaluationStatus.value = null;
    problem.value = null;
  });
}

onSessionEnd(() => {
  batch(() => {
    caseNumber.value = '';
    typedIdNumber.value = '';
    querying.value = false;
    result.value = null;
    evaluationStatus.value = null;
    problem.value = null;
  });
});
