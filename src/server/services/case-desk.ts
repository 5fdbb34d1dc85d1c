/**
 * The case desk of the window staff (办件): walk-in cases registered at a window, and the work on
 * every case of the window's business: accept (受理), request a supplement (补正, the clock
 * stops), supplement received (the clock runs again, the due date moves by the working days it
 * stood still), decide (approve or refuse) and finish (办结).
 *
 * Who works which cases: a window agent the cases of the service items whose queue category
 * their current window serves — window cases registered at any window of that business, and
 * terminal cases of those items, which a clerk decides in the back office; an administrator
 * every case. Registering a case needs a window, whose number the case keeps, as it keeps the
 * staff member who registered it.
 */
import { caseDueDate } from '../../core/case-deadline.ts';
import { localDateOf } from '../../core/calendar/local-date.ts';
import type { ServiceItem } from '../../core/catalog.ts';
import { HANDLING_OF, type Applicant, type CaseDecision, type CaseDocument, type CaseEvent, type CaseStatus, type CaseView } from '../../core/cases.ts';
import type { HallContext } from '../context.ts';
import type { CaseRow } from '../db/schema.ts';
import { randomToken } from '../security.ts';
import { applyTransition, caseByClientId, caseById, casesNormalized, documentOf, newCaseId, storeNewCase, type NewEvent, type Transition } from './case-store.ts';
import { checkApplicant, loadItem, maskedApplicant } from './cases.ts';
import { fail, type Result } from './result.ts';
import type { StaffMember } from './staff.ts';

/** A case as the desk shows it: the citizen's view, plus where and when, and whether it is late. */
export interface DeskCase extends Omit<CaseView, 'evaluationToken'> {
  id: string;
  department: string;
  windowNumber: number | null;
  submittedAt: string;
  acceptedAt: string | null;
  decidedAt: string | null;
  finishedAt: string | null;
  /** Accepted, not yet decided, and past its due date (a case waiting for a supplement is not: its clock stands still). */
  overdue: boolean;
  /** While a supplement is awaited: since when. */
  suspendedSince: string | null;
}

export type DeskFilter = 'open' | 'finished' | 'all' | CaseStatus;

/** The desk lists the latest cases of its business; older ones are looked up by number. */
const DESK_LIST_LIMIT = 200;
const MAX_NOTE_CHARS = 200;

type Scope = { all: true } | { all: false; itemCodes: string[] };

async function scopeOf(ctx: HallContext, staff: StaffMember): Promise<Result<Scope>> {
  if (staff.role === 'admin') return { ok: true, value: { all: true } };
  if (staff.windowNumber === null) return fail(409, 'no-window', 'Choose a window first');
  return { ok: true, value: { all: false, itemCodes: (await itemsOfWindow(ctx, staff.windowNumber)).map((item) => item.code) } };
}

/** The service items of the queue categories a window serves, in catalog order. */
export async function itemsOfWindow(ctx: HallContext, windowNumber: number): Promise<ServiceItem[]> {
  const window = await ctx.db.selectFrom('windows').select('category_codes').where('number', '=', windowNumber).executeTakeFirst();
  const categories = window ? (JSON.parse(window.category_codes) as string[]) : [];
  if (categories.length === 0) return [];
  const rows = await ctx.db.selectFrom('service_items').select('document').where('category_code', 'in', categories).orderBy('sort_order').execute();
  return rows.map((row) => JSON.parse(row.document) as ServiceItem);
}

const inScope = (scope: Scope, itemCode: string) => scope.all || scope.itemCodes.includes(itemCode);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function deskCases(ctx: HallContext, rows: CaseRow[]): Promise<DeskCase[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [events, open] = await Promise.all([
    ctx.db.selectFrom('case_events').select(['case_id', 'at', 'status', 'note']).where('case_id', 'in', ids).orderBy('at').orderBy('id').execute(),
    ctx.db.selectFrom('case_suspensions').select(['case_id', 'started_at']).where('case_id', 'in', ids).where('ended_at', 'is', null).execute(),
  ]);
  const timelines = new Map<string, CaseEvent[]>();
  for (const event of events) {
    const entry: CaseEvent = { at: new Date(Number(event.at)).toISOString(), status: event.status, ...(event.note ? { note: event.note } : {}) };
    timelines.set(event.case_id, [...(timelines.get(event.case_id) ?? []), entry]);
  }
  const suspended = new Map(open.map((pause) => [pause.case_id, Number(pause.started_at)]));
  const today = localDateOf(ctx.clock.now());
  return rows.map((row) => {
    const document = documentOf(row);
    return {
      id: row.id,
      caseNumber: row.case_number,
      itemCode: row.item_code,
      itemName: document.itemName,
      department: row.department,
      channel: row.channel,
      handling: row.handling,
      status: row.status,
      decision: row.decision,
      applicantMasked: row.applicant_masked,
      materials: document.materials,
      deferred: document.deferred,
      promisedLimitDays: row.promised_limit_days,
      dueDate: row.due_date,
      timeline: timelines.get(row.id) ?? [],
      result: document.result,
      windowNumber: row.window_number,
      submittedAt: iso(row.submitted_at)!,
      acceptedAt: iso(row.accepted_at),
      decidedAt: iso(row.decided_at),
      finishedAt: iso(row.finished_at),
      // Until it is finished (办结) a case can run late, decided or not, as the supervision counts it.
      overdue: (row.status === 'accepted' || row.status === 'decided') && row.due_date !== null && row.due_date < today,
      suspendedSince: iso(suspended.get(row.id) ?? null),
    };
  });
}

