import { isEvaluationLevel, REASON_CODES, type EvaluationLevel } from '../../core/evaluation.ts';
import { requestJson, type ApiResult } from '../shared/api.ts';
import { array, boolean, integer, literal, nullable, object, ParseError, string, type Parser } from '../shared/parse.ts';

const Level: Parser<EvaluationLevel> = (value, path = '') => {
  if (!isEvaluationLevel(value)) throw new ParseError(`${path || 'value'}: expected a level 1-5`);
  return value;
};

const Rectification = object({
  id: string,
  department: string,
  status: literal('open', 'resolved'),
  dueAt: string,
  overdue: boolean,
  outcome: nullable(string),
  resolvedAt: nullable(string),
  resolvedBy: nullable(string),
});

const AdminEvaluation = object({
  id: string,
  subjectKind: literal('case', 'ticket'),
  reference: string,
  title: string,
  department: string,
  level: Level,
  reason: nullable(literal(...REASON_CODES)),
  comment: nullable(string),
  source: literal('terminal', 'phone'),
  createdAt: string,
  rectification: nullable(Rectification),
});
export type AdminEvaluation = ReturnType<typeof AdminEvaluation>;

const Summary = object({
  total: integer,
  byLevel: array(object({ level: Level, count: integer })),
  openRectifications: integer,
  overdueRectifications: integer,
});
export type EvaluationSummary = ReturnType<typeof Summary>;

/** What the list shows: rectifications still open, every rectification, or every evaluation. */
export type EvaluationFilter = 'open' | 'all-rectifications' | 'all';

const QUERY: Record<EvaluationFilter, string> = { open: '?rectification=open', 'all-rectifications': '?rectification=all', all: '' };

export const fetchEvaluations = (filter: EvaluationFilter): Promise<ApiResult<{ summary: EvaluationSummary; evaluations: AdminEvaluation[] }>> =>
  requestJson(`/admin/evaluations${QUERY[filter]}`, object({ summary: Summary, evaluations: array(AdminEvaluation) }));

/** 409 `already-resolved`; 400 `outcome-required` / `outcome-too-long`. */
export const resolveRectification = (id: string, outcome: string): Promise<ApiResult<AdminEvaluation>> =>
  requestJson(`/admin/rectifications/${encodeURIComponent(id)}/resolve`, AdminEvaluation, { method: 'POST', body: { outcome } });
