/**
 * Cases (办件): what a citizen applies for, at the terminal (自助申办) or at a window, and how it
 * moves until it is finished. The shapes here are the contract between the terminal, the hall
 * server and the back office; the rules that judge them live beside them in core
 * (supervision.ts, case-deadline.ts, case-form.ts).
 */
import type { LocalDate } from './calendar/local-date.ts';
import type { HolderKind } from './certificates.ts';
import type { Localized } from './language.ts';

/**
 * Where a case came from. Terminal cases and cases decided by rules are non-manual and exempt
 * from the efficiency supervision that window cases are under.
 */
export type CaseChannel = 'self-service-terminal' | 'window' | 'smart-approval';
export type CaseHandling = 'manual' | 'non-manual';

export const HANDLING_OF: Record<CaseChannel, CaseHandling> = {
  'self-service-terminal': 'non-manual',
  'smart-approval': 'non-manual',
  window: 'manual',
};

/**
 * submitted → accepted (受理) → [supplement-requested (补正, the clock stops) → accepted] →
 * decided (approved or refused) → finished (办结, result handed over). An instant-decision item
 * with an automatic rule goes submitted → decided → finished at once.
 */
export type CaseStatus = 'submitted' | 'accepted' | 'supplement-requested' | 'decided' | 'finished';
export type CaseDecision = 'approved' | 'refused';

/** How each material of the item was provided with the application. */
export type MaterialProvision =
  /** 免提交: the applicant's e-certificate of the material's type, attached by the server. */
  | 'e-certificate'
  /** 容缺受理: missing now, to be supplied by the deadline. */
  | 'deferred'
  /** 告知承诺: replaced by the applicant's signed commitment. */
  | 'commitment'
  /** Handed over on paper later, or at the window (window cases). */
  | 'paper';

export interface ProvidedMaterial {
  /** The material's name as the service guide lists it. */
  name: string;
  provision: MaterialProvision;
  /** For an e-certificate: its id in the certificate library, once attached. */
  certificateId?: string;
}

/** A field of an item's application form, defined in the catalog. */
export interface FormField {
  key: string;
  label: Localized;
  /** text: any; digits: 0-9; phone: a mainland mobile or landline; latin: letters and digits; date: YYYY-MM-DD; choice: one of `choices`. */
  kind: 'text' | 'digits' | 'phone' | 'latin' | 'date' | 'choice';
  required: boolean;
  maxLength?: number;
  choices?: { value: string; label: Localized }[];
  hint?: Localized;
}

/**
 * Who applies, as the terminal or the window names them. At a terminal the name and number are
 * only the terminal's word: the case's `proof` is what the server believes (see CaseProof).
 */
export interface Applicant {
  kind: HolderKind;
  /** Resident ID number or unified social credit code. */
  id: string;
  name: string;
  method: 'card' | 'code' | 'window';
}

/**
 * What proves the applicant stood at the terminal. Only a case with a proof of the applicant gets
 * their e-certificates attached (免提交) and an automatic rule's result; without one a case is
 * taken as typed, without attachments. A consent (the one the case journey asked for, granted to
 * this terminal for this applicant and item), or, for a case that waited in the outbox because the
 * hall was away, the card assertion or identity code captured while the citizen was there. Each
 * proof serves one case.
 */
export type CaseProof = { kind: 'consent'; consentToken: string } | { kind: 'card'; assertion: string } | { kind: 'code'; code: string };

/** POST /api/v1/cases, from a terminal (idempotent by clientId; may arrive late from the outbox). */
export interface CaseSubmission {
  clientId: string;
  itemCode: string;
  applicant: Applicant;
  materials: ProvidedMaterial[];
  formValues: Record<string, string>;
  /** 告知承诺: the applicant accepted the item's commitment text and signed it on the touch screen. */
  commitment: { accepted: true; signature: string } | null;
  /** When the citizen tapped submit, by the terminal's clock (ISO); a case from the outbox is older than its arrival. */
  submittedAt: string;
  /** The receipt's query code (core/case-progress.ts), made by the terminal so a receipt printed offline has it; absent: the server makes one. */
  queryCode?: string;
  proof?: CaseProof;
}

/** One step of a case's timeline, as progress queries show it. */
export interface CaseEvent {
  at: string;
  status: CaseStatus;
  /** A short note for the citizen: what is missing, why refused. */
  note?: string;
}

/** A case as the terminal, the progress query and the receipt see it. Applicant masked. */
export interface CaseView {
  caseNumber: string;
  itemCode: string;
  itemName: Localized;
  channel: CaseChannel;
  handling: CaseHandling;
  status: CaseStatus;
  decision: CaseDecision | null;
  applicantMasked: string;
  materials: ProvidedMaterial[];
  /** 容缺 materials and the day they are due. */
  deferred: { names: string[]; dueDate: LocalDate } | null;
  promisedLimitDays: number;
  /** The last day of the promised limit, in working days from acceptance; null before acceptance. */
  dueDate: LocalDate | null;
  timeline: CaseEvent[];
  /** Token of the evaluation page printed as a QR on the receipt. */
  evaluationToken: string;
  /** An instant decision's result document, ready to print. */
  result: { title: Localized; lines: string[] } | null;
}

/** What `cases.document` holds on the server (JSON): the application as received, and its outcome. */
export interface CaseDocument {
  itemName: Localized;
  materials: ProvidedMaterial[];
  formValues: Record<string, string>;
  commitment: { accepted: true; signature: string } | null;
  deferred: { names: string[]; dueDate: LocalDate } | null;
  result: CaseView['result'];
  /** The query code printed on the receipt (normalized, 8 characters); absent on window cases and older cases. */
  queryCode?: string;
  /** How a terminal case proved its applicant (CaseProof); null: taken as typed. Absent on window cases and older cases. */
  applicantProof?: CaseProof['kind'] | null;
}
