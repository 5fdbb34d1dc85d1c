/**
 * Whether a terminal's case proves its applicant (src/core/cases.ts, CaseProof). The applicant in
 * the body is the terminal's word; with a device token copied off a kiosk PC anyone can name
 * anyone. Only a proven applicant's e-certificates are attached and an automatic rule decides only
 * for them: an unproven case is taken as typed, which is all a typed ID number is worth.
 */
import { ASSERTION_SKEW_S, checkFresh, checkMadeForSubmission, FRESH_ASSERTION_S, MAX_QUEUED_PROOF_AGE_S, type AssertionRefusal } from '../../core/device-assertion.ts';
import type { CaseProof, CaseSubmission } from '../../core/cases.ts';
import type { IdentityCodeRefusal } from '../../core/identity-code.ts';
import type { HallContext } from '../context.ts';
import type { TerminalRow } from '../db/schema.ts';
import { sha256 } from '../security.ts';
import { claimProofUse, verifyCardAssertion } from './device-keys.ts';
import { verifyIdentityCodeOnServer } from './identity-codes.ts';
import { fail, type Result } from './result.ts';
import { admitIdentity, recordRefusedIdentity } from './terminal-limits.ts';

export type ProofKind = CaseProof['kind'];

/** The checked applicant as cases.ts has it. */
export interface ApplicantToProve {
  kind: 'person' | 'enterprise';
  id: string;
  name: string;
  hash: string;
}

export type ProofRefusal = AssertionRefusal | IdentityCodeRefusal | 'consent-unknown' | 'consent-other-applicant' | 'consent-other-item' | 'consent-ended' | 'wrong-holder-kind';

const refused = (reason: ProofRefusal) => fail(422, 'case-proof-refused', 'The proof of the applicant’s identity was refused', { reason });

/**
 * A proof older than two minutes comes from a terminal's outbox. Only a key-bound terminal's
 * outbox is believed: a plain browser's device token may have been copied off its disk together
 * with the proofs waiting there. (A card assertion needs the key anyway.)
 */
function fromOutboxTrusted(terminal: TerminalRow, madeAtMs: number, nowMs: number): boolean {
  return checkFresh(Math.floor(madeAtMs / 1000), Math.floor(nowMs / 1000)).ok || terminal.device_key !== null;
}

/** A submission made more than two minutes before it arrived waited in the terminal's outbox. */
const fromOutbox = (submission: CaseSubmission, nowMs: number) => nowMs - Date.parse(submission.submittedAt) > FRESH_ASSERTION_S * 1000;

/** When the proof was made (epoch ms), once it is checked; counted in the terminal's identity limits. */
type Proven = { proven: ProofKind; identifiedAt: number };

async function proveByConsent(ctx: HallContext, terminal: TerminalRow, submission: CaseSubmission, applicant: ApplicantToProve, consentToken: string): Promise<Result<Proven>> {
  const consent = await ctx.db.selectFrom('certificate_consents').selectAll().where('token_hash', '=', sha256(consentToken)).executeTakeFirst();
  if (!consent || consent.terminal_id !== terminal.id) return refused('consent-unknown');
  if (consent.holder_hash !== applicant.hash) return refused('consent-other-applicant');
  const purpose = JSON.parse(consent.purpose) as { kind: string; itemCode?: string };
  if (purpose.kind !== 'item' || purpose.itemCode !== submission.itemCode) return refused('consent-other-item');
  const nowMs = ctx.clock.now();
  const madeAt = Number(consent.created_at);
  const submittedAtMs = Date.parse(submission.submittedAt);
  const timely = checkMadeForSubmission(Math.floor(madeAt / 1000), Math.floor(submittedAtMs / 1000), Math.floor(nowMs / 1000));
  if (!timely.ok) return refused(timely.reason);
  if (!fromOutboxTrusted(terminal, madeAt, nowMs)) return refused('not-key-bound');
  // Ended (the citizen left) or expired before the case was submitted: no visit submitted it.
  const endedAt = Number(consent.ended_at ?? consent.expires_at);
  if (submittedAtMs > endedAt + ASSERTION_SKEW_S * 1000) return refused('consent-ended');
  const what = `consent\n${consent.id}`;
  const unused = await claimProofUse(ctx.db, { what, usedBy: `case:${submission.clientId}`, terminalId: terminal.id, expiresAt: madeAt + MAX_QUEUED_PROOF_AGE_S * 1000 + 60_000 }, nowMs);
  return unused ? { ok: true, value: { proven: 'consent', identifiedAt: madeAt } } : refused('replayed');
}

