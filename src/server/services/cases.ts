/**
 * Self-service cases (自助申办) arriving from terminals, and the progress query (办件查询).
 *
 * Conventions:
 * - Arrival is acceptance. A terminal case is accepted by the system the moment the hall server
 *   stores it (受理时间 = arrival), not when the citizen tapped submit: a case that waited in a
 *   terminal's outbox overnight could not have been accepted before the hall had it. The
 *   terminal's `submittedAt` is kept as the first entry of the timeline (never later than
 *   arrival). The promised limit and the 容缺 deadline count from acceptance (case-deadline.ts).
 * - The case number is ZW + the China date of arrival + a six-digit sequence of that day, made
 *   by the day's counter row inside the case's transaction.
 * - An item with an automatic rule is decided and finished at once (channel smart-approval);
 *   every other terminal case is channel self-service-terminal. Both are non-manual.
 */
import type { Kysely } from 'kysely';
import { caseDueDate, deferredMaterialsDueDate } from '../../core/case-deadline.ts';
import { newQueryCode, normalizeQueryCode } from '../../core/case-progress.ts';
import { validateCaseForm, type CaseFormError } from '../../core/case-form.ts';
import { resolveIntake, type HeldCertificates, type Intake } from '../../core/case-intake.ts';
import { localDateOf } from '../../core/calendar/local-date.ts';
import type { ServiceItem } from '../../core/catalog.ts';
import { HANDLING_OF, type Applicant, type CaseDocument, type CaseSubmission, type CaseView } from '../../core/cases.ts';
import { isCertificateValid, itemCertificateTypes, type Certificate, type HolderKind } from '../../core/certificates.ts';
import { checkCreditCode } from '../../core/credit-code.ts';
import { checkIdNumber, maskIdNumber, maskName } from '../../core/id-number.ts';
import type { HallContext } from '../context.ts';
import type { CaseRow, Database, TerminalRow } from '../db/schema.ts';
import { holderHash, randomToken } from '../security.ts';
import { decideByRule, type RuleOutcome } from './case-results.ts';
import { caseByClientId, caseByEvaluationToken, caseView, newCaseId, storeNewCase, type NewCase, type NewEvent } from './case-store.ts';
import { loadServiceItem } from './catalog.ts';
import { terminalUser } from './certificates.ts';
import { proveApplicant, type ProofKind } from './case-proof.ts';
import { fail, type Result } from './result.ts';

/** 容缺 deadline of an item that allows missing materials without naming its own. */
export const DEFAULT_MISSING_MATERIAL_DAYS = 5;
/** An SVG path of a few thousand points, or a small PNG: enough for any signature, no room for a payload. */
export const MAX_SIGNATURE_CHARS = 32_768;
const MAX_NAME_CHARS = 64;

const SVG_PATH = /^[Mm][MmLlHhVvCcSsQqTtAaZz0-9\s,.+-]*$/;
const PNG_DATA_URL = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/;
const PNG_MAGIC = '89504e470d0a1a0a';

/** A handwritten signature as the terminal sends it: an SVG path, or a PNG as a data URL. */
export function isSignature(signature: string): boolean {
  if (signature.length === 0 || signature.length > MAX_SIGNATURE_CHARS) return false;
  if (SVG_PATH.test(signature)) return /\d/.test(signature);
  const png = PNG_DATA_URL.exec(signature);
  return png !== null && Buffer.from(png[1]!.slice(0, 12), 'base64').toString('hex').startsWith(PNG_MAGIC);
}

export interface CheckedApplicant {
  kind: HolderKind;
  id: string;
  name: string;
  hash: string;
  masked: { name: string; id: string };
}

