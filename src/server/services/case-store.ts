/**
 * Cases in the database: case numbers made by the database, a new case stored with its timeline
 * (and the certificate uses it records) in one transaction, status changes guarded so that two
 * desks never both move the same case, and the case as the terminal, progress query and staff see it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { caseDueDate, type SuspendedDays } from '../../core/case-deadline.ts';
import { localDateOf, type LocalDate } from '../../core/calendar/local-date.ts';
import type { CaseDocument, CaseEvent, CaseStatus, CaseView } from '../../core/cases.ts';
import type { HallContext } from '../context.ts';
import type { CaseRow, CaseTable, Database } from '../db/schema.ts';
import { appendUsage, type NewUsage } from './usage-log.ts';

/** Six digits of sequence per day: a hall takes a few thousand cases a day at most. */
const MAX_DAILY_CASES = 999_999;

/** ZW + service date + six-digit sequence of the day, e.g. ZW20261124000123. */
export function formatCaseNumber(serviceDate: LocalDate, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_DAILY_CASES) throw new RangeError(`case sequence ${seq} of ${serviceDate} is out of range`);
  return `ZW${serviceDate.replaceAll('-', '')}${String(seq).padStart(6, '0')}`;
}

export const CASE_NUMBER_PATTERN = '^ZW\\d{14}$';

/**
 * The next number of the day. One statement inserts or increments the day's counter row and
 * returns it: the row stays locked (PostgreSQL) or the database is (SQLite) until the transaction
 * ends, so two processes never get the same number, and a transaction that rolls back (a repeated
 * clientId) gives its number back: the numbers of a day have no gaps.
 */
