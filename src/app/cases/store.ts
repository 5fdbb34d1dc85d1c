/**
 * 自助申办 at the terminal: choose a kiosk-submittable item, identify, consent to the retrieval of
 * the certificates it takes, settle each material (免提交, 容缺, 告知承诺 with a signature), fill in
 * the form, review and submit. Submitted at once when the hall server answers, else queued in the
 * encrypted outbox with a receipt that says so. Everything is forgotten when the session ends.
 */
import { batch, computed, signal } from '@preact/signals';
import { BusinessCalendar } from '../../core/calendar/business-calendar.ts';
import { HOLIDAY_YEARS } from '../../core/calendar/holidays.ts';
import { localDateOf } from '../../core/calendar/local-date.ts';
import { deferredMaterialsDueDate } from '../../core/case-deadline.ts';
import { validateCaseForm, type CaseFormError } from '../../core/case-form.ts';
import { blockingMaterials, chooseProvision, needsCommitment, planMaterials, providedMaterials, type MaterialPlan } from '../../core/case-materials.ts';
import { newQueryCode } from '../../core/case-progress.ts';
import { queuedReference, type ReceiptCase } from '../../core/case-receipt.ts';
import type { CaseProof, CaseView, MaterialProvision } from '../../core/cases.ts';
import type { ServiceItem } from '../../core/catalog.ts';
import { itemPurposeTypes } from '../../core/certificates.ts';
import type { ReceiptDocument } from '../../core/receipt.ts';
import { bridgeConnected, print } from '../../platform/bridge-client.ts';
import { loadCatalog } from '../../platform/catalog.ts';
import { listCertificates, requestConsent, endConsent } from '../../platform/certificates.ts';
import { submitCase } from '../../platform/cases.ts';
import { isUnreachable, type ApiError } from '../../platform/hall-api.ts';
import { clock } from '../../platform/clock.ts';
import { requestedItem } from '../guide/store.ts';
import type { MessageKey } from '../i18n/index.ts';
import { identity, proveIdentity, type CitizenIdentity } from '../identify/store.ts';
import { onSessionEnd, sessionGuard } from '../session/store.ts';

export type Step = 'item' | 'consent' | 'materials' | 'commitment' | 'form' | 'review' | 'submitting' | 'done';

export type Outcome = ({ kind: 'submitted'; view: CaseView } | { kind: 'queued'; receipt: ReceiptCase }) & { clientId: string; queryCode: string };

export const step = signal<Step>('item');
export const items = signal<ServiceItem[] | null>(null);
export const item = signal<ServiceItem | null>(null);
/** True while the certificates the item takes are being retrieved. */
export const retrieving = signal(false);
export const plans = signal<MaterialPlan[]>([]);
export const commitmentAccepted = signal(false);
export const signature = signal<string | null>(null);
export const formValues = signal<Record<string, string>>({});
export const formErrors = signal<CaseFormError[]>([]);
export const problem = signal<MessageKey | null>(null);
export const outcome = signal<Outcome | null>(null);
/** Whether certificates could be looked up; false offline, when the server attaches them on arrival. */
export const certificatesLookedUp = signal(false);

const calendar = new BusinessCalendar(HOLIDAY_YEARS);
let consentToken: string | null = null;
let submissionId: string | null = null;
/** The receipt's query code (core/case-progress.ts): made with the submission id, so a repeat sends the same. */
let submissionCode: string | null = null;

export const blocking = computed(() => blockingMaterials(plans.value));
export const commitmentNeeded = computed(() => needsCommitment(plans.value));

export async function loadItems(): Promise<void> {
  const still = sessionGuard();
  const catalog = await loadCatalog();
  if (!still()) return;
  items.value = catalog.ok ? catalog.value.items.filter((candidate) => candidate.kioskSubmittable) : [];
  // Coming from a service guide's "在本机申办": that item, chosen already.
  const requested = items.value.find((candidate) => candidate.code === requestedItem.peek());
  requestedItem.value = null;
  if (requested) chooseItem(requested);
}

/** The certificate types the item takes, other than the ID card the citizen identified with. */
const typesOf = (chosen: ServiceItem) => {
  const kind = identity.peek()?.kind ?? 'person';
  return itemPurposeTypes(chosen, kind);
};

