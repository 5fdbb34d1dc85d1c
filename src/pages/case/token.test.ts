import { describe, expect, it } from 'vitest';
import { caseTokenFrom } from './token.ts';

describe('caseTokenFrom', () => {
  it('reads the token of a receipt’s progress link', () => {
    expect(caseTokenFrom('/case/abcdEFGH1234_-xyz')).toBe('abcdEFGH1234_-xyz');
    expect(caseTokenFrom('/case/abcdEFGH1234_-xyz/')).toBe('abcdEFGH1234_-xyz');
  });

  it('refuses what cannot be a token', () => {
    expect(caseTokenFrom('/case/')).toBeNull();
    expect(caseTokenFrom('/case/short')).toBeNull();
    expect(caseTokenFrom(`/case/${'a'.repeat(65)}`)).toBeNull();
    expect(caseTokenFrom('/case/abcdEFGH1234%20xyz')).toBeNull();
    expect(caseTokenFrom('/case/abcdEFGH1234xyz/extra')).toBeNull();
    expect(caseTokenFrom('/track/abcdEFGH1234_-xyz')).toBeNull();
  });
});
