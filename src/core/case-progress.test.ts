import { describe, expect, it } from 'vitest';
import { formatQueryCode, newQueryCode, normalizeQueryCode, parseProgressAnswer, QUERY_CODE_ALPHABET } from './case-progress.ts';

describe('receipt query code', () => {
  it('is 8 characters of Crockford base32, different every time, evenly spread', () => {
    const codes = Array.from({ length: 2000 }, newQueryCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // 16,000 characters over 32 symbols: each about 500 times; none missing, none dominant.
    const counts = new Map<string, number>();
    for (const char of codes.join('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(QUERY_CODE_ALPHABET.length);
    for (const count of counts.values()) expect(count).toBeGreaterThan(350);
  });

  it('reads a code as typed or printed, and refuses anything else', () => {
    expect(normalizeQueryCode('7k3m-9qoi')).toBe('7K3M9Q01');
    expect(normalizeQueryCode(' 7K3M 9QL1 ')).toBe('7K3M9Q11');
    expect(normalizeQueryCode('7K3M9QU1')).toBeNull();
    expect(normalizeQueryCode('7K3M9Q1')).toBeNull();
    expect(formatQueryCode('7K3M9Q01')).toBe('7K3M-9Q01');
  });
});

describe('progress answer', () => {
  const base = { caseNumber: 'ZW20261124000001', itemCode: 'x', itemName: { 'zh-CN': '事项', 'zh-TW': '事項', en: 'Item' }, status: 'accepted', timeline: [] };
  it('tells the status-only answer from the full one, and refuses what is neither', () => {
    expect(parseProgressAnswer({ ...base, detail: 'status-only' })?.detail).toBe('status-only');
    expect(parseProgressAnswer({ ...base, detail: 'full', materials: [], evaluationToken: 't' })?.detail).toBe('full');
    expect(parseProgressAnswer({ ...base, detail: 'full' })).toBeNull();
    expect(parseProgressAnswer({ ...base })).toBeNull();
    expect(parseProgressAnswer('nope')).toBeNull();
  });
});
