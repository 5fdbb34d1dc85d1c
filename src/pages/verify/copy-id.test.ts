import { describe, expect, it } from 'vitest';
import { copyIdFrom } from './copy-id.ts';

describe('copyIdFrom', () => {
  it('reads the copy id of a verification link', () => {
    expect(copyIdFrom('/verify/abcdEFGH1234_-xyzABCDEFG')).toBe('abcdEFGH1234_-xyzABCDEFG');
    expect(copyIdFrom('/verify/abcdEFGH1234_-xyzABCDEFG/')).toBe('abcdEFGH1234_-xyzABCDEFG');
  });

  it('refuses what cannot be a copy id', () => {
    expect(copyIdFrom('/verify/')).toBeNull();
    expect(copyIdFrom('/verify/short')).toBeNull();
    expect(copyIdFrom('/verify/abcdEFGH1234_-xyzABCDEFGH')).toBeNull();
    expect(copyIdFrom('/verify/abcdEFGH1234%20xyzABCDEF')).toBeNull();
    expect(copyIdFrom('/verify/abcdEFGH1234_-xyzABCDEFG/extra')).toBeNull();
  });
});
