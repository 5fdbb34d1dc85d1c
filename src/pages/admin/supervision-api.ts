import { API_BASE, requestJson, type ApiResult } from '../shared/api.ts';
import { array, boolean, integer, literal, nullable, object, string } from '../shared/parse.ts';

/** The efficiency supervision (效能督查) API of the hall server, as the back office reads it. */

export type Grouping = 'center' | 'department' | 'window' | 'person';
export type CardStatusFilter = 'all' | 'live' | 'appeal-pending' | 'revoked';
export interface QuarterChoice {
  year: number;
  quarter: number;
}

const counts = {
  cases: integer,
  onTime: integer,
  inProgress: integer,
  yellow: integer,
  red: integer,
  revoked: integer,
  appealsFiled: integer,
  appealsApproved: integer,
  exemptTerminal: integer,
  exemptSmartApproval: integer,
};
const ReportRow = object({ key: string, label: string, ...counts });
export type ReportRow = ReturnType<typeof ReportRow>;
const Counts = object(counts);
export type ReportCounts = ReturnType<typeof Counts>;
const Report = object({ year: integer, quarter: integer, by: literal('center', 'department', 'window', 'person'), firstDay: string, lastDay: string, generatedAt: string, rows: array(ReportRow), total: Counts });
export type Report = ReturnType<typeof Report>;

const Appeal = object({ id: string, cardId: string, department: string, reason: string, status: literal('pending', 'approved', 'rejected'), filedAt: string, decidedAt: nullable(string) });
export type Appeal = ReturnType<typeof Appeal>;
const Card = object({
  id: string,
  color: literal('yellow', 'red'),
  issuedAt: string,
  revokedAt: nullable(string),
  department: string,
  windowNumber: nullable(integer),
  staffName: nullable(string),
  caseNumber: string,
  itemName: string,
  acceptedAt: string,
  dueDate: string,
  finishedAt: nullable(string),
  overdueWorkingDays: integer,
  appealLastDay: string,
  appealOpen: boolean,
  appeal: nullable(Appeal),
  appealsFiled: integer,
});
export type Card = ReturnType<typeof Card>;

const ExemptCase = object({ caseNumber: string, itemName: string, department: string, channel: literal('self-service-terminal', 'smart-approval'), status: string, submittedAt: string });
export type ExemptCase = ReturnType<typeof ExemptCase>;

const quarterQuery = ({ year, quarter }: QuarterChoice) => `year=${year}&quarter=${quarter}`;

export const fetchReport = (period: QuarterChoice, by: Grouping): Promise<ApiResult<Report>> => requestJson(`/admin/supervision/report?${quarterQuery(period)}&by=${by}`, Report);

/** The address of the CSV export: a plain link, so the browser downloads it with the session cookie. */
export const reportCsvUrl = (period: QuarterChoice, by: Grouping): string => `${API_BASE}/admin/supervision/report.csv?${quarterQuery(period)}&by=${by}`;

export const fetchCards = (period: QuarterChoice, status: CardStatusFilter): Promise<ApiResult<{ total: number; cards: Card[] }>> =>
  requestJson(`/admin/supervision/cards?${quarterQuery(period)}&status=${status}`, object({ total: integer, cards: array(Card) }));

export const fetchExemptCases = (period: QuarterChoice, caseNumber: string | null): Promise<ApiResult<{ total: number; cases: ExemptCase[] }>> =>
  requestJson(`/admin/supervision/exempt-cases?${quarterQuery(period)}&limit=20${caseNumber ? `&caseNumber=${encodeURIComponent(caseNumber)}` : ''}`, object({ total: integer, cases: array(ExemptCase) }));

/** 409 `appeal-window-closed`, `appeal-pending`, `card-revoked`; 404 `unknown-card`. */
export const fileAppeal = (cardId: string, reason: string): Promise<ApiResult<Appeal>> =>
  requestJson(`/admin/supervision/cards/${encodeURIComponent(cardId)}/appeals`, Appeal, { method: 'POST', body: { reason } });

/** 409 `appeal-decided`; 404 `unknown-appeal`. */
export const decideAppeal = (appealId: string, approve: boolean): Promise<ApiResult<{ appeal: Appeal; cardRevokedAt: string | null }>> =>
  requestJson(`/admin/supervision/appeals/${encodeURIComponent(appealId)}/decision`, object({ appeal: Appeal, cardRevokedAt: nullable(string) }), { method: 'POST', body: { approve } });
