import { BUDGETS } from './budgets.ts';
import { DATABASE_LABEL, type DatabaseKind } from './databases.ts';
import { count, fineMs, ms, perSecond } from './format.ts';
import type { PacedLoad } from './paced-load.ts';
import type { RawInsert } from './raw-insert.ts';
import { describeServerCpu } from './server-cpu.ts';
import { verdict, type Row } from './table.ts';
import type { TicketCheck } from './ticket-check.ts';
import type { TicketIssueOutcome } from './ticket-issue.ts';
import type { TicketLoad } from './ticket-load.ts';

/**
 * The ticket issue rows: the throughput at full load and the p99 at the budget's rate, each
 * read against the raw insert rate of the same database (see BUDGETS for why two), and for each
 * run a look into the database. Only SQLite has budgets; PostgreSQL is shown for comparison.
 */

function rawInsertFigure(raw: RawInsert): string {
  const how = raw.database === 'sqlite' ? 'better-sqlite3, 1 tx per row, WAL, synchronous=NORMAL' : `pg, pool of ${raw.concurrency}, 1 INSERT per row`;
  return `raw INSERT (${how}): ${count(Math.round(raw.rowsPerS))} rows per s`;
}

const sharedCores = (database: DatabaseKind, generator: string, cores: number, generatorCores: number) =>
  `server${database === 'postgres' ? ', PostgreSQL' : ''} and ${generator} ` + `(child process, ${generatorCores.toFixed(2)} core) share the ${cores} cores`;

const budgeted = (database: DatabaseKind) => database === 'sqlite';

function throughputRow(load: TicketLoad, raw: RawInsert): Row {
  const latency = load.measured.latencyMs;
  const met = load.throughputPerS >= BUDGETS.ticketIssuePerS;
  return {
    what: `ticket issue on ${DATABASE_LABEL[load.database]}, ${load.plan.terminals} terminals at full load: throughput`,
    measured: perSecond(load.throughputPerS),
    budget: budgeted(load.database) ? `≥ ${perSecond(BUDGETS.ticketIssuePerS)}` : 'none set',
    verdict: budgeted(load.database) ? verdict(met) : 'info',
    reference:
      `${load.plan.durationSeconds} s after ${load.plan.warmupSeconds} s warm-up; ${rawInsertFigure(raw)}; ` +
      (latency ? `latency p50 ${ms(latency.p50)}, p99 ${ms(latency.p99)} (≈ ${load.plan.terminals} in flight ÷ throughput, Little's law); ` : 'no answers; ') +
      `${load.plan.categories} categories; ${describeServerCpu(load.server)}; ` +
      sharedCores(load.database, 'autocannon', load.cores, load.measured.generatorCores),
  };
}

function pacedRow(paced: PacedLoad, raw: RawInsert): Row {
  const { measured } = paced;
  const latency = measured.latencyMs;
  const p99 = paced.p99Ms;
  // A request cut off after the drain time counts with its wait until then: a lower bound.
  const bound = measured.cutOff > 0 ? '≥ ' : '';
  const perRowMs = 1000 / raw.rowsPerS;
  const offered = paced.plan.terminals * paced.plan.perTerminalPerS;
  return {
    what: `ticket issue on ${DATABASE_LABEL[paced.database]}, ${paced.plan.terminals} terminals offering ${perSecond(offered)}: p99`,
    measured: p99 === null ? 'no answer' : `${bound}${fineMs(p99)}`,
    budget: budgeted(paced.database) ? `≤ ${ms(BUDGETS.ticketIssueP99Ms)}` : 'none set',
    verdict: budgeted(paced.database) ? verdict(p99 !== null && measured.cutOff === 0 && p99 <= BUDGETS.ticketIssueP99Ms) : 'info',
    reference:
      `${paced.plan.durationSeconds} s after ${paced.plan.warmupSeconds} s warm-up, ${paced.plan.perTerminalPerS} per s per terminal, evenly spaced; ` +
      (latency ? `p50 ${fineMs(latency.p50)}, p90 ${fineMs(latency.p90)}, max ${bound}${fineMs(latency.max)}; ` : '') +
      `answered ${perSecond(measured.answeredPerS)}` +
      (measured.cutOff > 0 ? `, ${count(measured.cutOff)} unanswered after ${paced.plan.drainSeconds} s` : '') +
      `; ${rawInsertFigure(raw)} (${fineMs(perRowMs)} per row); ` +
      `send lag p99 ${measured.sendLagMs ? fineMs(measured.sendLagMs.p99) : '—'}; ${describeServerCpu(paced.server)}; ` +
      sharedCores(paced.database, 'the paced generator', paced.cores, measured.generatorCores),
  };
}

