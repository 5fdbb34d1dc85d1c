import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { instantOf, localDateOf } from '../../core/calendar/local-date.ts';
import type { CaseDocument, CaseStatus, ProvidedMaterial } from '../../core/cases.ts';
import { maskIdNumber, maskName } from '../../core/id-number.ts';
import { cardsFor, previousQuarter, quarterOf, quarterRange, superviseCase } from '../../core/supervision.ts';
import type { HallContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { holderHash, randomToken } from '../security.ts';
import { DEMO_CATALOG } from './catalog-data.ts';
import { planCases, recentShowcase, seededRandom, type PlannedCase } from './quarter-cases.ts';
import { DEMO_STAFF } from './seed.ts';

/**
 * A fictional supervision history for the demo hall: the whole previous quarter and the current
 * one up to the demo date, so the supervision report is meaningful out of the box. Applicants are
 * fictional (area code 990101) and stored like real ones: hashed and masked. Case numbers take
 * their sequence from case_counters, which are advanced, so real cases continue after them.
 * Seeded only into a hall that has no cases yet.
 */

const SEED = 20260701;
const MINUTE = 60_000;
const CHUNK = 300;

type Rows = {
  cases: Database['cases'][];
  events: Database['case_events'][];
  suspensions: Database['case_suspensions'][];
  cards: Database['supervision_cards'][];
  appeals: Database['card_appeals'][];
};

function documentOf(planned: PlannedCase): CaseDocument {
  const materials: ProvidedMaterial[] = planned.item.materials
    .filter((material) => material.required)
    .map((material) => ({ name: material.name, provision: planned.channel !== 'window' && material.certificateType ? 'e-certificate' : 'paper' }));
  const result = planned.channel === 'smart-approval' ? { title: planned.item.name, lines: ['经系统自动核验，申请人符合条件，准予办理。'] } : null;
  return { itemName: planned.item.name, materials, formValues: {}, commitment: null, deferred: null, result };
}

type Event = { at: number; status: CaseStatus; note?: string };

function eventsOf(planned: PlannedCase): Event[] {
  const events: Event[] = [{ at: planned.submittedAt, status: 'submitted' }];
  if (planned.status !== 'submitted') events.push({ at: planned.acceptedAt, status: 'accepted' });
  for (const pause of planned.suspensions) {
    events.push({ at: pause.startedAt, status: 'supplement-requested', note: '请补充提交材料' });
    if (pause.endedAt !== null) events.push({ at: pause.endedAt, status: 'accepted', note: '补正材料已收到' });
  }
  if (planned.finishedAt !== null) {
    events.push({ at: planned.finishedAt - MINUTE, status: 'decided', ...(planned.decision === 'refused' ? { note: '不符合办理条件' } : {}) });
    events.push({ at: planned.finishedAt, status: 'finished' });
  }
  return events;
}

/** Cards the rule gives each window case at the demo date, issued when the sweep would have issued them. */
const judge = (ctx: HallContext, planned: PlannedCase, now: number) =>
  superviseCase(
    {
      channel: planned.channel,
      handling: planned.channel === 'window' ? 'manual' : 'non-manual',
      acceptedAt: planned.acceptedAt,
      promisedLimitDays: planned.item.promisedLimitDays,
      suspensions: planned.suspensions,
      finishedAt: planned.finishedAt,
    },
    ctx.calendar,
    now,
  );

function cardsOf(ctx: HallContext, planned: PlannedCase, caseId: string, now: number): Database['supervision_cards'][] {
  return cardsFor(judge(ctx, planned, now).verdict).map((color, index) => ({
    id: randomUUID(),
    case_id: caseId,
    color,
    issued_at: Math.min(now, instantOf(planned.overdueDays[index] ?? localDateOf(now), '00:01')),
    department: planned.item.department,
    window_number: planned.windowNumber,
    staff_id: planned.staffId,
    revoked_at: null,
  }));
}

function toRows(ctx: HallContext, plans: PlannedCase[], now: number, firstSeq: Map<string, number>): Rows {
  const rows: Rows = { cases: [], events: [], suspensions: [], cards: [], appeals: [] };
  const nextSeq = new Map(firstSeq);
  for (const planned of plans) {
    const day = localDateOf(planned.submittedAt);
    const seq = (nextSeq.get(day) ?? 0) + 1;
    nextSeq.set(day, seq);
    const id = randomUUID();
    const manual = planned.channel === 'window';
    rows.cases.push({
      id,
      case_number: `ZW${day.replaceAll('-', '')}${String(seq).padStart(6, '0')}`,
      client_id: randomUUID(),
      item_code: planned.item.code,
      department: planned.item.department,
      channel: planned.channel,
      handling: manual ? 'manual' : 'non-manual',
      status: planned.status,
      decision: planned.decision,
      applicant_hash: holderHash(ctx.pepper, planned.applicant.idNumber),
      applicant_kind: 'person',
      applicant_masked: `${maskName(planned.applicant.name)} ${maskIdNumber(planned.applicant.idNumber)}`,
      document: JSON.stringify(documentOf(planned)),
      promised_limit_days: planned.item.promisedLimitDays,
      submitted_at: planned.submittedAt,
      accepted_at: planned.status === 'submitted' ? null : planned.acceptedAt,
      due_date: planned.status === 'submitted' ? null : judge(ctx, planned, now).dueDate,
      decided_at: planned.finishedAt === null ? null : planned.finishedAt - MINUTE,
      finished_at: planned.finishedAt,
      window_number: planned.windowNumber,
      staff_id: planned.staffId,
      terminal_id: null,
      evaluation_token: randomToken(),
      created_at: planned.submittedAt,
    });
    for (const event of eventsOf(planned)) {
      rows.events.push({ id: randomUUID(), case_id: id, at: event.at, status: event.status, note: event.note ?? null, staff_id: manual ? planned.staffId : null });
    }
    for (const pause of planned.suspensions) rows.suspensions.push({ id: randomUUID(), case_id: id, started_at: pause.startedAt, ended_at: pause.endedAt });
    if (manual) rows.cards.push(...cardsOf(ctx, planned, id, now));
  }
  return rows;
}

/** A couple of appeals: one approved (its card revoked), one rejected, one waiting, each within 15 days of its card. */
function addAppeals(rows: Rows, adminId: string | null, now: number, boundary: number): void {
  const older = rows.cards.filter((card) => card.issued_at < boundary);
  const recent = rows.cards.filter((card) => card.issued_at >= boundary && card.issued_at < now - 2 * 24 * 60 * MINUTE);
  const plans: { card: Database['supervision_cards'] | undefined; status: 'approved' | 'rejected' | 'pending'; reason: string }[] = [
    { card: older.find((card) => card.color === 'yellow'), status: 'approved', reason: '办理期间全市不动产登记系统升级停机两个工作日，有停机通知为证，超时非窗口原因。' },
    { card: older.find((card) => card.color === 'red'), status: 'rejected', reason: '申请人材料反复修改，请求免于扣分。' },
    { card: recent.find((card) => card.color === 'red'), status: 'pending', reason: '该件需跨部门核查户籍信息，协查函回复延迟，请求撤销。' },
  ];
  for (const { card, status, reason } of plans) {
    if (!card) continue;
    const filedAt = Math.min(now - 60 * MINUTE, card.issued_at + 2 * 24 * 60 * MINUTE + 3 * 60 * MINUTE);
    const decidedAt = status === 'pending' ? null : Math.min(now - 30 * MINUTE, filedAt + 3 * 24 * 60 * MINUTE);
    rows.appeals.push({ id: randomUUID(), card_id: card.id, department: card.department, reason, filed_at: filedAt, status, decided_at: decidedAt, decided_by: decidedAt === null ? null : adminId });
    if (status === 'approved') card.revoked_at = decidedAt;
  }
}

async function insertAll<T extends keyof Database & string>(tx: Transaction<Database>, table: T, values: Database[T][]): Promise<void> {
  for (let i = 0; i < values.length; i += CHUNK) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await tx.insertInto(table).values(values.slice(i, i + CHUNK) as any).execute();
  }
}

