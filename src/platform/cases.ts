/**
 * Cases at the terminal: submitted to the hall server at once when it answers, else kept in the
 * encrypted outbox and sent, exactly once, when the network returns (the server stores each
 * clientId under a unique constraint and answers a repeat with the first case).
 */
import { parseProgressAnswer, type CaseProgressAnswer, type ProgressIdentity } from '../core/case-progress.ts';
import type { CaseSubmission, CaseView } from '../core/cases.ts';
import { callHall, isWorthRetrying, type ApiError, type ApiResult } from './hall-api.ts';
import { enqueue, type SendOutcome } from './outbox.ts';

export const CASE_KIND = 'case';

export type CaseOutcome = { kind: 'submitted'; view: CaseView } | { kind: 'queued' } | { kind: 'refused'; error: ApiError };


export async function submitCase(submission: CaseSubmission): Promise<CaseOutcome> {
  const result: ApiResult<CaseView> = await callHall<CaseView>('POST', '/cases', submission);
  if (result.ok) return { kind: 'submitted', view: result.value };
  if (!isWorthRetrying(result.error)) return { kind: 'refused', error: result.error };
  await enqueue(CASE_KIND, submission.clientId, submission);
  return { kind: 'queued' };
}

/** The outbox's sender for queued cases. */
export async function sendQueuedCase(payload: unknown): Promise<SendOutcome> {
  const result = await callHall<CaseView>('POST', '/cases', payload);
  if (result.ok) return 'done';
  return isWorthRetrying(result.error) ? 'retry' : 'refused';
}

/**
 * 办件查询: by case number or a queued receipt's reference, with what proves the right to see it
 * (core/case-progress.ts): a verified proof gets the whole case, a typed one status and dates.
 */
export async function queryProgress(which: { caseNumber: string } | { reference: string }, identity: ProgressIdentity): Promise<ApiResult<CaseProgressAnswer>> {
  const result = await callHall<unknown>('POST', '/cases/progress', { ...which, identity });
  if (!result.ok) return result;
  const answer = parseProgressAnswer(result.value);
  return answer ? { ok: true, value: answer } : { ok: false, error: { code: 'unreadable-answer', status: 200 } };
}

type BatchResult = { clientId: string; status: 'stored'; caseNumber: string } | { clientId: string; status: 'refused'; error: ApiError } | { clientId: string; status: 'retry' };

/**
 * The outbox's batch sender for queued cases: up to a hundred in one request after an outage.
 * A batch the server refuses as a whole (one malformed entry makes the body invalid) is sent one
 * entry at a time instead, so that only the bad entry is refused.
 */
export async function sendQueuedCases(entries: { id: string; payload: unknown }[]): Promise<ReadonlyMap<string, SendOutcome> | null> {
  const result = await callHall<{ results: BatchResult[] }>('POST', '/cases/batch', { submissions: entries.map((entry) => entry.payload) });
  if (!result.ok) {
    if (isWorthRetrying(result.error)) return null;
    const outcomes = new Map<string, SendOutcome>();
    for (const entry of entries) outcomes.set(entry.id, await sendQueuedCase(entry.payload));
    return outcomes;
  }
  return new Map(result.value.results.map((item) => [item.clientId, item.status === 'stored' ? 'done' : item.status === 'refused' ? 'refused' : 'retry']));
}
