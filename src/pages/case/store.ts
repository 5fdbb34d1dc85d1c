import { signal } from '@preact/signals';
import { requestJson } from '../shared/api.ts';
import { array, integer, literal, nullable, object, string, type Parser } from '../shared/parse.ts';

const Localized = object({ 'zh-CN': string, 'zh-TW': string, en: string });
const Status = literal('submitted', 'accepted', 'supplement-requested', 'decided', 'finished');

/** A step's note is left out when there is none. */
const note: Parser<string | null> = (value, path) => (value === undefined || value === null ? null : string(value, path));
/** An instant the page cannot read shows as a dash rather than a made-up time. */
const instant: Parser<number | null> = (value, path) => {
  const ms = Date.parse(string(value, path));
  return Number.isFinite(ms) ? ms : null;
};

/** GET /cases/by-token/:token/progress, checked field by field; fields the page does not show are dropped. */
export const CaseProgress = object({
  caseNumber: string,
  itemName: Localized,
  status: Status,
  decision: nullable(literal('approved', 'refused')),
  applicantMasked: string,
  promisedLimitDays: integer,
  dueDate: nullable(string),
  deferred: nullable(object({ names: array(string), dueDate: string })),
  timeline: array(object({ at: instant, status: Status, note })),
});
export type CaseProgress = ReturnType<typeof CaseProgress>;
export type CaseStep = CaseProgress['timeline'][number];

export type CasePageState =
  | { kind: 'loading' }
  | { kind: 'found'; progress: CaseProgress }
  /** No case has this link, or the link cannot be one. */
  | { kind: 'not-found' }
  /** The server could not be reached, failed or answered nonsense: the case may well exist. */
  | { kind: 'unreachable' };

export const casePage = signal<CasePageState>({ kind: 'loading' });

export async function loadProgress(token: string | null): Promise<void> {
  if (token === null) {
    casePage.value = { kind: 'not-found' };
    return;
  }
  casePage.value = { kind: 'loading' };
  const result = await requestJson(`/cases/by-token/${token}/progress`, CaseProgress);
  if (result.ok) {
    casePage.value = { kind: 'found', progress: result.value };
    return;
  }
  // Only the hall's own "no such case" (or a link it refuses outright) may say so: a dead network, or a
  // proxy's or an older server's 404 for the route itself, must not make a real case look unknown.
  const unknown = result.error.code === 'case-not-found' || result.error.status === 400;
  casePage.value = { kind: unknown ? 'not-found' : 'unreachable' };
}
