/**
 * The back office's side of 好差评: every evaluation, and the rectifications (整改) that bad
 * ratings opened, each due at the end of the next working day and flagged 超期 past it.
 */
import type { ServiceItem } from '../../core/catalog.ts';
import { EVALUATION_LEVELS, isOverdue, type EvaluationLevel, type EvaluationReason, type SubjectKind } from '../../core/evaluation.ts';
import type { HallContext } from '../context.ts';
import { fail, type Result } from './result.ts';

export interface AdminRectification {
  id: string;
  department: string;
  status: 'open' | 'resolved';
  dueAt: string;
  overdue: boolean;
  outcome: string | null;
  resolvedAt: string | null;
  /** Display name of the staff member who resolved it. */
  resolvedBy: string | null;
}

export interface AdminEvaluation {
  id: string;
  subjectKind: SubjectKind;
  /** Ticket number or case number. */
  reference: string;
  /** Queue category or service item (zh-CN). */
  title: string;
  department: string;
  level: EvaluationLevel;
  reason: EvaluationReason | null;
  comment: string | null;
  source: 'terminal' | 'phone';
  createdAt: string;
  rectification: AdminRectification | null;
}

export interface EvaluationSummary {
  total: number;
  /** Count per level, 5 … 1. */
  byLevel: { level: EvaluationLevel; count: number }[];
  openRectifications: number;
  overdueRectifications: number;
}

export interface ListOptions {
  /** Only evaluations with a rectification in this state ('all': with any rectification). */
  rectification?: 'open' | 'resolved' | 'all';
  limit: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

async function itemNames(ctx: HallContext): Promise<Map<string, string>> {
  const items = await ctx.db.selectFrom('service_items').select(['code', 'document']).execute();
  return new Map(items.map((item) => [item.code, (JSON.parse(item.document) as ServiceItem).name['zh-CN']]));
}

function baseQuery(ctx: HallContext) {
  return ctx.db
    .selectFrom('evaluations as e')
    .leftJoin('rectifications as r', 'r.evaluation_id', 'e.id')
    .leftJoin('tickets as t', (join) => join.onRef('t.id', '=', 'e.subject_id').on('e.subject_kind', '=', 'ticket'))
    .leftJoin('cases as c', (join) => join.onRef('c.id', '=', 'e.subject_id').on('e.subject_kind', '=', 'case'))
    .leftJoin('categories as cat', 'cat.code', 't.category_code')
    .leftJoin('staff as s', 's.id', 'r.resolved_by')
    .select([
      'e.id',
      'e.subject_kind',
      'e.level',
      'e.reason',
      'e.comment',
      'e.source',
      'e.department',
      'e.created_at',
      't.number as ticket_number',
      'cat.name_zh_cn as category_name',
      'c.case_number',
      'c.item_code',
      'r.id as rectification_id',
      'r.department as rectification_department',
      'r.status as rectification_status',
      'r.due_at',
      'r.outcome',
      'r.resolved_at',
      's.display_name as resolved_by_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function adminView(row: Row, names: Map<string, string>, now: number): AdminEvaluation {
  const rectification: AdminRectification | null =
    row.rectification_id && row.rectification_status && row.due_at !== null
      ? {
          id: row.rectification_id,
          department: row.rectification_department ?? '',
          status: row.rectification_status,
          dueAt: iso(Number(row.due_at)),
          overdue: isOverdue({ dueAt: Number(row.due_at), status: row.rectification_status, resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at) }, now),
          outcome: row.outcome,
          resolvedAt: row.resolved_at === null ? null : iso(Number(row.resolved_at)),
          resolvedBy: row.resolved_by_name,
        }
      : null;
  const isTicket = row.subject_kind === 'ticket';
  return {
    id: row.id,
    subjectKind: row.subject_kind,
    reference: (isTicket ? row.ticket_number : row.case_number) ?? '',
    title: (isTicket ? row.category_name : row.item_code && (names.get(row.item_code) ?? row.item_code)) ?? '',
    department: row.department ?? '',
    level: Number(row.level) as EvaluationLevel,
    reason: row.reason as EvaluationReason | null,
    comment: row.comment,
    source: row.source,
    createdAt: iso(Number(row.created_at)),
    rectification,
  };
}

/** Newest first; with `rectification`, only bad ratings, open ones by due time (the most urgent first). */
export async function listEvaluations(ctx: HallContext, options: ListOptions): Promise<AdminEvaluation[]> {
  let query = baseQuery(ctx);
  if (options.rectification) {
    query = query.where('r.id', 'is not', null);
    if (options.rectification !== 'all') query = query.where('r.status', '=', options.rectification);
  }
  query = options.rectification === 'open' ? query.orderBy('r.due_at').orderBy('e.created_at') : query.orderBy('e.created_at', 'desc');
  const [rows, names] = await Promise.all([query.orderBy('e.id').limit(options.limit).execute(), itemNames(ctx)]);
  const now = ctx.clock.now();
  return rows.map((row) => adminView(row, names, now));
}

export async function evaluationSummary(ctx: HallContext): Promise<EvaluationSummary> {
  const now = ctx.clock.now();
  const [levels, open, overdue] = await Promise.all([
    ctx.db.selectFrom('evaluations').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute(),
    ctx.db.selectFrom('rectifications').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').executeTakeFirstOrThrow(),
    ctx.db.selectFrom('rectifications').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'open').where('due_at', '<=', now).executeTakeFirstOrThrow(),
  ]);
  const counts = new Map(levels.map((row) => [Number(row.level), Number(row.n)]));
  const byLevel = EVALUATION_LEVELS.map((level) => ({ level, count: counts.get(level) ?? 0 }));
  return {
    total: byLevel.reduce((sum, entry) => sum + entry.count, 0),
    byLevel,
    openRectifications: Number(open.n),
    overdueRectifications: Number(overdue.n),
  };
}

/** Longer than any outcome a department writes up; the phone page shows it whole. */
export const MAX_OUTCOME_LENGTH = 500;

/** Closes an open rectification with the outcome the citizen will see; a second resolve is refused. */
export async function resolveRectification(ctx: HallContext, id: string, outcome: string, staffId: string): Promise<Result<AdminEvaluation>> {
  const text = outcome.trim();
  if (text === '') return fail(400, 'outcome-required', 'Describe what was done about the complaint');
  if ([...text].length > MAX_OUTCOME_LENGTH) return fail(400, 'outcome-too-long', `The outcome is longer than ${MAX_OUTCOME_LENGTH} characters`);
  const now = ctx.clock.now();
  const updated = await ctx.db
    .updateTable('rectifications')
    .set({ status: 'resolved', outcome: text, resolved_at: now, resolved_by: staffId })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  const row = await baseQuery(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!row) return fail(404, 'unknown-rectification', 'No such rectification');
  if (Number(updated.numUpdatedRows) === 0) return fail(409, 'already-resolved', `This rectification was already resolved (${iso(Number(row.resolved_at))})`);
  return { ok: true, value: adminView(row, await itemNames(ctx), now) };
}