/** GB 11643 for a person's ID number, GB 32100 for an enterprise's credit code; names bounded. */
export function checkApplicant(ctx: HallContext, applicant: Pick<Applicant, 'kind' | 'id' | 'name'>): Result<CheckedApplicant> {
  const name = applicant.name.trim();
  if (name === '' || [...name].length > MAX_NAME_CHARS) return fail(422, 'invalid-applicant-name', 'The applicant’s name is missing or too long');
  const checked = applicant.kind === 'person' ? checkIdNumber(applicant.id) : checkCreditCode(applicant.id);
  if (!checked.ok) {
    const what = applicant.kind === 'person' ? 'ID number' : 'unified social credit code';
    return fail(422, 'invalid-applicant-id', `The applicant’s ${what} is not valid`, { problem: checked.problem });
  }
  const id = 'idNumber' in checked ? checked.idNumber : checked.code;
  return { ok: true, value: { kind: applicant.kind, id, name, hash: holderHash(ctx.pepper, id), masked: { name: maskName(name), id: maskIdNumber(id) } } };
}

export const maskedApplicant = (applicant: CheckedApplicant) => `${applicant.masked.name} ${applicant.masked.id}`;

/** One item of the catalog: every case needs its item (kept a few seconds, catalog.ts). */
export async function loadItem(ctx: HallContext, code: string): Promise<ServiceItem | undefined> {
  return (await loadServiceItem(ctx.db, code)) ?? undefined;
}

type HeldDocuments = Map<string, Omit<Certificate, 'id'>>;

/** The applicant's valid certificates of the types the item takes, by type, in a stable order. */
async function heldCertificates(db: Kysely<Database>, applicant: CheckedApplicant, item: ServiceItem, today: string): Promise<{ held: HeldCertificates; documents: HeldDocuments }> {
  const types = itemCertificateTypes(item);
  const held = new Map<string, string[]>();
  const documents: HeldDocuments = new Map();
  if (types.length === 0) return { held, documents };
  const rows = await db.selectFrom('certificates').select(['id', 'type_code', 'document']).where('holder_hash', '=', applicant.hash).where('type_code', 'in', types).orderBy('number').execute();
  for (const row of rows) {
    const certificate = JSON.parse(row.document) as Omit<Certificate, 'id'>;
    if (!isCertificateValid(certificate, today)) continue;
    held.set(row.type_code, [...(held.get(row.type_code) ?? []), row.id]);
    documents.set(row.id, certificate);
  }
  return { held, documents };
}

interface Prepared {
  item: ServiceItem;
  applicant: CheckedApplicant;
  /** How the applicant was proven; null: taken as typed, so no attachments and no rule result. */
  proof: ProofKind | null;
  formValues: Record<string, string>;
  intake: Intake;
  documents: HeldDocuments;
}

const formErrors = (errors: CaseFormError[]) => fail(422, 'invalid-form', 'Some fields of the application form are not filled in correctly', { errors });

/** Everything checked before anything is written: bad input changes nothing. */
async function prepareSubmission(ctx: HallContext, terminal: TerminalRow, submission: CaseSubmission): Promise<Result<Prepared>> {
  const item = await loadItem(ctx, submission.itemCode);
  if (!item) return fail(404, 'unknown-item', `No service item "${submission.itemCode}"`);
  if (!item.kioskSubmittable) return fail(422, 'item-not-kiosk-submittable', 'This item cannot be applied for at a terminal; please go to a window');
  const applicant = checkApplicant(ctx, submission.applicant);
  if (!applicant.ok) return applicant;
  const form = validateCaseForm(item.formFields ?? [], submission.formValues);
  if (!form.ok) return formErrors(form.errors);
  if (submission.commitment) {
    if (!item.commitmentAllowed) return fail(422, 'commitment-not-allowed', 'This item takes no commitment in lieu of proof');
    if (!isSignature(submission.commitment.signature)) return fail(422, 'invalid-signature', 'The signature is not a handwritten signature from the terminal');
  }
  const proof = await proveApplicant(ctx, terminal, submission, applicant.value);
  if (!proof.ok) return proof;
  // An unproven applicant's certificates are not the terminal's to attach, nor to learn of from
  // which materials are missing: the materials are judged as if the applicant held none.
  const { held, documents } = proof.value ? await heldCertificates(ctx.db, applicant.value, item, localDateOf(ctx.clock.now())) : { held: new Map(), documents: new Map() };
  const intake = resolveIntake({ item, applicantKind: applicant.value.kind, held, declared: submission.materials, signedCommitment: submission.commitment !== null });
  if (!intake.ok) return fail(422, intake.problem.code, 'The materials of the application are not complete', { materials: intake.problem.materials });
  return { ok: true, value: { item, applicant: applicant.value, proof: proof.value, formValues: form.values, intake: intake.intake, documents } };
}

