import { formatChinaIso } from '../../core/china-time.ts';
import type { CaseChannel, CaseDocument, CaseStatus } from '../../core/cases.ts';
import { appealWindow, quarterRange, superviseCase, type CardColor, type Quarter } from '../../core/supervision.ts';
import type { HallContext } from '../context.ts';
import { appealView, type AppealView } from './supervision-appeals.ts';
import { suspensionsOf, sweepCards } from './supervision.ts';

/** The cards and exempt cases of a quarter, as the back office lists them (newest first, a page at a time). */

export type CardStatusFilter = 'all' | 'live' | 'revoked' | 'appeal-pending';

export interface CardFilter {
  year: number;
  quarter: Quarter;
  department?: string;
  status?: CardStatusFilter;
  color?: CardColor;
  limit?: number;
}

export interface CardView {
  id: string;
  color: CardColor;
  issuedAt: string;
  revokedAt: string | null;
  department: string;
  windowNumber: number | null;
  staffName: string | null;
  caseNumber: string;
  itemName: string;
  acceptedAt: string;
  dueDate: string;
  finishedAt: string | null;
  overdueWorkingDays: number;
  /** The last day an appeal is taken (issue day + 15 natural days, China time). */
  appealLastDay: string;
  appealOpen: boolean;
  /** The latest appeal, if any. */
  appeal: AppealView | null;
  appealsFiled: number;
}

export const DEFAULT_LIST_LIMIT = 200;

/** The item's name as the case recorded it; the code when the document is unreadable. */
function itemNameOf(document: string, itemCode: string): string {
  try {
    return (JSON.parse(document) as Partial<CaseDocument>).itemName?.['zh-CN'] ?? itemCode;
  } catch {
    return itemCode;
  }
}

function cardQuery(ctx: HallContext, filter: CardFilter) {
  const range = quarterRange(filter.year, filter.quarter);
  let query = ctx.db
    .selectFrom('supervision_cards as sc')
    .innerJoin('cases as c', 'c.id', 'sc.case_id')
    .where('c.handling', '=', 'manual')
    .where('c.accepted_at', '>=', range.from)
    .where('c.accepted_at', '<', range.to);
  if (filter.department) query = query.where('sc.department', '=', filter.department);
  if (filter.color) query = query.where('sc.color', '=', filter.color);
  if (filter.status === 'live') query = query.where('sc.revoked_at', 'is', null);
  if (filter.status === 'revoked') query = query.where('sc.revoked_at', 'is not', null);
  if (filter.status === 'appeal-pending') {
    query = query.where((eb) => eb.exists(eb.selectFrom('card_appeals as ca').select('ca.id').whereRef('ca.card_id', '=', 'sc.id').where('ca.status', '=', 'pending')));
  }
  return query;
}

export async function listCards(ctx: HallContext, filter: CardFilter): Promise<{ total: number; cards: CardView[] }> {
  await sweepCards(ctx);
  const totalRow = await cardQuery(ctx, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await cardQuery(ctx, filter)
    .leftJoin('staff as s', 's.id', 'sc.staff_id')
    .select([
      'sc.id', 'sc.color', 'sc.issued_at', 'sc.revoked_at', 'sc.department', 'sc.window_number', 's.display_name as staff_name',
      'c.id as case_id', 'c.case_number', 'c.item_code', 'c.document', 'c.channel', 'c.handling', 'c.accepted_at', 'c.finished_at', 'c.promised_limit_days',
    ])
    .orderBy('sc.issued_at', 'desc')
    .orderBy('c.case_number')
    .orderBy('sc.color')
    .limit(filter.limit ?? DEFAULT_LIST_LIMIT)
    .execute();
  const cardIds = rows.map((row) => row.id);
  const appeals = cardIds.length === 0 ? [] : await ctx.db.selectFrom('card_appeals').selectAll().where('card_id', 'in', cardIds).orderBy('filed_at').execute();
  const pauses = await suspensionsOf(ctx, [...new Set(rows.map((row) => row.case_id))]);
  const now = ctx.clock.now();
  const cards = rows.map((row): CardView => {
    const own = appeals.filter((appeal) => appeal.card_id === row.id);
    const latest = own.at(-1);
    const acceptedAt = Number(row.accepted_at);
    const finishedAt = row.finished_at === null ? null : Number(row.finished_at);
    const judged = superviseCase(
      { channel: row.channel, handling: row.handling, acceptedAt, promisedLimitDays: row.promised_limit_days, suspensions: pauses.get(row.case_id) ?? [], finishedAt },
      ctx.calendar,
      now,
    );
    const window = appealWindow(Number(row.issued_at), now);
    return {
      id: row.id,
      color: row.color,
      issuedAt: formatChinaIso(Number(row.issued_at)),
      revokedAt: row.revoked_at === null ? null : formatChinaIso(Number(row.revoked_at)),
      department: row.department,
      windowNumber: row.window_number,
      staffName: row.staff_name ?? null,
      caseNumber: row.case_number,
      itemName: itemNameOf(row.document, row.item_code),
      acceptedAt: formatChinaIso(acceptedAt),
      dueDate: judged.dueDate,
      finishedAt: finishedAt === null ? null : formatChinaIso(finishedAt),
      overdueWorkingDays: judged.overdueWorkingDays,
      appealLastDay: window.lastDay,
      appealOpen: window.open && row.revoked_at === null,
      appeal: latest ? appealView(latest) : null,
      appealsFiled: own.length,
    };
  });
  return { total: Number(totalRow.n), cards };
}

export interface ExemptCaseView {
  caseNumber: string;
  itemName: string;
  department: string;
  channel: Exclude<CaseChannel, 'window'>;
  status: CaseStatus;
  submittedAt: string;
}

/** Non-manual cases of a quarter (by submission), listed as exempt (免督查); `caseNumber` finds one. */
export async function listExemptCases(
  ctx: HallContext,
  filter: { year: number; quarter: Quarter; caseNumber?: string; limit?: number },
): Promise<{ total: number; cases: ExemptCaseView[] }> {
  const range = quarterRange(filter.year, filter.quarter);
  let query = ctx.db.selectFrom('cases').where('handling', '=', 'non-manual').where('submitted_at', '>=', range.from).where('submitted_at', '<', range.to);
  if (filter.caseNumber) query = query.where('case_number', '=', filter.caseNumber);
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['case_number', 'item_code', 'document', 'department', 'channel', 'status', 'submitted_at'])
    .orderBy('submitted_at', 'desc')
    .orderBy('case_number', 'desc')
    .limit(filter.limit ?? DEFAULT_LIST_LIMIT)
    .execute();
  return {
    total: Number(totalRow.n),
    cases: rows.map((row) => ({
      caseNumber: row.case_number,
      itemName: itemNameOf(row.document, row.item_code),
      department: row.department,
      channel: row.channel === 'smart-approval' ? 'smart-approval' : 'self-service-terminal',
      status: row.status,
      submittedAt: formatChinaIso(Number(row.submitted_at)),
    })),
  };
}
