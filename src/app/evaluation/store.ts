/**
 * 好差评 at the terminal: a service is chosen (the ticket just taken, a case the case journey
 * hands over, a scanned ticket or receipt, or a typed case number for the identified applicant),
 * checked for an earlier evaluation, rated on five levels (a reason for 不满意 and below), and
 * sent — or queued in the outbox when the hall server cannot be reached.
 */
import { batch, computed, signal } from '@preact/signals';
import type { EvaluatedSubject, EvaluationView, TerminalSubject } from '../../core/evaluation-wire.ts';
import { isBadLevel, subjectOfLink, type EvaluationLevel, type EvaluationReason } from '../../core/evaluation.ts';
import { looksLikeIdentityCode } from '../../core/identity-code.ts';
import { lookupEvaluation, submitEvaluation } from '../../platform/evaluations.ts';
import { cardIdNumber, identity } from '../identify/store.ts';
import { takeHandedOver, type KnownSubject } from './handoff.ts';
import { onSessionEnd, sessionEpoch } from '../session/store.ts';

export type EvaluationPhase =
  /** Choosing the service: scan a code or type a case number. */
  | 'entry'
  /** A typed case number waits for the applicant's card or code. */
  | 'identify'
  | 'checking'
  | 'rate'
  | 'sending'
  | 'done'
  | 'already'
  | 'error';

export const phase = signal<EvaluationPhase>('entry');
export const subject = signal<TerminalSubject | null>(null);
/** The service as the screen names it: from the server, or from the caller while offline. */
export const subjectView = signal<(KnownSubject & { kind: EvaluatedSubject['kind'] }) | null>(null);
export const level = signal<EvaluationLevel | null>(null);
export const reason = signal<EvaluationReason | null>(null);
/** The evaluation stored now (done) or earlier (already); null when queued offline. */
export const evaluation = signal<EvaluationView | null>(null);
export const queued = signal(false);
export const failure = signal<string | null>(null);
export const caseNumber = signal('');
/** The last scan on the entry screen was no ticket or receipt code. */
export const scanNotService = signal(false);

export const needsReason = computed(() => level.value !== null && isBadLevel(level.value));
export const canSubmit = computed(() => level.value !== null && (!needsReason.value || reason.value !== null));

/** Case numbers are letters and digits (ZW20261124000123). */
export const CASE_NUMBER_MAX = 24;

function resetRating(): void {
  batch(() => {
    level.value = null;
    reason.value = null;
    evaluation.value = null;
    queued.value = false;
    failure.value = null;
  });
}

function resetAll(): void {
  batch(() => {
    resetRating();
    phase.value = 'entry';
    subject.value = null;
    subjectView.value = null;
    caseNumber.value = '';
    scanNotService.value = false;
  });
}

export { openEvaluation } from './handoff.ts';

/**
 * Called once the screen is on: picks up a service another journey handed over. Without one the
 * screen keeps its state, which leaving it has reset: from the home tile it is the entry step.
 */
export function startEvaluationScreen(): void {
  const handed = takeHandedOver();
  if (handed) void chooseSubject(handed.subject, handed.known);
}

/** The citizen left the screen: what they chose there is forgotten, and the tile opens a fresh one. */
export function leaveEvaluationScreen(): void {
  resetAll();
}

async function chooseSubject(service: TerminalSubject, known: KnownSubject | null): Promise<void> {
  const epoch = sessionEpoch.peek();
  batch(() => {
    resetRating();
    subject.value = service;
    subjectView.value = known && { ...known, kind: service.kind };
    phase.value = 'checking';
  });
  const lookup = await lookupEvaluation(service);
  // The citizen left meanwhile: nothing of theirs may come back.
  if (sessionEpoch.peek() !== epoch || subject.peek() !== service) return;
  batch(() => {
    if (lookup.ok && lookup.status) {
      const { subject: found, evaluation: earlier } = lookup.status;
      subjectView.value = { kind: found.kind, reference: found.reference, title: found.title };
      evaluation.value = earlier;
      phase.value = earlier ? 'already' : 'rate';
    } else if (lookup.ok || (lookup.error.code === 'network' && known)) {
      // Not on the server yet (queued, or offline): the citizen rates now, the outbox sends it later.
      phase.value = 'rate';
    } else {
      failure.value = lookup.error.code;
      phase.value = 'error';
    }
  });
}

export function chooseLevel(value: EvaluationLevel): void {
  batch(() => {
    level.value = value;
    if (!isBadLevel(value)) reason.value = null;
  });
}

export function chooseReason(value: EvaluationReason): void {
  reason.value = value;
}

export async function submit(): Promise<void> {
  const service = subject.value;
  const chosen = level.value;
  if (!service || chosen === null || !canSubmit.value || phase.value !== 'rate') return;
  const epoch = sessionEpoch.peek();
  phase.value = 'sending';
  const outcome = await submitEvaluation({ clientId: crypto.randomUUID(), subject: service, level: chosen, ...(reason.value ? { reason: reason.value } : {}) });
  if (sessionEpoch.peek() !== epoch) return;
  batch(() => {
    if (outcome.ok) {
      evaluation.value = outcome.evaluation;
      queued.value = outcome.queued;
      phase.value = 'done';
      return;
    }
    const earlier = outcome.error.code === 'already-evaluated' ? (outcome.error.details?.evaluation as EvaluationView | undefined) : undefined;
    if (earlier) {
      evaluation.value = earlier;
      phase.value = 'already';
      return;
    }
    failure.value = outcome.error.code;
    phase.value = 'error';
  });
}

/** A code scanned on the entry screen: a ticket's or receipt's QR picks the service. */
export function acceptScan(text: string): void {
  if (phase.value !== 'entry') return;
  // Identity codes are the identify store's; they are not a wrong code here.
  if (looksLikeIdentityCode(text)) return;
  const link = subjectOfLink(text);
  scanNotService.value = link === null;
  if (link) void chooseSubject({ kind: link.kind, token: link.token }, null);
}

export function setCaseNumber(value: string): void {
  caseNumber.value = value.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, CASE_NUMBER_MAX);
}

/** A typed case number is rated only by its applicant: the card or code on the terminal is checked by the server. */
export function continueWithCaseNumber(): void {
  if (caseNumber.value.length < 4) return;
  if (!identity.value) {
    phase.value = 'identify';
    return;
  }
  const applicantId = cardIdNumber();
  if (!applicantId) {
    failure.value = 'enterprise-identity';
    phase.value = 'error';
    return;
  }
  void chooseSubject({ kind: 'case', caseNumber: caseNumber.value, applicantId }, null);
}

/** Back to choosing a service, keeping the typed case number. */
export function backToEntry(): void {
  batch(() => {
    resetRating();
    subject.value = null;
    subjectView.value = null;
    phase.value = 'entry';
  });
}

export function retry(): void {
  const service = subject.value;
  const known = subjectView.value;
  if (service && level.value !== null && failure.value !== null && failure.value !== 'unknown-subject') {
    failure.value = null;
    phase.value = 'rate';
    return;
  }
  if (service) void chooseSubject(service, known && { reference: known.reference, title: known.title });
  else backToEntry();
}

onSessionEnd(resetAll);