async function proveByCard(ctx: HallContext, terminal: TerminalRow, submission: CaseSubmission, applicant: ApplicantToProve, assertion: string): Promise<Result<Proven>> {
  if (applicant.kind !== 'person') return refused('wrong-holder-kind');
  const timing = { kind: 'submission' as const, submittedAtMs: Date.parse(submission.submittedAt) };
  const asserted = await verifyCardAssertion(ctx, terminal, assertion, { idNumber: applicant.id, name: applicant.name }, timing, `case:${submission.clientId}`);
  return asserted.ok ? { ok: true, value: { proven: 'card', identifiedAt: asserted.value.issuedAt * 1000 } } : refused(asserted.reason);
}

async function proveByCode(ctx: HallContext, terminal: TerminalRow, submission: CaseSubmission, applicant: ApplicantToProve, code: string): Promise<Result<Proven>> {
  const nowMs = ctx.clock.now();
  // Valid now: a case sent at once. Expired since: a case from the outbox, whose code is judged at
  // the moment the citizen submitted (never later than now; how long ago is bounded below).
  const submittedAtMs = Math.min(Date.parse(submission.submittedAt), nowMs);
  let atMs = nowMs;
  let claims = await verifyIdentityCodeOnServer(ctx, code, terminal.id);
  if (!claims.ok && claims.reason === 'expired') {
    atMs = submittedAtMs;
    claims = await verifyIdentityCodeOnServer(ctx, code, terminal.id, atMs);
  }
  if (!claims.ok) return refused(claims.reason);
  if (claims.value.subject !== applicant.id.toUpperCase() || claims.value.subjectKind !== applicant.kind) return refused('mismatch');
  const timely = checkMadeForSubmission(claims.value.issuedAt, Math.floor(submittedAtMs / 1000), Math.floor(nowMs / 1000));
  if (!timely.ok) return refused(timely.reason);
  if (!fromOutboxTrusted(terminal, claims.value.issuedAt * 1000, nowMs)) return refused('not-key-bound');
  const what = `code\n${sha256(`${claims.value.issuer}\n${claims.value.tokenId}`)}`;
  const expiresAt = (claims.value.expiresAt + MAX_QUEUED_PROOF_AGE_S) * 1000;
  const unused = await claimProofUse(ctx.db, { what, usedBy: `case:${submission.clientId}`, terminalId: terminal.id, expiresAt }, nowMs);
  return unused ? { ok: true, value: { proven: 'code', identifiedAt: claims.value.issuedAt * 1000 } } : refused('replayed');
}

/**
 * The proof's verdict: the kind that proved the applicant, or null: a case without proof, or from
 * a suspended terminal, is taken as typed. A proof that does not hold is a 422 while the citizen
 * is at the terminal, who is told; a case from the outbox is never lost for its proof (a terminal
 * whose clock drifted, re-enrolled meanwhile, or waited out a long closure): it is taken as typed,
 * and the refusal goes into the audit trail.
 */
export async function proveApplicant(ctx: HallContext, terminal: TerminalRow, submission: CaseSubmission, applicant: ApplicantToProve): Promise<Result<ProofKind | null>> {
  const proof = submission.proof;
  if (!proof) return { ok: true, value: null };
  const checked =
    proof.kind === 'consent'
      ? await proveByConsent(ctx, terminal, submission, applicant, proof.consentToken)
      : proof.kind === 'card'
        ? await proveByCard(ctx, terminal, submission, applicant, proof.assertion)
        : await proveByCode(ctx, terminal, submission, applicant, proof.code);
  if (!checked.ok) {
    await recordRefusedIdentity(ctx, terminal, `case-${proof.kind}:${String(checked.error.details?.reason)}`);
    return fromOutbox(submission, ctx.clock.now()) ? { ok: true, value: null } : checked;
  }
  const admitted = await admitIdentity(ctx, terminal, { holderHash: applicant.hash, at: checked.value.identifiedAt, consent: false });
  return { ok: true, value: admitted.ok ? checked.value.proven : null };
}