export function chooseItem(chosen: ServiceItem): void {
  batch(() => {
    item.value = chosen;
    plans.value = [];
    formValues.value = {};
    formErrors.value = [];
    commitmentAccepted.value = false;
    signature.value = null;
    problem.value = null;
    outcome.value = null;
    submissionId = null;
    submissionCode = null;
    step.value = 'consent';
  });
}

/** Why the hall would not open the citizen's certificates, as the consent step tells it. */
function consentProblem(error: ApiError): MessageKey {
  if (error.code === 'card-assertion-refused') return 'certificates.error.cardNotVerified';
  if (error.code === 'terminal-suspended') return 'certificates.error.suspended';
  return 'certificates.error.other';
}

/**
 * After the citizen's consent: the certificates the item takes are looked up, so that the
 * materials screen can show them as attached. Offline, the materials are planned without them
 * and the server attaches what the applicant holds when the case arrives. A card the terminal
 * cannot vouch for, or a hall that refuses, stops here with the reason: the case would go as
 * typed, without the citizen's certificates.
 */
export async function consentAndRetrieve(): Promise<void> {
  const chosen = item.peek();
  const citizen = identity.peek();
  if (!chosen || !citizen) return;
  retrieving.value = true;
  problem.value = null;
  const still = sessionGuard();
  let held: Map<string, string> | null = null;
  const needsCertificates = typesOf(chosen).length > 0;
  const proof = needsCertificates ? await proveIdentity(citizen) : null;
  const stop = (reason: MessageKey) => {
    if (!still()) return;
    batch(() => {
      retrieving.value = false;
      problem.value = reason;
    });
  };
  if (needsCertificates && !proof) return stop('certificates.error.cardNotVerified');
  if (proof) {
    const granted = await requestConsent(crypto.randomUUID(), proof, { kind: 'item', itemCode: chosen.code });
    if (granted.ok && !still()) {
      // The citizen left meanwhile: the consent opens nothing for anyone.
      void endConsent(granted.value.consentToken);
      return;
    }
    if (!granted.ok && !isUnreachable(granted.error)) return stop(consentProblem(granted.error));
    if (granted.ok) {
      consentToken = granted.value.consentToken;
      const listed = await listCertificates(consentToken);
      if (listed.ok) held = new Map(listed.value.filter((certificate) => certificate.valid).map((certificate) => [certificate.typeCode, certificate.id]));
    }
  } else held = new Map();
  if (!still()) return;
  batch(() => {
    retrieving.value = false;
    certificatesLookedUp.value = held !== null;
    plans.value = planMaterials(chosen, held);
    step.value = 'materials';
  });
}

export function setProvision(name: string, provision: MaterialProvision | null): void {
  plans.value = chooseProvision(plans.value, name, provision);
}

export function continueFromMaterials(): void {
  if (blocking.value.length > 0) return;
  step.value = commitmentNeeded.value ? 'commitment' : 'form';
}

export function continueFromCommitment(): void {
  if (!commitmentAccepted.value || !signature.value) return;
  step.value = 'form';
}

export function setFormValue(key: string, value: string): void {
  formValues.value = { ...formValues.value, [key]: value };
  if (formErrors.value.some((error) => error.field === key)) formErrors.value = formErrors.value.filter((error) => error.field !== key);
}

export function continueFromForm(): void {
  const checked = validateCaseForm(item.peek()?.formFields ?? [], formValues.value);
  if (!checked.ok) {
    formErrors.value = checked.errors;
    return;
  }
  formErrors.value = [];
  step.value = 'review';
}

export function back(): void {
  const order: Step[] = ['item', 'consent', 'materials', ...(commitmentNeeded.value ? (['commitment'] as const) : []), 'form', 'review'];
  const index = order.indexOf(step.value);
  if (index > 0) step.value = order[index - 1]!;
}

function queuedReceipt(chosen: ServiceItem, clientId: string, applicantMasked: string, queryCode: string): ReceiptCase {
  const provided = providedMaterials(plans.value);
  const deferredNames = provided.filter((material) => material.provision === 'deferred').map((material) => material.name);
  const today = localDateOf(clock.now());
  return {
    caseNumber: null,
    reference: queuedReference(clientId),
    queryCode,
    itemCode: chosen.code,
    itemName: chosen.name,
    applicantMasked,
    materials: provided,
    deferred: deferredNames.length > 0 ? { names: deferredNames, dueDate: deferredMaterialsDueDate(calendar, today, chosen.missingMaterialDays ?? 5) } : null,
    promisedLimitDays: chosen.promisedLimitDays,
    dueDate: null,
    result: null,
  };
}

