/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015) of an enterprise or other
 * organisation: 18 characters from a 31-character alphabet (digits and capitals without I, O, S,
 * V, Z), the last one a check character over the first 17, weighted by powers of 3 modulo 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const MODULUS = 31;
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % MODULUS);

const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character for the first 17 characters; null if one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(MODULUS - (sum % MODULUS)) % MODULUS]!;
}

export type CreditCodeProblem = 'length' | 'characters' | 'check-char';

/** Checks a code as typed or scanned (spaces removed, letters upper-cased). */
export function checkCreditCode(input: string): { ok: true; code: string } | { ok: false; problem: CreditCodeProblem } {
  const code = input.replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'length' };
  if (!SHAPE.test(code)) return { ok: false, problem: 'characters' };
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? { ok: true, code } : { ok: false, problem: 'check-char' };
}