async function deskCase(ctx: HallContext, row: CaseRow): Promise<DeskCase> {
  return (await deskCases(ctx, [row]))[0]!;
}

/** Open cases first by due date (the most urgent on top), then the rest newest first. */
function deskOrder(a: DeskCase, b: DeskCase): number {
  const rank = (c: DeskCase) => (c.status === 'finished' ? 2 : c.dueDate === null ? 1 : 0);
  return rank(a) - rank(b) || (rank(a) === 0 ? a.dueDate!.localeCompare(b.dueDate!) : 0) || b.submittedAt.localeCompare(a.submittedAt) || a.caseNumber.localeCompare(b.caseNumber);
}

export async function listDeskCases(ctx: HallContext, staff: StaffMember, filter: DeskFilter): Promise<Result<DeskCase[]>> {
  const scope = await scopeOf(ctx, staff);
  if (!scope.ok) return scope;
  if (!scope.value.all && scope.value.itemCodes.length === 0) return { ok: true, value: [] };
  let query = ctx.db.selectFrom('cases').selectAll();
  if (!scope.value.all) query = query.where('item_code', 'in', scope.value.itemCodes);
  if (filter === 'open') query = query.where('status', '!=', 'finished');
  else if (filter !== 'all') query = query.where('status', '=', filter);
  const rows = casesNormalized(await query.orderBy('created_at', 'desc').limit(DESK_LIST_LIMIT).execute());
  return { ok: true, value: (await deskCases(ctx, rows)).sort(deskOrder) };
}

export interface WindowRegistration {
  clientId: string;
  itemCode: string;
  applicant: Pick<Applicant, 'kind' | 'id' | 'name'>;
  /** Accept (受理) at once, as a window usually does once the materials are checked; else it waits as submitted. */
  accept?: boolean;
}

/** A walk-in applicant's case, typed in by the window agent: channel window, handled manually. */
export async function registerWindowCase(ctx: HallContext, staff: StaffMember, registration: WindowRegistration): Promise<Result<DeskCase>> {
  if (staff.windowNumber === null) return fail(409, 'no-window', 'Choose a window first');
  const windowNumber = staff.windowNumber;
  const existing = await caseByClientId(ctx.db, registration.clientId);
  if (existing) return existing.staff_id === staff.id ? { ok: true, value: await deskCase(ctx, existing) } : fail(409, 'client-id-in-use', 'This clientId belongs to another case');
  const item = await loadItem(ctx, registration.itemCode);
  if (!item) return fail(404, 'unknown-item', `No service item "${registration.itemCode}"`);
  const scope = await scopeOf(ctx, staff);
  if (!scope.ok) return scope;
  if (!inScope(scope.value, item.code)) return fail(403, 'item-not-served-here', 'This window does not handle this item');
  const applicant = checkApplicant(ctx, registration.applicant);
  if (!applicant.ok) return applicant;

  const now = ctx.clock.now();
  const accept = registration.accept ?? true;
  const document: CaseDocument = {
    itemName: item.name,
    // At a window the clerk checks the originals and the paper form there and then.
    materials: item.materials.filter((material) => material.required).map((material) => ({ name: material.name, provision: 'paper' as const })),
    formValues: {},
    commitment: null,
    deferred: null,
    result: null,
  };
  const event = (status: CaseStatus): NewEvent => ({ at: now, status, note: null, staffId: staff.id });
  const store = () =>
    storeNewCase(ctx.db, localDateOf(now), () => ({
      row: {
        id: newCaseId(),
        client_id: registration.clientId,
        item_code: item.code,
        department: item.department,
        channel: 'window',
        handling: HANDLING_OF.window,
        status: accept ? 'accepted' : 'submitted',
        decision: null,
        applicant_hash: applicant.value.hash,
        applicant_kind: applicant.value.kind,
        applicant_masked: maskedApplicant(applicant.value),
        document: JSON.stringify(document),
        promised_limit_days: item.promisedLimitDays,
        submitted_at: now,
        accepted_at: accept ? now : null,
        due_date: accept ? caseDueDate(ctx.calendar, { acceptedOn: localDateOf(now), limitDays: item.promisedLimitDays }) : null,
        decided_at: null,
        finished_at: null,
        window_number: windowNumber,
        staff_id: staff.id,
        terminal_id: null,
        evaluation_token: randomToken(18),
        created_at: now,
      },
      events: accept ? [event('submitted'), event('accepted')] : [event('submitted')],
      uses: [],
    }));
  try {
    return { ok: true, value: await deskCase(ctx, (await store()).row) };
  } catch (error) {
    const winner = await caseByClientId(ctx.db, registration.clientId);
    if (winner) return registerWindowCase(ctx, staff, registration);
    throw error;
  }
}

