import type { EvaluationStatus, EvaluationView, TerminalEvaluation, TerminalSubject } from '../core/evaluation-wire.ts';
import { openKioskDb } from './db.ts';
import { callHall, isUnreachable, isWorthRetrying, type ApiError, type ApiResult } from './hall-api.ts';
import { enqueue } from './outbox.ts';

export const EVALUATION_KIND = 'evaluation';

export type EvaluationLookup =
  | { ok: true; status: EvaluationStatus }
  /** The server does not know the service yet: its own write still waits in this terminal's outbox. */
  | { ok: true; status: null; pending: true }
  | { ok: false; error: ApiError };

export type EvaluationOutcome =
  | { ok: true; evaluation: EvaluationView; queued: false }
  /** Offline, or the service itself is still on its way: sent from the outbox later, exactly once. */
  | { ok: true; evaluation: null; queued: true }
  | { ok: false; error: ApiError };

/** The service's own write (ticket or case, by its clientId) still waits in the outbox, where entries are kept by clientId. */
async function subjectStillQueued(subject: TerminalSubject): Promise<boolean> {
  if (!('clientId' in subject)) return false;
  try {
    return (await (await openKioskDb()).getKey('outbox', subject.clientId)) !== undefined;
  } catch {
    return false;
  }
}


async function notArrivedYet(result: ApiResult<unknown>, subject: TerminalSubject): Promise<boolean> {
  return !result.ok && result.error.code === 'unknown-subject' && (await subjectStillQueued(subject));
}

/** Whether the service was evaluated already (and how), before the citizen is asked. */
export async function lookupEvaluation(subject: TerminalSubject): Promise<EvaluationLookup> {
  const result = await callHall<EvaluationStatus>('POST', '/evaluations/status', { subject });
  if (result.ok) return { ok: true, status: result.value };
  if (await notArrivedYet(result, subject)) return { ok: true, status: null, pending: true };
  return { ok: false, error: result.error };
}

/**
 * Sends the citizen's evaluation; when the server cannot be reached, or has not yet received the
 * ticket or case it rates, queues it in the encrypted outbox under its clientId.
 */
export async function submitEvaluation(evaluation: TerminalEvaluation): Promise<EvaluationOutcome> {
  const result = await callHall<{ evaluation: EvaluationView }>('POST', '/evaluations', evaluation);
  if (result.ok) return { ok: true, evaluation: result.value.evaluation, queued: false };
  if (isUnreachable(result.error) || (await notArrivedYet(result, evaluation.subject))) {
    await enqueue(EVALUATION_KIND, evaluation.clientId, evaluation);
    return { ok: true, evaluation: null, queued: true };
  }
  return { ok: false, error: result.error };
}

/**
 * Sends one queued evaluation. The server answers a repeated clientId with the first result. A
 * service evaluated meanwhile elsewhere (409), or one the server never received (its write
 * refused for good), leaves nothing to retry.
 */
export async function sendQueuedEvaluation(payload: unknown): Promise<'done' | 'retry' | 'refused'> {
  const evaluation = payload as TerminalEvaluation;
  const result = await callHall('POST', '/evaluations', evaluation);
  if (result.ok) return 'done';
  if (isWorthRetrying(result.error)) return 'retry';
  if (await notArrivedYet(result, evaluation.subject)) return 'retry';
  return 'refused';
}
