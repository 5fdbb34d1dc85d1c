/**
 * 办件查询: a case number (or the reference of a receipt printed while the case waited in the
 * outbox) and what proves the right to see it: the identity code the citizen identified with
 * (the whole case), or something typed — the ID number, or the query code on the receipt —
 * which shows where the case stands and when, never what it holds. The card on the reader goes
 * with a fresh assertion of the shell's device key, and sees the whole case like the code.
 */
import { batch, signal } from '@preact/signals';
import { normalizeQueryCode, QUERY_CODE_LENGTH, type CaseProgressAnswer, type ProgressIdentity } from '../../core/case-progress.ts';
import type { EvaluationStatus } from '../../core/evaluation-wire.ts';
import { checkIdNumber } from '../../core/id-number.ts';
import type { ApiError } from '../../platform/hall-api.ts';
import { queryProgress } from '../../platform/cases.ts';
import { lookupEvaluation } from '../../platform/evaluations.ts';
import type { MessageKey } from '../i18n/index.ts';
import { identity, proveIdentity, type CitizenIdentity } from '../identify/store.ts';
import { onSessionEnd, sessionGuard } from '../session/store.ts';

/** Case numbers are letters and digits; longer input is a typo, not a case number. */
export const CASE_NUMBER_MAX = 24;
const ID_NUMBER_LENGTH = 18;

/** What an unidentified citizen types to prove the case is theirs. */
export type TypedProof = 'id' | 'query-code';

export const caseNumber = signal('');
export const typedProof = signal<TypedProof>('id');
export const typedIdNumber = signal('');
export const typedQueryCode = signal('');
export const querying = signal(false);
export const result = signal<CaseProgressAnswer | null>(null);
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

export function setTypedQueryCode(value: string): void {
  typedQueryCode.value = value.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, QUERY_CODE_LENGTH);
  problem.value = null;
}

export function chooseTypedProof(proof: TypedProof): void {
  typedProof.value = proof;
  problem.value = null;
}

/** Ready to send: the typed proof has its full length (the card or code needs nothing typed). */
export function typedProofComplete(): boolean {
  return typedProof.value === 'id' ? typedIdNumber.value.length === ID_NUMBER_LENGTH : typedQueryCode.value.length === QUERY_CODE_LENGTH;
}

/** A receipt's queued reference is 8 hex digits; anything else is taken for a case number. */
const asReference = (text: string) => (/^[0-9A-F]{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4)}` : null);

/** The card with a fresh assertion of the shell, or the code; a card the shell cannot vouch for is only its number. */
async function identifiedProof(citizen: CitizenIdentity): Promise<ProgressIdentity> {
  const proof = await proveIdentity(citizen);
  return proof ?? { kind: 'id', id: citizen.subject };
}

function typedProofOrProblem(): ProgressIdentity | MessageKey {
  if (typedProof.peek() === 'query-code') {
    const code = normalizeQueryCode(typedQueryCode.peek());
    return code ? { kind: 'query-code', queryCode: code } : 'progress.error.queryCode';
  }
  const typed = checkIdNumber(typedIdNumber.peek());
  if (typed.ok) return { kind: 'id', id: typed.idNumber };
  return typedIdNumber.peek() === '' ? 'progress.error.identity' : 'progress.error.idNumber';
}

function problemOf(error: ApiError): MessageKey {
  if (error.code === 'network') return 'progress.error.network';
  if (error.code === 'case-lookups-locked') return 'progress.error.locked';
  if (error.status === 429) return 'progress.error.busy';
  return error.status === 404 || error.status === 400 ? 'progress.error.notFound' : 'progress.error.other';
}

export async function query(): Promise<void> {
  const citizen = identity.peek();
  const proof = citizen ? await identifiedProof(citizen) : typedProofOrProblem();
  if (typeof proof === 'string') {
    problem.value = proof;
    return;
  }
  const reference = asReference(caseNumber.peek());
  querying.value = true;
  const still = sessionGuard();
  const found = await queryProgress(reference ? { reference } : { caseNumber: caseNumber.peek() }, proof);
  // Only the whole case names its evaluation token: a status-only answer has no evaluation to show.
  const status = found.ok && found.value.detail === 'full' && still() ? await lookupEvaluation({ kind: 'case', token: found.value.evaluationToken }) : null;
  if (!still()) return;
  batch(() => {
    querying.value = false;
    if (!found.ok) {
      problem.value = problemOf(found.error);
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
    typedProof.value = 'id';
    typedIdNumber.value = '';
    typedQueryCode.value = '';
    querying.value = false;
    result.value = null;
    evaluationStatus.value = null;
    problem.value = null;
  });
});