function ruleOutcome(prepared: Prepared, caseNumber: string, today: string): RuleOutcome | null {
  const { item, applicant, intake, documents } = prepared;
  // A rule's result tells of the applicant's records: only for an applicant proven at the terminal.
  if (!item.automaticRule || !prepared.proof) return null;
  const certificates = new Map(intake.attached.flatMap((attached) => {
    const document = documents.get(attached.certificateId);
    return document ? [[attached.typeCode, document] as const] : [];
  }));
  return decideByRule(item.automaticRule, { caseNumber, applicantKind: applicant.kind, applicantMasked: applicant.masked, holderHash: applicant.hash, formValues: prepared.formValues, today, certificates });
}

/** The new case as stored: accepted by the system at arrival, or decided and finished by its rule. */
function terminalCase(ctx: HallContext, terminal: TerminalRow, submission: CaseSubmission, prepared: Prepared, now: number) {
  const { item, applicant, intake } = prepared;
  const today = localDateOf(now);
  // The terminal's clock may run ahead; a case is never submitted after it arrived.
  const tapped = Date.parse(submission.submittedAt);
  const submittedAt = Number.isFinite(tapped) ? Math.min(tapped, now) : now;
  return (caseNumber: string): NewCase => {
    const ruled = ruleOutcome(prepared, caseNumber, today);
    const channel = ruled ? 'smart-approval' : 'self-service-terminal';
    const deferred = intake.deferred.length > 0 ? { names: intake.deferred, dueDate: deferredMaterialsDueDate(ctx.calendar, today, item.missingMaterialDays ?? DEFAULT_MISSING_MATERIAL_DAYS) } : null;
    const document: CaseDocument = {
      itemName: item.name,
      materials: intake.materials,
      formValues: prepared.formValues,
      commitment: submission.commitment,
      deferred,
      result: ruled?.result ?? null,
      applicantProof: prepared.proof,
      // The terminal's code, printed already if the case waited offline; else one made here.
      queryCode: (submission.queryCode && normalizeQueryCode(submission.queryCode)) || newQueryCode(),
    };
    const event = (status: NewEvent['status'], note: string | null = null): NewEvent => ({ at: now, status, note, staffId: null });
    const events: NewEvent[] = [{ at: submittedAt, status: 'submitted', note: null, staffId: null }, ...(ruled ? [event('decided', ruled.note), event('finished')] : [event('accepted')])];
    const id = newCaseId();
    return {
      row: {
        id,
        client_id: submission.clientId,
        item_code: item.code,
        department: item.department,
        channel,
        handling: HANDLING_OF[channel],
        status: ruled ? 'finished' : 'accepted',
        decision: ruled?.decision ?? null,
        applicant_hash: applicant.hash,
        applicant_kind: applicant.kind,
        applicant_masked: maskedApplicant(applicant),
        document: JSON.stringify(document),
        promised_limit_days: item.promisedLimitDays,
        submitted_at: submittedAt,
        accepted_at: now,
        due_date: caseDueDate(ctx.calendar, { acceptedOn: today, limitDays: item.promisedLimitDays }),
        decided_at: ruled ? now : null,
        finished_at: ruled ? now : null,
        window_number: null,
        staff_id: null,
        terminal_id: terminal.id,
        evaluation_token: randomToken(18),
        created_at: now,
      },
      events,
      uses: intake.attached.map((attached) => ({
        at: now,
        holderHash: applicant.hash,
        certificateId: attached.certificateId,
        certificateType: attached.typeCode,
        action: 'case-attach' as const,
        user: terminalUser(terminal),
        purpose: `${item.name['zh-CN']}（${caseNumber}）`,
        copyId: null,
        terminalId: terminal.id,
      })),
    };
  };
}

