import { describe, expect, it } from 'vitest';
import { endSession } from '../session/store.ts';
import { CASE_NUMBER_MAX, caseNumber, chooseTypedProof, setCaseNumber, setTypedIdNumber, setTypedQueryCode, typedIdNumber, typedProof, typedProofComplete, typedQueryCode } from './store.ts';

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

  it('keeps a typed query code to 8 letters and digits, and knows when it is complete', () => {
    chooseTypedProof('query-code');
    setTypedQueryCode('7k3m-9q0');
    expect(typedQueryCode.value).toBe('7K3M9Q0');
    expect(typedProofComplete()).toBe(false);
    setTypedQueryCode('7k3m-9q01xyz');
    expect(typedQueryCode.value).toBe('7K3M9Q01');
    expect(typedProofComplete()).toBe(true);
  });

  it('forgets the case number, the typed ID number and query code when the session ends', () => {
    setCaseNumber('MARKER123');
    setTypedIdNumber('990101194806150139');
    chooseTypedProof('query-code');
    setTypedQueryCode('7K3M9Q01');
    endSession();
    expect(caseNumber.value).toBe('');
    expect(typedIdNumber.value).toBe('');
    expect(typedQueryCode.value).toBe('');
    expect(typedProof.value).toBe('id');
  });
});