/**
 * What proves the applicant to the hall: the consent of this journey, else (the hall was away at
 * the consent) the card assertion or identity code made now, while the citizen is here, which a
 * case waiting in the outbox carries until the hall has it. Without one the case goes as typed.
 */
async function caseProof(citizen: CitizenIdentity): Promise<CaseProof | null> {
  if (consentToken) return { kind: 'consent', consentToken };
  const proof = await proveIdentity(citizen);
  if (!proof) return null;
  return proof.kind === 'card' ? { kind: 'card', assertion: proof.assertion } : { kind: 'code', code: proof.code };
}

export async function submit(): Promise<void> {
  const chosen = item.peek();
  const citizen = identity.peek();
  if (!chosen || !citizen || step.peek() === 'submitting') return;
  // One id per application: pressing submit again after a lost answer cannot make a second case.
  submissionId ??= crypto.randomUUID();
  submissionCode ??= newQueryCode();
  const checked = validateCaseForm(chosen.formFields ?? [], formValues.peek());
  if (!checked.ok) {
    formErrors.value = checked.errors;
    step.value = 'form';
    return;
  }
  step.value = 'submitting';
  const still = sessionGuard();
  const proof = await caseProof(citizen);
  const result = await submitCase({
    clientId: submissionId,
    itemCode: chosen.code,
    applicant: { kind: citizen.kind, id: citizen.subject, name: citizen.name, method: citizen.via.kind },
    ...(proof ? { proof } : {}),
    materials: providedMaterials(plans.peek()),
    formValues: checked.values,
    commitment: commitmentNeeded.peek() && signature.peek() ? { accepted: true, signature: signature.peek()! } : null,
    submittedAt: new Date(clock.now()).toISOString(),
    queryCode: submissionCode,
  });
  // Submitted (or queued) all the same; only the screen and the receipt belonged to the citizen who left.
  if (!still()) return;
  batch(() => {
    if (result.kind === 'submitted') outcome.value = { kind: 'submitted', view: result.view, clientId: submissionId!, queryCode: submissionCode! };
    else if (result.kind === 'queued') outcome.value = { kind: 'queued', receipt: queuedReceipt(chosen, submissionId!, `${citizen.masked.name} ${citizen.masked.idNumber}`, submissionCode!), clientId: submissionId!, queryCode: submissionCode! };
    else {
      problem.value = result.error.code === 'case-form-invalid' ? 'cases.error.form' : result.error.code === 'materials-missing' ? 'cases.error.materials' : 'cases.error.other';
      step.value = 'review';
      return;
    }
    step.value = 'done';
  });
}

function forget(): void {
  if (consentToken) void endConsent(consentToken);
  consentToken = null;
  submissionId = null;
  submissionCode = null;
  batch(() => {
    step.value = 'item';
    item.value = null;
    items.value = null;
    retrieving.value = false;
    plans.value = [];
    commitmentAccepted.value = false;
    signature.value = null;
    formValues.value = {};
    formErrors.value = [];
    problem.value = null;
    outcome.value = null;
    certificatesLookedUp.value = false;
    receiptPrint.value = { kind: 'idle' };
  });
  printedFor = null;
}

onSessionEnd(forget);

export type ReceiptPrint = { kind: 'idle' } | { kind: 'screen' } | { kind: 'printing' } | { kind: 'done' } | { kind: 'failed'; reason: string };
export const receiptPrint = signal<ReceiptPrint>({ kind: 'idle' });
let printedFor: Outcome | null = null;

/** Prints the receipt (and an instant decision's result) once per outcome; on screen without a printer. */
export async function printOutcome(documents: ReceiptDocument[]): Promise<void> {
  const current = outcome.peek();
  if (!current || printedFor === current) return;
  printedFor = current;
  if (!bridgeConnected.peek()) {
    receiptPrint.value = { kind: 'screen' };
    return;
  }
  receiptPrint.value = { kind: 'printing' };
  for (const document of documents) {
    const printed = await print('receipt', document);
    if (outcome.peek() !== current) return;
    if (!printed.ok) {
      receiptPrint.value = { kind: 'failed', reason: printed.reason };
      return;
    }
  }
  receiptPrint.value = { kind: 'done' };
}
