/**
 * The application form of a service item (FormField[] in the catalog), checked the same way on
 * the terminal, as the citizen types, and on the hall server, which trusts nothing it receives.
 * Errors are values naming the field and a citizen-facing message key.
 */
import { isLocalDate } from './calendar/local-date.ts';
import type { FormField } from './cases.ts';

export type CaseFormMessageKey =
  | 'caseForm.required'
  | 'caseForm.digits'
  | 'caseForm.phone'
  | 'caseForm.latin'
  | 'caseForm.date'
  | 'caseForm.choice'
  | 'caseForm.tooLong'
  | 'caseForm.invalid'
  | 'caseForm.unknown';

export interface CaseFormError {
  field: string;
  messageKey: CaseFormMessageKey;
}

export type CaseFormResult = { ok: true; values: Record<string, string> } | { ok: false; errors: CaseFormError[] };

/** A field without its own maxLength still has one: a form is a few lines, never a document. */
export const DEFAULT_MAX_LENGTH = 200;

/** Mainland mobile numbers: 11 digits, 1 then 3–9. */
const MOBILE = /^1[3-9]\d{9}$/;
/** A landline with its area code (010, 0755 …) and a 7- or 8-digit number, dash optional, extension allowed. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;
const DIGITS = /^\d+$/;
/** Letters and digits, words separated by single spaces (a name in pinyin, a plate, a passport number). */
const LATIN = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** What the citizen typed, as it is stored: trimmed; phone numbers without spaces. */
function normalized(field: FormField, raw: string): string {
  const trimmed = raw.trim();
  return field.kind === 'phone' ? trimmed.replace(/[\s()]/g, '') : trimmed;
}

const isPhone = (value: string) => MOBILE.test(value) || LANDLINE.test(value);

function kindError(field: FormField, value: string): CaseFormMessageKey | null {
  switch (field.kind) {
    case 'text':
      return null;
    case 'digits':
      return DIGITS.test(value) ? null : 'caseForm.digits';
    case 'phone':
      return isPhone(value) ? null : 'caseForm.phone';
    case 'latin':
      return LATIN.test(value) ? null : 'caseForm.latin';
    case 'date':
      return isLocalDate(value) ? null : 'caseForm.date';
    case 'choice':
      return field.choices?.some((choice) => choice.value === value) ? null : 'caseForm.choice';
  }
}

/** The problem with one field's value, or null; `raw` undefined or blank is an empty field. */
export function checkFormField(field: FormField, raw: string | undefined): CaseFormMessageKey | null {
  const value = raw === undefined ? '' : normalized(field, raw);
  if (value === '') return field.required ? 'caseForm.required' : null;
  if (CONTROL.test(value)) return 'caseForm.invalid';
  // The kind first: "two" in a digits field is a wrong kind of value before it is a long one.
  return kindError(field, value) ?? ([...value].length > (field.maxLength ?? DEFAULT_MAX_LENGTH) ? 'caseForm.tooLong' : null);
}

/**
 * Checks every field of the form and refuses keys the form does not have. On success, the values
 * as stored: trimmed, empty optional fields left out.
 */
export function validateCaseForm(fields: readonly FormField[], values: Readonly<Record<string, string>>): CaseFormResult {
  const known = new Set(fields.map((field) => field.key));
  const errors: CaseFormError[] = Object.keys(values)
    .filter((key) => !known.has(key))
    .map((key) => ({ field: key, messageKey: 'caseForm.unknown' as const }));
  const accepted: Record<string, string> = {};
  for (const field of fields) {
    const raw = Object.hasOwn(values, field.key) ? values[field.key] : undefined;
    const problem = checkFormField(field, raw);
    if (problem) errors.push({ field: field.key, messageKey: problem });
    else if (raw !== undefined && normalized(field, raw) !== '') accepted[field.key] = normalized(field, raw);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values: accepted };
}