async function nextCaseSeq(tx: Kysely<Database>, serviceDate: LocalDate): Promise<number> {
  const row = await tx
    .insertInto('case_counters')
    .values({ service_date: serviceDate, last_seq: 1 })
    .onConflict((oc) => oc.column('service_date').doUpdateSet((eb) => ({ last_seq: eb('case_counters.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

export interface NewEvent {
  at: number;
  status: CaseStatus;
  note: string | null;
  staffId: string | null;
}

/** A timeline sorts by time, then by id: the case id and the event's place in its timeline, for steps in the same millisecond. */
const eventId = (caseId: string, index: number) => `${caseId}:${String(index).padStart(4, '0')}`;

async function insertEvents(tx: Kysely<Database>, caseId: string, firstIndex: number, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('case_events')
    .values(events.map((event, i) => ({ id: eventId(caseId, firstIndex + i), case_id: caseId, at: event.at, status: event.status, note: event.note, staff_id: event.staffId })))
    .execute();
}

/** What a new case stores, once its number is known (a result document may print it). */
export interface NewCase {
  row: Omit<CaseRow, 'case_number'>;
  events: NewEvent[];
  uses: NewUsage[];
}

/** A case as just stored: its row and the timeline it was stored with. */
export interface StoredCase {
  row: CaseRow;
  events: readonly NewEvent[];
}

/** Numbers and stores a new case, its timeline and its certificate uses, all or nothing. */
export async function storeNewCase(db: Kysely<Database>, serviceDate: LocalDate, build: (caseNumber: string) => NewCase): Promise<StoredCase> {
  return db.transaction().execute(async (tx) => {
    const caseNumber = formatCaseNumber(serviceDate, await nextCaseSeq(tx, serviceDate));
    const { row, events, uses } = build(caseNumber);
    const stored: CaseRow = { ...row, case_number: caseNumber };
    await tx.insertInto('cases').values(stored).execute();
    await insertEvents(tx, row.id, 0, events);
    await appendUsage(tx, uses);
    return { row: stored, events };
  });
}

export const newCaseId = (): string => randomUUID();

/** Numbers come back from PostgreSQL's bigint as numbers (connect.ts), from SQLite as numbers: no conversion needed but for safety. */
function normalized(row: CaseRow): CaseRow {
  const instant = (value: number | null) => (value === null ? null : Number(value));
  return {
    ...row,
    promised_limit_days: Number(row.promised_limit_days),
    submitted_at: Number(row.submitted_at),
    accepted_at: instant(row.accepted_at),
    decided_at: instant(row.decided_at),
    finished_at: instant(row.finished_at),
    created_at: Number(row.created_at),
    window_number: row.window_number === null ? null : Number(row.window_number),
  };
}

export async function caseById(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row && normalized(row);
}

export async function caseByClientId(db: Kysely<Database>, clientId: string): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return row && normalized(row);
}

export async function caseByNumber(db: Kysely<Database>, caseNumber: string): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('case_number', '=', caseNumber).executeTakeFirst();
  return row && normalized(row);
}

export async function caseByEvaluationToken(db: Kysely<Database>, token: string): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('evaluation_token', '=', token).executeTakeFirst();
  return row && normalized(row);
}

export const casesNormalized = (rows: CaseRow[]): CaseRow[] => rows.map(normalized);

export const documentOf = (row: Pick<CaseRow, 'document'>): CaseDocument => JSON.parse(row.document) as CaseDocument;

const iso = (ms: number) => new Date(ms).toISOString();

const eventView = (event: { at: number; status: CaseStatus; note: string | null }): CaseEvent => ({ at: iso(event.at), status: event.status, ...(event.note ? { note: event.note } : {}) });

async function timelineOf(db: Kysely<Database>, caseId: string): Promise<CaseEvent[]> {
  const events = await db.selectFrom('case_events').select(['at', 'status', 'note']).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
  return events.map((event) => eventView({ ...event, at: Number(event.at) }));
}

/**
 * The case as terminals, receipts and progress queries show it: applicant masked, nothing else of
 * theirs. A case just stored passes the events it was stored with: reading them back would cost
 * a query per case (a round trip on PostgreSQL) for what is already at hand. Sorted as
 * timelineOf sorts: by time, then by their place in the timeline (the sort is stable).
 */
export async function caseView(db: Kysely<Database>, row: CaseRow, written?: readonly NewEvent[]): Promise<CaseView> {
  const document = documentOf(row);
  return {
    caseNumber: row.case_number,
    itemCode: row.item_code,
    itemName: document.itemName,
    channel: row.channel,
    handling: row.handling,
    status: row.status,
    decision: row.decision,
    applicantMasked: row.applicant_masked,
    materials: document.materials,
    deferred: document.deferred,
    promisedLimitDays: row.promised_limit_days,
    dueDate: row.due_date,
    timeline: written ? [...written].sort((a, b) => a.at - b.at).map(eventView) : await timelineOf(db, row.id),
    evaluationToken: row.evaluation_token,
    result: document.result,
  };
}

/** The supplement pauses of a case as China days; an open one has `to: null`. */
export async function suspensionsOf(db: Kysely<Database>, caseId: string): Promise<{ days: SuspendedDays[]; openSince: number | null }> {
  const rows = await db.selectFrom('case_suspensions').select(['started_at', 'ended_at']).where('case_id', '=', caseId).orderBy('started_at').execute();
  const open = rows.find((row) => row.ended_at === null);
  return {
    days: rows.map((row) => ({ from: localDateOf(Number(row.started_at)), to: row.ended_at === null ? null : localDateOf(Number(row.ended_at)) })),
    openSince: open ? Number(open.started_at) : null,
  };
}

/** A status change: allowed only from `from`; what else changes; the timeline entry; a supplement pause opened or closed. */
export interface Transition {
  from: readonly CaseStatus[];
  to: CaseStatus;
  changes: Partial<Pick<CaseTable, 'decision' | 'accepted_at' | 'due_date' | 'decided_at' | 'finished_at'>>;
  event: NewEvent;
  suspension?: 'open' | 'close';
}

/**
 * Applies a transition if the case is still in one of its `from` statuses; false when another
 * desk moved it first. The guarded update locks the row (PostgreSQL) until the transaction ends,
 * so the timeline and pauses written after it belong to this change alone. A closed pause
 * recomputes the due date with every pause of the case.
 */
export async function applyTransition(ctx: HallContext, row: CaseRow, transition: Transition): Promise<boolean> {
  return ctx.db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('cases')
      .set({ status: transition.to, ...transition.changes })
      .where('id', '=', row.id)
      .where('status', 'in', [...transition.from])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    const at = transition.event.at;
    if (transition.suspension === 'open') await tx.insertInto('case_suspensions').values({ id: randomUUID(), case_id: row.id, started_at: at, ended_at: null }).execute();
    if (transition.suspension === 'close') {
      await tx.updateTable('case_suspensions').set({ ended_at: at }).where('case_id', '=', row.id).where('ended_at', 'is', null).execute();
      if (row.accepted_at !== null) {
        const { days } = await suspensionsOf(tx, row.id);
        const dueDate = caseDueDate(ctx.calendar, { acceptedOn: localDateOf(row.accepted_at), limitDays: row.promised_limit_days, suspensions: days });
        await tx.updateTable('cases').set({ due_date: dueDate }).where('id', '=', row.id).execute();
      }
    }
    const counted = await tx.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', row.id).executeTakeFirstOrThrow();
    await insertEvents(tx, row.id, Number(counted.n), [transition.event]);
    return true;
  });
}
