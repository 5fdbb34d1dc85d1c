/**
 * A terminal's outbox, sent in batches once the hall is back: each submission goes through
 * submitCase exactly as if it had been posted alone (same checks, same idempotency by clientId,
 * its own transaction), so one refused or failing submission never holds back the others.
 */
import type { CaseSubmission } from '../../core/cases.ts';
import type { HallContext } from '../context.ts';
import type { TerminalRow } from '../db/schema.ts';
import { submitCase } from './cases.ts';
import type { ServiceError } from './result.ts';

/** What the terminal does with each entry of its outbox: drop it (stored, refused) or keep it for the next round (retry). */
export type BatchOutcome =
  | { clientId: string; status: 'stored'; caseNumber: string }
  | { clientId: string; status: 'refused'; error: Pick<ServiceError, 'code' | 'message' | 'details'> }
  | { clientId: string; status: 'retry' };

/** What is logged of a submission the hall could not store: enough to find the fault, nothing of the applicant. */
export interface BatchFault {
  index: number;
  clientId: string;
  itemCode: string;
  /**
   * Not the error's message: a database or JSON error may quote the values it choked on, and
   * those can be a name or an ID number. Its first stack frame says where instead.
   */
  err: { name: string; code?: string; at?: string };
}

function faultOf(error: unknown, index: number, submission: CaseSubmission): BatchFault {
  const thrown = error instanceof Error ? error : new Error('non-error thrown');
  const code = (thrown as { code?: unknown }).code;
  const at = thrown.stack?.split('\n').find((line) => line.trimStart().startsWith('at '))?.trim();
  return {
    index,
    clientId: submission.clientId,
    itemCode: submission.itemCode,
    err: { name: thrown.name, ...(typeof code === 'string' ? { code } : {}), ...(at ? { at } : {}) },
  };
}

async function submitOne(ctx: HallContext, terminal: TerminalRow, submission: CaseSubmission): Promise<BatchOutcome> {
  const submitted = await submitCase(ctx, terminal, submission);
  if (submitted.ok) return { clientId: submission.clientId, status: 'stored', caseNumber: submitted.value.caseNumber };
  const { code, message, details } = submitted.error;
  return { clientId: submission.clientId, status: 'refused', error: { code, message, ...(details ? { details } : {}) } };
}

/**
 * The outcome of each submission, in their order. One after the other, not in parallel: the cases
 * are numbered in the order the citizens submitted them, and a clientId repeated within the batch
 * finds the case its first occurrence stored. A fault (the database gone, a bug) answers retry for
 * that submission alone; nothing of it was stored, as its transaction rolled back.
 */
export async function submitCaseBatch(ctx: HallContext, terminal: TerminalRow, submissions: readonly CaseSubmission[], logFault: (fault: BatchFault) => void): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  for (const [index, submission] of submissions.entries()) {
    try {
      outcomes.push(await submitOne(ctx, terminal, submission));
    } catch (error) {
      logFault(faultOf(error, index, submission));
      outcomes.push({ clientId: submission.clientId, status: 'retry' });
    }
  }
  return outcomes;
}
