import { describe, expect, it } from 'vitest';
import { endSession } from '../session/store.ts';
import { CASE_NUMBER_MAX, caseNumber, setCaseNumber } from './store.ts';

describe('progress query store', () => {
  it('keeps case numbers to upper-case letters and digits of bounded length', () => {
    setCaseNumber('ab-12 c');
    expect(caseNumber.value).toBe('AB12C');
    setCaseNumber('9'.repeat(40));
    expect(caseNumber.value).toHaveLength(CASE_NUMBER_MAX);
  });

  it('forgets the case number when the session ends', () => {
    setCaseNumber('MARKER123');
    endSession();
    expect(caseNumber.value).toBe('');
  });
});
