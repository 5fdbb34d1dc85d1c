/**
 * 办件查询 (POST /cases/progress): a case by its number, or by the reference a queued receipt
 * printed, for whoever proves the right to see it.
 *
 * - What the proof shows: a verified identity (an identity code verified here, or the card on the
 *   terminal's reader with its device key's assertion) sees the whole
 *   case; a typed ID number or the receipt's query code — anybody could type either, and a
 *   receipt prints most of the ID number — sees status and dates only (core/case-progress.ts).
 * - Guessing: case numbers are sequential, so a wrong guessable proof counts against the case
 *   number in the database (lookup-failures.ts): 5 misses in an hour and the case answers 429
 *   to guessable proofs, however right the next one would be. A verified proof cannot be guessed
 *   and is never held up by someone else's guesses.
 * - An unknown case and someone else's answer the same 404: the query tells nobody which exist.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normalizeQueryCode, STATUS_VIEW_FIELDS, type CaseProgressAnswer, type CaseStatusView, type ProgressIdentity } from '../../core/case-progress.ts';
import type { CaseView } from '../../core/cases.ts';
import type { HallContext } from '../context.ts';
import type { CaseRow, Database, TerminalRow } from '../db/schema.ts';
import { holderHash } from '../security.ts';
import { caseByNumber, casesNormalized, caseView, documentOf } from './case-store.ts';
import { verifyCardAssertion } from './device-keys.ts';
import { verifyIdentityCodeOnServer } from './identity-codes.ts';
import { beginAttempt, CASE_GUESSES, tooMany, type Attempt } from './lookup-failures.ts';
import { fail, type Result } from './result.ts';
import { admitIdentity } from './terminal-limits.ts';

export interface ProgressQuery {
  /** The case number, or the short reference a queued receipt printed (first 8 hex digits of the clientId). */
  caseNumber?: string;
  reference?: string;
  identity: ProgressIdentity;
}

/** What a proof lets its holder see, whether it could be guessed, and which cases it opens. */
interface Proof {
  detail: CaseProgressAnswer['detail'];
  guessable: boolean;
  opens(row: CaseRow): boolean;
}

const heldBy = (holder: string) => (row: CaseRow) => row.applicant_hash === holder;

function sameCode(stored: string | undefined, asked: string): boolean {
  return stored !== undefined && stored.length === asked.length && timingSafeEqual(Buffer.from(stored), Buffer.from(asked));
}

/** One branch per kind of proof. */
async function proofOf(ctx: HallContext, terminal: TerminalRow, identity: ProgressIdentity): Promise<Result<Proof>> {
  switch (identity.kind) {
    case 'id':
      return { ok: true, value: { detail: 'status-only', guessable: true, opens: heldBy(holderHash(ctx.pepper, identity.id.replace(/\s+/g, '').toUpperCase())) } };
    case 'query-code': {
      const code = normalizeQueryCode(identity.queryCode);
      // A malformed code is a miss like any other: its shape tells nothing about the case.
      return { ok: true, value: { detail: 'status-only', guessable: true, opens: (row) => code !== null && sameCode(documentOf(row).queryCode, code) } };
    }
    case 'code': {
      const claims = await verifyIdentityCodeOnServer(ctx, identity.code, terminal.id);
      if (!claims.ok) return fail(422, 'identity-code-refused', 'The identity code was refused', { reason: claims.reason });
      return verifiedHolder(ctx, terminal, claims.value.subject);
    }
    case 'card': {
      // Each query is a request of its own: the assertion is used for it alone.
      const asserted = await verifyCardAssertion(ctx, terminal, identity.assertion, identity, { kind: 'now' }, `progress:${randomUUID()}`);
      if (!asserted.ok) return fail(422, 'card-assertion-refused', 'The card was not read by this terminal’s reader just now', { reason: asserted.reason });
      return verifiedHolder(ctx, terminal, asserted.value.idNumber);
    }
  }
}

/** A verified holder sees their whole case, as an identity the terminal's limits count (and a suspension stops). */
async function verifiedHolder(ctx: HallContext, terminal: TerminalRow, subject: string): Promise<Result<Proof>> {
  const holder = holderHash(ctx.pepper, subject);
  const admitted = await admitIdentity(ctx, terminal, { holderHash: holder, at: ctx.clock.now(), consent: false });
  return admitted.ok ? { ok: true, value: { detail: 'full', guessable: false, opens: heldBy(holder) } } : admitted;
}

/** A queued receipt's reference names a clientId prefix: the newest of its cases the proof opens. */
async function caseByReference(db: Kysely<Database>, reference: string, proof: Proof): Promise<CaseRow | undefined> {
  const hex = reference.replace(/-/g, '');
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where((eb) => eb.or([eb('client_id', 'like', `${hex.toLowerCase()}-%`), eb('client_id', 'like', `${hex.toUpperCase()}-%`)]))
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return casesNormalized(rows).find((row) => proof.opens(row));
}

function statusOnly(view: CaseView): CaseStatusView {
  const shared = Object.fromEntries(STATUS_VIEW_FIELDS.map((field) => [field, view[field]])) as Pick<CaseView, (typeof STATUS_VIEW_FIELDS)[number]>;
  return {
    detail: 'status-only',
    ...shared,
    deferredDueDate: view.deferred?.dueDate ?? null,
    timeline: view.timeline.map((event) => ({ at: event.at, status: event.status })),
  };
}

/** The counter a guess at this case counts against: its number, or the reference. */
const guessSubject = (query: ProgressQuery) => (query.caseNumber ? query.caseNumber.toUpperCase() : `ref:${(query.reference ?? '').replace(/-/g, '').toUpperCase()}`);

const caseLocked = (retryAfterMs: number) => tooMany('case-lookups-locked', 'Too many wrong lookups of this case; please try again later or ask at a window', retryAfterMs);

/** Starts counting a guessable proof against the case; a verified one is not counted. */
export async function guessAttempt(ctx: HallContext, subject: string, guessable: boolean): Promise<Result<Attempt | null>> {
  if (!guessable) return { ok: true, value: null };
  const started = await beginAttempt(ctx, 'case', subject, CASE_GUESSES);
  return started.ok ? { ok: true, value: started.attempt } : caseLocked(started.retryAfterMs);
}

export async function caseProgress(ctx: HallContext, terminal: TerminalRow, query: ProgressQuery): Promise<Result<CaseProgressAnswer>> {
  const proof = await proofOf(ctx, terminal, query.identity);
  if (!proof.ok) return proof;
  const attempt = await guessAttempt(ctx, guessSubject(query), proof.value.guessable);
  if (!attempt.ok) return attempt;
  const row = query.caseNumber ? await caseByNumber(ctx.db, query.caseNumber.toUpperCase()) : query.reference ? await caseByReference(ctx.db, query.reference, proof.value) : undefined;
  if (!row || !proof.value.opens(row)) {
    await attempt.value?.failed();
    return fail(404, 'case-not-found', 'No case with this number for this applicant');
  }
  await attempt.value?.succeeded();
  const view = await caseView(ctx.db, row);
  return { ok: true, value: proof.value.detail === 'full' ? { detail: 'full', ...view } : statusOnly(view) };
}

/** The query code stored with a case (null for a window case, or one from before query codes). */
export async function caseQueryCode(db: Kysely<Database>, caseNumber: string): Promise<string | null> {
  const row = await db.selectFrom('cases').select('document').where('case_number', '=', caseNumber).executeTakeFirst();
  return (row && documentOf(row).queryCode) ?? null;
}
