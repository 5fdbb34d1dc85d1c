/**
 * Evaluation (好差评) on the wire: what the terminal and the citizen's phone send to the hall
 * server, and what they get back. The server's TypeBox schemas describe the same shapes.
 */
import type { LocalDate } from './calendar/local-date.ts';
import type { EvaluationLevel, EvaluationReason, SubjectKind } from './evaluation.ts';
import type { Localized } from './language.ts';

/**
 * The service a terminal evaluates, named by what the terminal knows of it:
 * - `clientId`: the write that made it at this terminal (a ticket just taken, a case just
 *   submitted), known online and offline alike;
 * - `token`: a ticket's track token or a case's evaluation token, from a scanned QR code or a
 *   progress query;
 * - `caseNumber` with the identified applicant's ID number, which the terminal attests: a typed
 *   case number alone would let anyone rate anyone's case.
 */
export type TerminalSubject =
  | { kind: SubjectKind; clientId: string }
  | { kind: SubjectKind; token: string }
  | { kind: 'case'; caseNumber: string; applicantId: string };

/** POST /api/v1/evaluations (a terminal; idempotent by clientId, may arrive late from the outbox). */
export interface TerminalEvaluation {
  clientId: string;
  subject: TerminalSubject;
  level: EvaluationLevel;
  reason?: EvaluationReason;
  comment?: string;
}

/** POST /api/v1/evaluations/by-token (the citizen's phone, from a QR code). */
export interface PhoneEvaluation {
  clientId: string;
  kind: SubjectKind;
  token: string;
  level: EvaluationLevel;
  reason?: EvaluationReason;
  comment?: string;
}

/** The evaluated service as the citizen recognises it: a ticket number or a case number. */
export interface EvaluatedSubject {
  kind: SubjectKind;
  /** "A001", or the case number. */
  reference: string;
  /** The queue category, or the service item. */
  title: Localized;
  /** The ticket's service day, or the day the case was submitted. */
  date: LocalDate;
}

export interface RectificationView {
  status: 'open' | 'resolved';
  /** The first instant past the due working day (ISO). */
  dueAt: string;
  overdue: boolean;
  outcome: string | null;
  resolvedAt: string | null;
}

export interface EvaluationView {
  subject: EvaluatedSubject;
  level: EvaluationLevel;
  reason: EvaluationReason | null;
  comment: string | null;
  source: 'terminal' | 'phone';
  createdAt: string;
  /** Only for a bad rating. */
  rectification: RectificationView | null;
}

/** Whether a service was evaluated, and how; the answer of the status routes. */
export interface EvaluationStatus {
  subject: EvaluatedSubject;
  evaluation: EvaluationView | null;
}

/** An evaluation stored (or, for a repeated clientId, found). */
export interface EvaluationRecorded {
  evaluation: EvaluationView;
  repeated: boolean;
}
