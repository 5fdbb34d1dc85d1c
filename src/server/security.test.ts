import { describe, expect, it } from 'vitest';
import { randomToken } from './security.ts';

describe('randomToken', () => {
  it('gives tokens of the asked size that never repeat, across refills of its pool', () => {
    const tokens = Array.from({ length: 1000 }, () => randomToken(18));
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(Buffer.from(randomToken(), 'base64url')).toHaveLength(32);
    expect(Buffer.from(randomToken(10_000), 'base64url')).toHaveLength(10_000);
  });
});