interface CheckedRun {
  database: DatabaseKind;
  /** Which load: "full load", "paced". */
  label: string;
  non2xx: number;
  errors: number;
  check: TicketCheck;
  answered2xx: number;
  /** How the requests left without an answer were dealt with. */
  resent: string;
  firstFailure: string | null;
}

/** Nothing lost, nothing doubled: every request answered 2xx, every number once, one ticket per answer. */
function correctnessRow(run: CheckedRun): Row {
  const { tickets, duplicateNumbers, numberGaps } = run.check;
  const ok = run.non2xx === 0 && run.errors === 0 && duplicateNumbers === 0 && numberGaps === 0 && tickets === run.answered2xx;
  return {
    what: `ticket issue on ${DATABASE_LABEL[run.database]}, ${run.label}: non-2xx / duplicate numbers / tickets stored`,
    measured: `${count(run.non2xx)} (errors ${count(run.errors)}) / ${count(duplicateNumbers)} / ${count(tickets)} for ${count(run.answered2xx)} 2xx`,
    budget: '0 / 0 / one per 2xx',
    verdict: verdict(ok),
    reference:
      `whole run, ${run.resent}; ` +
      `numbers 1…n per category, counters agree: ${numberGaps === 0 ? 'yes' : `no, ${numberGaps} category days`}` +
      (run.firstFailure ? `; first failure: ${run.firstFailure}` : ''),
  };
}

/** Every request of the whole run: connecting, warm-up and window; and those re-sent after the stop. */
function fullLoadRun(load: TicketLoad): CheckedRun {
  const windows = [load.connecting, load.warmup, load.measured];
  return {
    database: load.database,
    label: 'full load',
    non2xx: windows.reduce((sum, window) => sum + window.non2xx, 0) + load.settleFailures.length,
    errors: windows.reduce((sum, window) => sum + window.errors, 0),
    check: load.check,
    answered2xx: load.answered2xx,
    resent: `${count(load.cutOff)} cut off at the stop sent again`,
    firstFailure: load.firstFailure,
  };
}

function pacedRun(paced: PacedLoad): CheckedRun {
  const windows = [paced.warmup, paced.measured];
  return {
    database: paced.database,
    label: 'paced',
    non2xx: windows.reduce((sum, window) => sum + window.non2xx, 0) + paced.settleFailures.length,
    errors: windows.reduce((sum, window) => sum + window.errors, 0),
    check: paced.check,
    answered2xx: paced.answered2xx,
    resent: `${count(paced.resent)} without an answer sent again`,
    firstFailure: paced.firstFailure,
  };
}

export function ticketIssueRows(outcome: TicketIssueOutcome): Row[] {
  if ('error' in outcome) {
    return [{ what: `ticket issue on ${DATABASE_LABEL[outcome.database]}`, measured: 'not measured', budget: 'none set', verdict: 'info', reference: outcome.error }];
  }
  return [
    throughputRow(outcome.load, outcome.raw),
    pacedRow(outcome.paced, outcome.raw),
    correctnessRow(fullLoadRun(outcome.load)),
    correctnessRow(pacedRun(outcome.paced)),
  ];
}
