import { describe, expect, it } from 'vitest';
import { trackTokenFrom } from './token.ts';

describe('trackTokenFrom', () => {
  it('reads the token of a ticket link', () => {
    expect(trackTokenFrom('/track/abcdEFGH1234_-xyz')).toBe('abcdEFGH1234_-xyz');
    expect(trackTokenFrom('/track/abcdEFGH1234_-xyz/')).toBe('abcdEFGH1234_-xyz');
  });

  it('refuses what cannot be a token', () => {
    expect(trackTokenFrom('/track/')).toBeNull();
    expect(trackTokenFrom('/track/short')).toBeNull();
    expect(trackTokenFrom('/track/abcdEFGH1234%20xyz')).toBeNull();
    expect(trackTokenFrom('/track/abcdEFGH1234xyz/extra')).toBeNull();
  });
});
