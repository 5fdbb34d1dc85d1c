/**
 * Evaluations (好差评): one per service (a ticket or a case), from a terminal or from the
 * citizen's phone. A bad rating opens a rectification in the same transaction, due at the end of
 * the next working day.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { localDateOf } from '../../core/calendar/local-date.ts';
import type { ServiceItem } from '../../core/catalog.ts';
import type { EvaluatedSubject, EvaluationRecorded, EvaluationStatus, EvaluationView, TerminalSubject } from '../../core/evaluation-wire.ts';
import {
  isBadLevel,
  isOverdue,
  LEVEL_LABELS,
  rectificationDueAt,
  validateEvaluation,
  type EvaluationInput,
  type EvaluationLevel,
  type EvaluationReason,
  type SubjectKind,
} from '../../core/evaluation.ts';
import type { Localized } from '../../core/language.ts';
import type { HallContext } from '../context.ts';
import type { CaseRow, Database, TicketRow } from '../db/schema.ts';
import { holderHash } from '../security.ts';
import { guessAttempt } from './case-progress.ts';
import { loadCategory } from './catalog.ts';
import { fail, type Result } from './result.ts';

/** A service as the evaluation records it. */
export interface Subject {
  kind: SubjectKind;
  /** The ticket's or the case's id. */
  id: string;
  department: string;
  view: EvaluatedSubject;
}

type EvaluationRow = Database['evaluations'];
type RectificationRow = Database['rectifications'];

const iso = (ms: number) => new Date(ms).toISOString();
const same = (text: string): Localized => ({ 'zh-CN': text, 'zh-TW': text, en: text });
const unknownSubject = () => fail(404, 'unknown-subject', 'No ticket or case of this hall matches: check the number or scan the code again');

/**
 * A ticket is rectified by the department its category serves for: the one department of the
 * category's service items, or, where a category gathers several (综合受理), the category itself.
 */
async function ticketDepartment(db: Kysely<Database>, categoryCode: string, categoryName: Localized): Promise<string> {
  const items = await db.selectFrom('service_items').select('document').where('category_code', '=', categoryCode).execute();
  const departments = new Set(items.map((item) => (JSON.parse(item.document) as ServiceItem).department).filter(Boolean));
  return departments.size === 1 ? [...departments][0]! : categoryName['zh-CN'];
}

async function ticketSubject(ctx: HallContext, ticket: TicketRow): Promise<Subject> {
  const category = await loadCategory(ctx.db, ticket.category_code);
  const title = category?.name ?? same(ticket.category_code);
  return {
    kind: 'ticket',
    id: ticket.id,
    department: await ticketDepartment(ctx.db, ticket.category_code, title),
    view: { kind: 'ticket', reference: ticket.number, title, date: ticket.service_date },
  };
}

async function caseSubject(ctx: HallContext, row: CaseRow): Promise<Subject> {
  const item = await ctx.db.selectFrom('service_items').select('document').where('code', '=', row.item_code).executeTakeFirst();
  const title = item ? (JSON.parse(item.document) as ServiceItem).name : same(row.item_code);
  return {
    kind: 'case',
    id: row.id,
    department: row.department,
    view: { kind: 'case', reference: row.case_number, title, date: localDateOf(row.submitted_at) },
  };
}

/** A ticket or case by its unguessable token: the track token of a ticket, the evaluation token of a case. */
export async function subjectByToken(ctx: HallContext, kind: SubjectKind, token: string): Promise<Result<Subject>> {
  if (kind === 'ticket') {
    const ticket = await ctx.db.selectFrom('tickets').selectAll().where('track_token', '=', token).executeTakeFirst();
    return ticket ? { ok: true, value: await ticketSubject(ctx, ticket) } : unknownSubject();
  }
  const row = await ctx.db.selectFrom('cases').selectAll().where('evaluation_token', '=', token).executeTakeFirst();
  return row ? { ok: true, value: await caseSubject(ctx, row) } : unknownSubject();
}

/**
 * A case by number for its applicant's ID number, which the terminal types or attests: guessable,
 * so a miss counts against the case number as in 办件查询 (case-progress.ts), and 5 in an hour lock it.
 */
async function caseByNumberFor(ctx: HallContext, caseNumber: string, applicantId: string): Promise<Result<Subject>> {
  const attempt = await guessAttempt(ctx, caseNumber, true);
  if (!attempt.ok) return attempt;
  const row = await ctx.db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirst();
  // One answer for "no such case" and "not this applicant's": case numbers are sequential.
  if (!row || row.applicant_hash !== holderHash(ctx.pepper, applicantId)) {
    await attempt.value?.failed();
    return unknownSubject();
  }
  await attempt.value?.succeeded();
  return { ok: true, value: await caseSubject(ctx, row) };
}

/** The service a terminal names (see TerminalSubject): its own writes only by clientId. */
export async function terminalSubject(ctx: HallContext, subject: TerminalSubject, terminalId: string): Promise<Result<Subject>> {
  if ('token' in subject) return subjectByToken(ctx, subject.kind, subject.token);
  if ('caseNumber' in subject) return caseByNumberFor(ctx, subject.caseNumber.toUpperCase(), subject.applicantId);
  if (subject.kind === 'ticket') {
    const ticket = await ctx.db.selectFrom('tickets').selectAll().where('client_id', '=', subject.clientId).where('terminal_id', '=', terminalId).executeTakeFirst();
    return ticket ? { ok: true, value: await ticketSubject(ctx, ticket) } : unknownSubject();
  }
  const row = await ctx.db.selectFrom('cases').selectAll().where('client_id', '=', subject.clientId).where('terminal_id', '=', terminalId).executeTakeFirst();
  return row ? { ok: true, value: await caseSubject(ctx, row) } : unknownSubject();
}

