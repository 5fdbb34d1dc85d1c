import { sql, type Expression, type SqlBool } from 'kysely';
import { formatChinaIso } from '../../core/china-time.ts';
import { quarterRange, type Quarter } from '../../core/supervision.ts';
import type { HallContext } from '../context.ts';
import { sweepCards } from './supervision.ts';

/**
 * The quarterly report of the efficiency supervision, aggregated in the database (GROUP BY), so a
 * quarter of 100,000 cases costs two grouped scans of an index range, never 100,000 rows in memory.
 *
 * What is counted where:
 * - A manual case counts in the quarter of its acceptance (受理), in the group of its department,
 *   window or staff member; each case in exactly one of: red (a red card not revoked), yellow (a
 *   yellow card not revoked, no live red), on time (finished, no live card), in progress (open,
 *   no live card). A case whose cards were all revoked on appeal counts as on time or in progress.
 * - Revoked cards and appeals (filed / approved) belong to the quarter of their case.
 * - Non-manual cases (自助终端, 智能审批) are exempt (免督查); they count in the quarter they were
 *   submitted, beside the manual cases of their group (no window and no staff member of their own).
 */
export type ReportGrouping = 'center' | 'department' | 'window' | 'person';

export interface ReportCounts {
  cases: number;
  onTime: number;
  inProgress: number;
  yellow: number;
  red: number;
  revoked: number;
  appealsFiled: number;
  appealsApproved: number;
  exemptTerminal: number;
  exemptSmartApproval: number;
}

export interface ReportRow extends ReportCounts {
  /** Department name, window number, staff id, or "center"; "" for exempt cases without window or staff. */
  key: string;
  label: string;
}

export interface SupervisionReport {
  year: number;
  quarter: Quarter;
  by: ReportGrouping;
  firstDay: string;
  lastDay: string;
  generatedAt: string;
  rows: ReportRow[];
  total: ReportCounts;
}

export const GROUPING_NAMES: Record<ReportGrouping, string> = { center: '中心', department: '部门', window: '窗口', person: '人员' };
const NO_WINDOW_LABEL = '无窗口（自助终端 / 智能审批）';
const NO_STAFF_LABEL = '无经办人（非人工办理）';

const COUNT_KEYS: (keyof ReportCounts)[] = ['cases', 'onTime', 'inProgress', 'yellow', 'red', 'revoked', 'appealsFiled', 'appealsApproved', 'exemptTerminal', 'exemptSmartApproval'];
const zeroCounts = (): ReportCounts => Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as unknown as ReportCounts;

type GroupColumn = 'c.department' | 'c.window_number' | 'c.staff_id';
const GROUP_COLUMNS: Record<Exclude<ReportGrouping, 'center'>, GroupColumn> = { department: 'c.department', window: 'c.window_number', person: 'c.staff_id' };

