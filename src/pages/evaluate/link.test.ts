import { describe, expect, it } from 'vitest';
import { subjectFromPath } from './link.ts';

describe('subjectFromPath', () => {
  it('reads the kind and token of an evaluation link', () => {
    expect(subjectFromPath('/evaluate/ticket/abcdEFGH1234_-xyz')).toEqual({ kind: 'ticket', token: 'abcdEFGH1234_-xyz' });
    expect(subjectFromPath('/evaluate/case/abcdEFGH1234_-xyz/')).toEqual({ kind: 'case', token: 'abcdEFGH1234_-xyz' });
  });

  it('refuses what cannot be one', () => {
    for (const path of ['/evaluate/', '/evaluate/ticket/short', '/evaluate/other/abcdEFGH1234_-xyz', '/evaluate/case/abcdEFGH1234%20xyz', '/evaluate/case/abcdEFGH1234xyz/more']) {
      expect(subjectFromPath(path), path).toBeNull();
    }
  });
});
