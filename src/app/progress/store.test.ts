import { describe, expect, it } from 'vitest';
import { endSession } from '../session/store.ts';
import { CASE_NUMBER_MAX, caseNumber, setCaseNumber, setTypedIdNumber, typedIdNumber } from './store.ts';

describe('progress query store', () => {
  it('keeps case numbers to upper-case letters and digits of bounded length', () => {
    setCaseNumber('ab-12 c');
    expect(caseNumber.value).toBe('AB12C');
    setCaseNumber('9'.repeat(40));
    expect(caseNumber.value).toHaveLength(CASE_NUMBER_MAX);
  });

  it('keeps a typed ID number to 18 digits and X', () => {
    setTypedIdNumber('9901 0119-4806x1501399');
    expect(typedIdNumber.value).toBe('990101194806X15013');
  });

  it('forgets the case number and the typed ID number when the session ends', () => {
    setCaseNumber('MARKER123');
    setTypedIdNumber('990101194806150139');
    endSession();
    expect(caseNumber.value).toBe('');
    expect(typedIdNumber.value).toBe('');
  });
});
