import type { ReportCounts } from '../../src/server/services/supervision-report.ts';
import { DATABASE_LABEL, type DatabaseKind } from './databases.ts';
import { count, fineMs, kb, ms } from './format.ts';
import { GROUPINGS, type QuarterReport } from './report-quarter.ts';
import { verdict, type Row } from './table.ts';

/** PostgreSQL is an optional part of the bench's machine: when it is not there, the table says so. */
export type QuarterReportOutcome = QuarterReport | { database: DatabaseKind; error: string };

const COUNT_LABELS: [keyof ReportCounts, string][] = [
  ['cases', 'manual'],
  ['onTime', 'on time'],
  ['inProgress', 'in progress'],
  ['yellow', 'yellow'],
  ['red', 'red'],
  ['revoked', 'revoked'],
  ['appealsFiled', 'appeals'],
  ['appealsApproved', 'approved'],
  ['exemptTerminal', 'terminal'],
  ['exemptSmartApproval', 'smart approval'],
];

const describe = (counts: ReportCounts) => COUNT_LABELS.map(([key, label]) => `${count(counts[key])} ${label}`).join(', ');

function timingRow(run: QuarterReport): Row {
  const { plan, reports, csv, incrementalSweep } = run;
  return {
    what: `quarterly report of ${count(run.inserted.cases)} cases on ${DATABASE_LABEL[run.database]}, by ${GROUPINGS.join(' / ')}: p50 of ${plan.runs}`,
    measured: GROUPINGS.map((by) => fineMs(reports[by].p50)).join(' / '),
    budget: 'none set',
    verdict: 'info',
    reference:
      `max ${GROUPINGS.map((by) => fineMs(reports[by].max)).join(' / ')}; each includes the incremental card sweep it runs first (p50 ${fineMs(incrementalSweep.p50)}); ` +
      `CSV export by ${csv.grouping} (report + CSV, ${kb(csv.bytes)}) p50 ${fineMs(csv.p50)}, max ${fineMs(csv.max)}; quarterlyReport called directly, no HTTP; ` +
      (run.database === 'postgres' ? 'after ANALYZE, as autovacuum does on a table that grew this much' : 'no ANALYZE, as the hall runs none'),
  };
}

function sweepRow(run: QuarterReport): Row {
  const { fullSweep, incrementalSweep, plan } = run;
  return {
    what: `card sweep over the quarter on ${DATABASE_LABEL[run.database]}: full (once, after the import) / incremental (p50 of ${plan.runs})`,
    measured: `${ms(fullSweep.ms)} / ${fineMs(incrementalSweep.p50)}`,
    budget: 'none set',
    verdict: 'info',
    reference:
      `full: ${count(fullSweep.judged)} cases judged, ${count(fullSweep.issued)} cards issued; incremental (what the hall runs every minute and every report first): ` +
      `${count(incrementalSweep.judged)} judged, max ${fineMs(incrementalSweep.max)}; quarter inserted with Kysely in ${ms(run.inserted.ms)} (${count(run.inserted.suspensions)} supplement pauses)`,
  };
}

function totalsRow(run: QuarterReport): Row {
  const mismatched = COUNT_LABELS.filter(([key]) => run.total[key] !== run.expected[key]);
  const ok = mismatched.length === 0 && run.inconsistent.length === 0;
  return {
    what: `quarterly report on ${DATABASE_LABEL[run.database]}: totals against the cases inserted`,
    measured: ok ? 'equal' : `${mismatched.map(([key, label]) => `${label} ${count(run.total[key])}`).join(', ') || 'totals equal'}${run.inconsistent.length > 0 ? `; rows ≠ totals by ${run.inconsistent.join(', ')}` : ''}`,
    budget: 'equal, in every grouping',
    verdict: verdict(ok),
    reference: `inserted, judged case by case with the supervision rule: ${describe(run.expected)}; the rows of every grouping add up to the center's totals`,
  };
}

export function quarterReportRows(outcome: QuarterReportOutcome): Row[] {
  if ('error' in outcome) {
    return [{ what: `quarterly report on ${DATABASE_LABEL[outcome.database]}`, measured: 'not measured', budget: 'none set', verdict: 'info', reference: outcome.error }];
  }
  return [timingRow(outcome), sweepRow(outcome), totalsRow(outcome)];
}
