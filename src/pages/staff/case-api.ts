import { requestJson, type ApiResult } from '../shared/api.ts';
import { array, boolean, integer, literal, nullable, object, string, type Parser } from '../shared/parse.ts';

/** A field the API may leave out. */
const optional =
  <T>(parse: Parser<T>): Parser<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : parse(value, path);

const Localized = object({ 'zh-CN': string, 'zh-TW': string, en: string });
const Status = literal('submitted', 'accepted', 'supplement-requested', 'decided', 'finished');
export type CaseStatus = ReturnType<typeof Status>;

/** A case as the desk shows it (GET /staff/cases); the fields the page does not use are dropped. */
const DeskCase = object({
  id: string,
  caseNumber: string,
  itemCode: string,
  itemName: Localized,
  channel: literal('self-service-terminal', 'window', 'smart-approval'),
  handling: literal('manual', 'non-manual'),
  status: Status,
  decision: nullable(literal('approved', 'refused')),
  applicantMasked: string,
  materials: array(object({ name: string, provision: literal('e-certificate', 'deferred', 'commitment', 'paper') })),
  deferred: nullable(object({ names: array(string), dueDate: string })),
  promisedLimitDays: integer,
  dueDate: nullable(string),
  timeline: array(object({ at: string, status: Status, note: optional(string) })),
  windowNumber: nullable(integer),
  submittedAt: string,
  acceptedAt: nullable(string),
  overdue: boolean,
  suspendedSince: nullable(string),
});
export type DeskCase = ReturnType<typeof DeskCase>;

const DeskList = object({ today: string, cases: array(DeskCase) });
export type DeskList = ReturnType<typeof DeskList>;

const CaseItem = object({ code: string, name: Localized, department: string, promisedLimitDays: integer });
export type CaseItem = ReturnType<typeof CaseItem>;

export type DeskFilter = 'open' | 'finished' | 'all';

export const fetchDeskCases = (filter: DeskFilter): Promise<ApiResult<DeskList>> => requestJson(`/staff/cases?status=${filter}`, DeskList);

export const fetchCaseItems = (): Promise<ApiResult<CaseItem[]>> => requestJson('/staff/cases/items', object({ items: array(CaseItem) })).then((result) => (result.ok ? { ok: true, value: result.value.items } : result));

export interface Registration {
  clientId: string;
  itemCode: string;
  applicant: { kind: 'person' | 'enterprise'; id: string; name: string };
  accept: boolean;
}

export const registerCase = (registration: Registration): Promise<ApiResult<DeskCase>> => requestJson('/staff/cases', DeskCase, { method: 'POST', body: registration });

export type DeskStep =
  | { kind: 'accept' }
  | { kind: 'supplement'; note: string }
  | { kind: 'supplement-received' }
  | { kind: 'decide'; decision: 'approved' | 'refused'; note: string }
  | { kind: 'finish' };

function stepBody(step: DeskStep): Record<string, string> | undefined {
  switch (step.kind) {
    case 'accept':
      return undefined;
    case 'supplement':
      return { note: step.note };
    case 'decide':
      return step.note.trim() === '' ? { decision: step.decision } : { decision: step.decision, note: step.note };
    default:
      return {};
  }
}

export const actOnCase = (caseId: string, step: DeskStep): Promise<ApiResult<DeskCase>> => {
  const body = stepBody(step);
  return requestJson(`/staff/cases/${encodeURIComponent(caseId)}/${step.kind}`, DeskCase, body === undefined ? { method: 'POST' } : { method: 'POST', body });
};