function viewOf(ctx: HallContext, subject: EvaluatedSubject, evaluation: EvaluationRow, rectification: RectificationRow | undefined): EvaluationView {
  return {
    subject,
    level: evaluation.level as EvaluationLevel,
    reason: evaluation.reason as EvaluationReason | null,
    comment: evaluation.comment,
    source: evaluation.source,
    createdAt: iso(evaluation.created_at),
    rectification: rectification
      ? {
          status: rectification.status,
          dueAt: iso(rectification.due_at),
          overdue: isOverdue({ dueAt: rectification.due_at, status: rectification.status, resolvedAt: rectification.resolved_at }, ctx.clock.now()),
          outcome: rectification.outcome,
          resolvedAt: rectification.resolved_at === null ? null : iso(rectification.resolved_at),
        }
      : null,
  };
}

async function storedView(ctx: HallContext, subject: EvaluatedSubject, evaluation: EvaluationRow): Promise<EvaluationView> {
  const rectification = await ctx.db.selectFrom('rectifications').selectAll().where('evaluation_id', '=', evaluation.id).executeTakeFirst();
  return viewOf(ctx, subject, evaluation, rectification);
}

const evaluationOf = (db: Kysely<Database>, kind: SubjectKind, subjectId: string) =>
  db.selectFrom('evaluations').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', subjectId).executeTakeFirst();

/** Whether a service was evaluated, with its rectification: for the phone page and progress queries. */
export async function evaluationStatus(ctx: HallContext, subject: Subject): Promise<EvaluationStatus> {
  const evaluation = await evaluationOf(ctx.db, subject.kind, subject.id);
  return { subject: subject.view, evaluation: evaluation ? await storedView(ctx, subject.view, evaluation) : null };
}

export interface EvaluationRequest extends EvaluationInput {
  clientId: string;
  source: 'terminal' | 'phone';
}

function alreadyEvaluated(view: EvaluationView) {
  const label = LEVEL_LABELS[view.level]['zh-CN'];
  return fail(409, 'already-evaluated', `This service was already evaluated (${label}, ${view.createdAt}); each service is evaluated once`, { evaluation: view });
}

/**
 * Records an evaluation of `subject`. A repeated clientId answers with the first result; a second
 * evaluation of the same service is refused with 409 `already-evaluated`, carrying the first one.
 */
export async function recordEvaluation(ctx: HallContext, subject: Subject, request: EvaluationRequest): Promise<Result<EvaluationRecorded>> {
  const checked = validateEvaluation(request);
  if (!checked.ok) return fail(400, checked.error.code, validationMessage(checked.error.code));
  const earlier = await ctx.db.selectFrom('evaluations').selectAll().where('client_id', '=', request.clientId).executeTakeFirst();
  if (earlier) {
    if (earlier.subject_kind !== subject.kind || earlier.subject_id !== subject.id) return fail(409, 'client-id-in-use', 'This clientId was used for the evaluation of another service');
    return { ok: true, value: { evaluation: await storedView(ctx, subject.view, earlier), repeated: true } };
  }
  const existing = await evaluationOf(ctx.db, subject.kind, subject.id);
  if (existing) return alreadyEvaluated(await storedView(ctx, subject.view, existing));

  const now = ctx.clock.now();
  const { level, reason, comment } = checked.value;
  const evaluation: EvaluationRow = {
    id: randomUUID(),
    client_id: request.clientId,
    subject_kind: subject.kind,
    subject_id: subject.id,
    level,
    reason,
    comment,
    source: request.source,
    department: subject.department,
    created_at: now,
  };
  const rectification: RectificationRow | undefined = isBadLevel(level)
    ? { id: randomUUID(), evaluation_id: evaluation.id, department: subject.department, due_at: rectificationDueAt(ctx.calendar, now), status: 'open', outcome: null, resolved_at: null, resolved_by: null }
    : undefined;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto('evaluations').values(evaluation).execute();
      if (rectification) await tx.insertInto('rectifications').values(rectification).execute();
    });
  } catch (error) {
    // A concurrent repeat of the clientId, or another evaluation of the service, won the unique constraint.
    const winner =
      (await ctx.db.selectFrom('evaluations').select('id').where('client_id', '=', request.clientId).executeTakeFirst()) ??
      (await evaluationOf(ctx.db, subject.kind, subject.id));
    if (!winner) throw error;
    return recordEvaluation(ctx, subject, request);
  }
  return { ok: true, value: { evaluation: viewOf(ctx, subject.view, evaluation, rectification), repeated: false } };
}

function validationMessage(code: string): string {
  switch (code) {
    case 'reason-required':
      return 'A reason is required for 不满意 (2) and 非常不满意 (1)';
    case 'reason-not-allowed':
      return 'A reason is given only with 不满意 (2) or 非常不满意 (1)';
    case 'unknown-reason':
      return 'Unknown reason';
    case 'comment-too-long':
      return 'The comment is longer than 200 characters';
    case 'comment-invalid':
      return 'The comment contains control characters';
    default:
      return 'The level must be 1 to 5';
  }
}