export type DeskAction = { kind: 'accept' } | { kind: 'request-supplement'; note: string } | { kind: 'supplement-received'; note?: string } | { kind: 'decide'; decision: CaseDecision; note?: string } | { kind: 'finish'; note?: string };

function cleanNote(note: string | undefined): string | null {
  const trimmed = note?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** The transition an action makes on `row`, or why it cannot. */
function transitionFor(ctx: HallContext, row: CaseRow, action: DeskAction, staff: StaffMember, now: number): Result<Transition> {
  const note = 'note' in action ? cleanNote(action.note) : null;
  if (note !== null && [...note].length > MAX_NOTE_CHARS) return fail(400, 'note-too-long', `A note has at most ${MAX_NOTE_CHARS} characters`);
  const event = (status: CaseStatus): NewEvent => ({ at: now, status, note, staffId: staff.id });
  switch (action.kind) {
    case 'accept':
      return { ok: true, value: { from: ['submitted'], to: 'accepted', changes: { accepted_at: now, due_date: caseDueDate(ctx.calendar, { acceptedOn: localDateOf(now), limitDays: row.promised_limit_days }) }, event: event('accepted') } };
    case 'request-supplement':
      if (note === null) return fail(400, 'note-required', 'Say what the applicant has to supplement');
      return { ok: true, value: { from: ['accepted'], to: 'supplement-requested', changes: {}, event: event('supplement-requested'), suspension: 'open' } };
    case 'supplement-received':
      return { ok: true, value: { from: ['supplement-requested'], to: 'accepted', changes: {}, event: event('accepted'), suspension: 'close' } };
    case 'decide':
      if (action.decision === 'refused' && note === null) return fail(400, 'note-required', 'A refusal needs its reason');
      return { ok: true, value: { from: ['accepted'], to: 'decided', changes: { decision: action.decision, decided_at: now }, event: event('decided') } };
    case 'finish':
      return { ok: true, value: { from: ['decided'], to: 'finished', changes: { finished_at: now }, event: event('finished') } };
  }
}

/** One step of a case at the desk; 409 when the case is not in a status the step applies to (or another desk moved it first). */
export async function actOnCase(ctx: HallContext, staff: StaffMember, caseId: string, action: DeskAction): Promise<Result<DeskCase>> {
  const row = await caseById(ctx.db, caseId);
  if (!row) return fail(404, 'case-not-found', 'No such case');
  const scope = await scopeOf(ctx, staff);
  if (!scope.ok) return scope;
  if (!inScope(scope.value, row.item_code)) return fail(403, 'case-not-at-this-window', 'This case belongs to another window’s business');
  const transition = transitionFor(ctx, row, action, staff, ctx.clock.now());
  if (!transition.ok) return transition;
  if (!transition.value.from.includes(row.status)) return fail(409, 'case-wrong-status', `The case is ${row.status}: it cannot be moved this way`, { status: row.status });
  if (!(await applyTransition(ctx, row, transition.value))) {
    const now = await caseById(ctx.db, caseId);
    return fail(409, 'case-status-changed', 'Another desk changed the case first', { status: now?.status ?? row.status });
  }
  return { ok: true, value: await deskCase(ctx, (await caseById(ctx.db, caseId))!) };
}
