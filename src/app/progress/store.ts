import { signal } from '@preact/signals';
import { onSessionEnd } from '../session/store.ts';

/** Case numbers are letters and digits; longer input is a typo, not a case number. */
export const CASE_NUMBER_MAX = 24;

export const caseNumber = signal('');
export const queried = signal(false);

export function setCaseNumber(value: string): void {
  caseNumber.value = value.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, CASE_NUMBER_MAX);
  queried.value = false;
}

onSessionEnd(() => {
  caseNumber.value = '';
  queried.value = false;
});