async function repeatOf(ctx: HallContext, terminal: TerminalRow, row: CaseRow): Promise<Result<CaseView>> {
  // Another terminal's clientId: a client bug or a probe; its case is not this terminal's to see.
  if (row.terminal_id !== terminal.id) return fail(409, 'client-id-in-use', 'This clientId belongs to another terminal');
  return { ok: true, value: await caseView(ctx.db, row) };
}

/** POST /cases: a repeat of a clientId (even one racing the first) answers with the first case. */
export async function submitCase(ctx: HallContext, terminal: TerminalRow, submission: CaseSubmission): Promise<Result<CaseView>> {
  const existing = await caseByClientId(ctx.db, submission.clientId);
  if (existing) return repeatOf(ctx, terminal, existing);
  const prepared = await prepareSubmission(ctx, terminal, submission);
  if (!prepared.ok) return prepared;
  const now = ctx.clock.now();
  try {
    const { row, events } = await storeNewCase(ctx.db, localDateOf(now), terminalCase(ctx, terminal, submission, prepared.value, now));
    return { ok: true, value: await caseView(ctx.db, row, events) };
  } catch (error) {
    const winner = await caseByClientId(ctx.db, submission.clientId);
    if (winner) return repeatOf(ctx, terminal, winner);
    throw error;
  }
}

/** 办件查询 (POST /cases/progress) lives in case-progress.ts. */

/** What the evaluation page on a phone may know from a receipt's QR: the service, never the applicant. */
export interface CaseByToken {
  caseNumber: string;
  itemCode: string;
  itemName: CaseView['itemName'];
  department: string;
  channel: CaseView['channel'];
  handling: CaseView['handling'];
  status: CaseView['status'];
}

/**
 * What the progress page on a phone shows from the receipt's QR: the case's course and deadlines,
 * the applicant only as the receipt already prints them (masked). Neither materials nor a result
 * document: those may name people in full.
 */
export interface CaseProgressByToken extends CaseByToken {
  decision: CaseView['decision'];
  applicantMasked: string;
  promisedLimitDays: number;
  dueDate: CaseView['dueDate'];
  deferred: CaseView['deferred'];
  timeline: CaseView['timeline'];
}

export async function caseForEvaluation(ctx: HallContext, token: string): Promise<Result<CaseByToken>> {
  const row = await caseByEvaluationToken(ctx.db, token);
  if (!row) return fail(404, 'case-not-found', 'No case for this link');
  const { itemName } = JSON.parse(row.document) as CaseDocument;
  return { ok: true, value: { caseNumber: row.case_number, itemCode: row.item_code, itemName, department: row.department, channel: row.channel, handling: row.handling, status: row.status } };
}

export async function caseProgressByToken(ctx: HallContext, token: string): Promise<Result<CaseProgressByToken>> {
  const row = await caseByEvaluationToken(ctx.db, token);
  if (!row) return fail(404, 'case-not-found', 'No case for this link');
  const view = await caseView(ctx.db, row);
  return {
    ok: true,
    value: {
      caseNumber: view.caseNumber,
      itemCode: view.itemCode,
      itemName: view.itemName,
      department: row.department,
      channel: view.channel,
      handling: view.handling,
      status: view.status,
      decision: view.decision,
      applicantMasked: view.applicantMasked,
      promisedLimitDays: view.promisedLimitDays,
      dueDate: view.dueDate,
      deferred: view.deferred,
      timeline: view.timeline,
    },
  };
}