/** Sums of 0/1 conditions; PostgreSQL sums integers to bigint, which the driver reads as a number. */
const countWhere = (condition: Expression<SqlBool>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/** The grouping's column of the case, or one group for the whole center. */
const groupKey = (by: ReportGrouping) => (by === 'center' ? sql<string | number | null>`null` : sql.ref<string | number | null>(GROUP_COLUMNS[by]));
const groupColumns = (by: ReportGrouping): GroupColumn[] => (by === 'center' ? [] : [GROUP_COLUMNS[by]]);

/**
 * Three flat aggregations instead of one join of cases with per-case card sums: the planner has
 * nothing to get wrong on a freshly loaded table without statistics, and cards and appeals are
 * few beside cases.
 */
async function manualCounts(ctx: HallContext, from: number, to: number, by: ReportGrouping) {
  const inQuarter = sql<SqlBool>`c.handling = 'manual' and c.accepted_at >= ${from} and c.accepted_at < ${to}`;
  const live = sql<SqlBool>`sc.revoked_at is null`;
  const cases = ctx.db
    .selectFrom('cases as c')
    .where(inQuarter)
    .select([groupKey(by).as('group_key'), sql<number>`count(*)`.as('cases'), countWhere(sql<SqlBool>`c.finished_at is null`).as('open')])
    .$if(by !== 'center', (query) => query.groupBy(groupColumns(by)))
    .execute();
  const cards = ctx.db
    .selectFrom('supervision_cards as sc')
    .innerJoin('cases as c', 'c.id', 'sc.case_id')
    .where(inQuarter)
    .select([
      groupKey(by).as('group_key'),
      sql<number>`count(distinct case when sc.color = 'red' and ${live} then sc.case_id end)`.as('red_cases'),
      sql<number>`count(distinct case when ${live} then sc.case_id end)`.as('carded_cases'),
      sql<number>`count(distinct case when ${live} and c.finished_at is null then sc.case_id end)`.as('carded_open'),
      countWhere(sql<SqlBool>`sc.revoked_at is not null`).as('revoked'),
    ])
    .$if(by !== 'center', (query) => query.groupBy(groupColumns(by)))
    .execute();
  const appeals = ctx.db
    .selectFrom('card_appeals as ca')
    .innerJoin('supervision_cards as sc', 'sc.id', 'ca.card_id')
    .innerJoin('cases as c', 'c.id', 'sc.case_id')
    .where(inQuarter)
    .select([groupKey(by).as('group_key'), sql<number>`count(*)`.as('filed'), countWhere(sql<SqlBool>`ca.status = 'approved'`).as('approved')])
    .$if(by !== 'center', (query) => query.groupBy(groupColumns(by)))
    .execute();
  const [caseGroups, cardGroups, appealGroups] = await Promise.all([cases, cards, appeals]);
  return { cases: caseGroups, cards: cardGroups, appeals: appealGroups };
}

function exemptCounts(ctx: HallContext, from: number, to: number, by: ReportGrouping) {
  return ctx.db
    .selectFrom('cases as c')
    .where('c.handling', '=', 'non-manual')
    .where('c.submitted_at', '>=', from)
    .where('c.submitted_at', '<', to)
    .select([
      groupKey(by).as('group_key'),
      countWhere(sql<SqlBool>`c.channel = 'self-service-terminal'`).as('terminal'),
      countWhere(sql<SqlBool>`c.channel = 'smart-approval'`).as('smart'),
    ])
    .$if(by !== 'center', (query) => query.groupBy(groupColumns(by)))
    .execute();
}

async function labelsFor(ctx: HallContext, by: ReportGrouping, keys: string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (by === 'window') {
    for (const window of await ctx.db.selectFrom('windows').select(['number', 'name']).execute()) labels.set(String(window.number), window.name);
  } else if (by === 'person') {
    const ids = keys.filter((key) => key !== '');
    if (ids.length > 0) for (const member of await ctx.db.selectFrom('staff').select(['id', 'display_name']).where('id', 'in', ids).execute()) labels.set(member.id, member.display_name);
  }
  return labels;
}

function labelOf(ctx: HallContext, by: ReportGrouping, key: string, labels: Map<string, string>): string {
  if (by === 'center') return ctx.config.kiosk.hallName['zh-CN'];
  if (key === '') return by === 'window' ? NO_WINDOW_LABEL : by === 'person' ? NO_STAFF_LABEL : '未填写部门';
  if (by === 'window') return labels.get(key) ?? `${key}号窗口`;
  return labels.get(key) ?? key;
}

function compareRows(by: ReportGrouping) {
  return (a: ReportRow, b: ReportRow) => {
    if ((a.key === '') !== (b.key === '')) return a.key === '' ? 1 : -1;
    if (by === 'window') return Number(a.key) - Number(b.key);
    return a.label.localeCompare(b.label, 'zh-CN');
  };
}

export async function quarterlyReport(ctx: HallContext, year: number, quarter: Quarter, by: ReportGrouping): Promise<SupervisionReport> {
  await sweepCards(ctx);
  const range = quarterRange(year, quarter);
  const [manual, exempt] = await Promise.all([manualCounts(ctx, range.from, range.to, by), exemptCounts(ctx, range.from, range.to, by)]);
  const rows = new Map<string, ReportCounts>();
  const rowOf = (key: string | number | null) => {
    const id = by === 'center' ? 'center' : key === null ? '' : String(key);
    let row = rows.get(id);
    if (!row) rows.set(id, (row = zeroCounts()));
    return row;
  };
  for (const group of manual.cases) {
    if (Number(group.cases) === 0) continue;
    const row = rowOf(group.group_key);
    row.cases = Number(group.cases);
    row.inProgress = Number(group.open);
    row.onTime = row.cases - row.inProgress;
  }
  for (const group of manual.cards) {
    const row = rowOf(group.group_key);
    const carded = Number(group.carded_cases);
    const cardedOpen = Number(group.carded_open);
    row.red = Number(group.red_cases);
    row.yellow = carded - row.red;
    row.inProgress -= cardedOpen;
    row.onTime -= carded - cardedOpen;
    row.revoked = Number(group.revoked);
  }
  for (const group of manual.appeals) Object.assign(rowOf(group.group_key), { appealsFiled: Number(group.filed), appealsApproved: Number(group.approved) });
  for (const group of exempt) {
    if (Number(group.terminal) + Number(group.smart) === 0) continue;
    Object.assign(rowOf(group.group_key), { exemptTerminal: Number(group.terminal), exemptSmartApproval: Number(group.smart) });
  }
  if (by === 'center') rowOf(null);
  const labels = await labelsFor(ctx, by, [...rows.keys()]);
  const list = [...rows].map(([key, counts]) => ({ key, label: labelOf(ctx, by, key, labels), ...counts })).sort(compareRows(by));
  const total = zeroCounts();
  for (const row of list) for (const key of COUNT_KEYS) total[key] += row[key];
  return { year, quarter, by, firstDay: range.firstDay, lastDay: range.lastDay, generatedAt: formatChinaIso(ctx.clock.now()), rows: list, total };
}