export async function seedDemoQuarter(ctx: HallContext): Promise<{ cases: number; cards: number }> {
  if ((await ctx.db.selectFrom('cases').select('id').limit(1).execute()).length > 0) return { cases: 0, cards: 0 };
  const now = ctx.clock.now();
  const current = quarterOf(now);
  const before = previousQuarter(current);
  const previous = quarterRange(before.year, before.quarter);
  const staff = await ctx.db.selectFrom('staff').select(['id', 'username']).where('username', 'in', DEMO_STAFF.map((member) => member.username)).execute();
  const staffIds = DEMO_STAFF.filter((member) => member.role === 'staff').flatMap((member) => staff.filter((row) => row.username === member.username).map((row) => row.id));
  if (staffIds.length === 0) return { cases: 0, cards: 0 };
  const windows = new Map(DEMO_CATALOG.categories.map((category) => [category.code, category.windows]));
  const input = {
    calendar: ctx.calendar,
    now,
    firstDay: previous.firstDay,
    items: DEMO_CATALOG.items,
    windowsOf: (code: string) => windows.get(code) ?? [1],
    staffIds,
    random: seededRandom(SEED),
  };
  const plans = [...planCases(input), ...recentShowcase(input)].sort((a, b) => a.submittedAt - b.submittedAt);
  const counters = await ctx.db.selectFrom('case_counters').selectAll().execute();
  const rows = toRows(ctx, plans, now, new Map(counters.map((row) => [row.service_date, row.last_seq])));
  addAppeals(rows, staff.find((row) => row.username === DEMO_STAFF[0]!.username)?.id ?? null, now, quarterRange(current.year, current.quarter).from);
  const lastSeq = new Map<string, number>();
  for (const row of rows.cases) lastSeq.set(localDateOf(row.submitted_at), Number(row.case_number.slice(10)));
  await ctx.db.transaction().execute(async (tx) => {
    await insertAll(tx, 'cases', rows.cases);
    await insertAll(tx, 'case_events', rows.events);
    await insertAll(tx, 'case_suspensions', rows.suspensions);
    await insertAll(tx, 'supervision_cards', rows.cards);
    await insertAll(tx, 'card_appeals', rows.appeals);
    const counterRows = [...lastSeq].map(([serviceDate, seq]) => ({ service_date: serviceDate, last_seq: seq }));
    for (let i = 0; i < counterRows.length; i += CHUNK) {
      await tx
        .insertInto('case_counters')
        .values(counterRows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.column('service_date').doUpdateSet((eb) => ({ last_seq: eb.ref('excluded.last_seq') })))
        .execute();
    }
  });
  return { cases: rows.cases.length, cards: rows.cards.length };
}
