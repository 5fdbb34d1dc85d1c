/**
 * 办件查询 on the wire, and the receipt's query code.
 *
 * A progress query names a case (its number, or a queued receipt's reference) and proves who
 * asks. What the answer holds depends on the proof: a verified identity (an identity code, or
 * the card on the terminal's reader with its device key's assertion) sees the whole case; what anybody could type — an ID number, which a
 * receipt prints half of, or the receipt's query code — sees where the case stands and when,
 * never its materials, form, result or 容缺 material names.
 */
import type { LocalDate } from './calendar/local-date.ts';
import type { CaseStatus, CaseView } from './cases.ts';
import type { Localized } from './language.ts';

/**
 * Who asks about a case: an ID number or credit code (typed: status only), an identity code or the
 * card on the terminal's reader with its device key's assertion (verified by the server: the whole
 * case), or the query code printed on the case's receipt (status only).
 */
export type ProgressIdentity =
  | { kind: 'id'; id: string }
  | { kind: 'code'; code: string }
  | { kind: 'query-code'; queryCode: string }
  /** The card on this terminal's reader, with a fresh assertion of its device key: the whole case. */
  | { kind: 'card'; idNumber: string; name: string; assertion: string };

/** The fields of a case that a status-only answer shares with the whole case. */
export const STATUS_VIEW_FIELDS = ['caseNumber', 'itemCode', 'itemName', 'channel', 'handling', 'status', 'decision', 'promisedLimitDays', 'dueDate'] as const;

/** Status and dates: what a typed ID number or a query code may learn of a case. */
export interface CaseStatusView extends Pick<CaseView, (typeof STATUS_VIEW_FIELDS)[number]> {
  detail: 'status-only';
  /** The day 容缺 materials are due, without naming them; null when none are owed. */
  deferredDueDate: LocalDate | null;
  /** Each step and when, without the notes (they may name what is missing or why refused). */
  timeline: { at: string; status: CaseStatus }[];
}

export type CaseFullView = CaseView & { detail: 'full' };

/** The answer of POST /api/v1/cases/progress. */
export type CaseProgressAnswer = CaseFullView | CaseStatusView;

const STATUSES: readonly CaseStatus[] = ['submitted', 'accepted', 'supplement-requested', 'decided', 'finished'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLocalized = (value: unknown): value is Localized => isRecord(value) && typeof value['zh-CN'] === 'string';

/** Reads the server's answer; null for anything that is not one (the PWA parses, never casts). */
export function parseProgressAnswer(value: unknown): CaseProgressAnswer | null {
  if (!isRecord(value) || typeof value.caseNumber !== 'string' || !isLocalized(value.itemName)) return null;
  if (!STATUSES.includes(value.status as CaseStatus) || !Array.isArray(value.timeline)) return null;
  if (value.detail === 'full') return Array.isArray(value.materials) && typeof value.evaluationToken === 'string' ? (value as unknown as CaseFullView) : null;
  return value.detail === 'status-only' ? (value as unknown as CaseStatusView) : null;
}

/**
 * Crockford's base32: no I, L, O or U, so what a citizen reads off paper is what they type; 8
 * characters are 40 bits. With 5 wrong guesses allowed per case and hour, finding a case's code
 * takes on the order of 10^11 hours.
 */
export const QUERY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const QUERY_CODE_LENGTH = 8;
const QUERY_CODE = new RegExp(`^[${QUERY_CODE_ALPHABET}]{${QUERY_CODE_LENGTH}}$`);
/** As the API takes it: the 8 characters, with or without the dash, in either case. */
export const QUERY_CODE_PATTERN = '^[0-9A-TV-Za-tv-z]{4}-?[0-9A-TV-Za-tv-z]{4}$';

/** A new query code from 40 random bits (WebCrypto: browser and Node alike). */
export function newQueryCode(): string {
  // 40 bits fit a double exactly; each character takes the next 5 of them.
  let bits = crypto.getRandomValues(new Uint8Array(5)).reduce((sum, byte) => sum * 256 + byte, 0);
  let code = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) {
    code = QUERY_CODE_ALPHABET[bits % 32] + code;
    bits = Math.floor(bits / 32);
  }
  return code;
}

/** The 8 characters of a code as typed or printed (dash, spaces, lower case, O for 0, I or L for 1); null if it is none. */
export function normalizeQueryCode(text: string): string | null {
  const code = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return QUERY_CODE.test(code) ? code : null;
}

/** As printed and shown: XXXX-XXXX. */
export const formatQueryCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;
