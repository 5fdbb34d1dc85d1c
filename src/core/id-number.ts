/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit area code, 8-digit birth date,
 * 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'shape' | 'birth-date' | 'check-digit';

/** Upper-cases a trailing x; returns the problem of a number that is not a valid ID number. */
export function checkIdNumber(input: string): { ok: true; idNumber: string } | { ok: false; problem: IdNumberProblem } {
  const idNumber = input.trim().toUpperCase();
  if (!SHAPE.test(idNumber)) return { ok: false, problem: 'shape' };
  if (birthDateOf(idNumber) === null) return { ok: false, problem: 'birth-date' };
  if (idCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return { ok: false, problem: 'check-digit' };
  return { ok: true, idNumber };
}

/** "YYYY-MM-DD", or null when the eight digits are no calendar date. */
export function birthDateOf(idNumber: string): string | null {
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** Whole years of age on `onDate` ("YYYY-MM-DD"); a birthday on 29 February counts from 1 March. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Shown on screen and paper: the first four and last four characters, e.g. 4453**********123X. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-4);
}

/** A name outside the holder's own views: the family name kept, the rest starred (张*明 → 张**). */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}
