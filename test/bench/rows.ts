import { BUDGETS } from './budgets.ts';
import type { ColdStart } from './cold-start.ts';
import { DATABASE_LABEL } from './databases.ts';
import { count, kb, mb, ms, perSecond, signedMb, tapMs } from './format.ts';
import type { InitialJs } from './initial-js.ts';
import type { RawInsert } from './raw-insert.ts';
import type { Soak } from './soak.ts';
import { verdict, type Row } from './table.ts';
import type { TapSeries } from './tap.ts';
import type { TicketIssueOutcome } from './ticket-issue.ts';
import type { TicketLoad } from './ticket-load.ts';

/** Turns the measurements into table rows with their verdicts against DESIGN.md's budgets. */

const files = (count: number) => `${count} file${count === 1 ? '' : 's'}`;

export function initialJsRow(app: InitialJs, blank: InitialJs): Row {
  return {
    what: 'initial JS of the PWA, gzip',
    measured: `${kb(app.gzipBytes)} (${files(app.files.length)})`,
    budget: `≤ ${kb(BUDGETS.initialJsGzipBytes)}`,
    verdict: verdict(app.gzipBytes <= BUDGETS.initialJsGzipBytes),
    reference: `blank Preact page + SW: ${kb(blank.gzipBytes)} (${files(blank.files.length)})`,
  };
}

export function coldStartRow(app: ColdStart, blank: ColdStart, cpuRate: number): Row {
  return {
    what: `offline cold start to interactive home, ${cpuRate}× CPU, median of ${app.samplesMs.length}`,
    measured: ms(app.medianMs),
    budget: `≤ ${ms(BUDGETS.coldStartMs)}`,
    verdict: verdict(app.medianMs <= BUDGETS.coldStartMs),
    reference: `blank Preact page + SW: ${ms(blank.medianMs)}`,
  };
}

/** The verdict is on the slowest tap (with under 50 interactions, INP is the worst one too). */
export function tapRow(what: string, taps: TapSeries, cpuRate: number): Row {
  const first = taps.samples[0]?.durationMs ?? null;
  return {
    what: `${what}, ${cpuRate}× CPU, max of ${taps.samples.length}`,
    measured: tapMs(taps.maxMs),
    budget: `≤ ${ms(BUDGETS.tapMs)}`,
    verdict: verdict(taps.maxMs === null || taps.maxMs <= BUDGETS.tapMs),
    reference: `p75 ${tapMs(taps.p75Ms)}, first tap ${tapMs(first)}`,
  };
}

export function soakRows(soak: Soak): Row[] {
  const growth = soak.after.heapUsedBytes - soak.before.heapUsedBytes;
  const clean = soak.markersLeft.length === 0 && soak.nextCitizenSees === '';
  return [
    {
      what: `${count(soak.sessions)} sessions: JS heap growth after GC`,
      measured: `${signedMb(growth)} (${mb(soak.before.heapUsedBytes)} → ${mb(soak.after.heapUsedBytes)})`,
      budget: `≤ ${mb(BUDGETS.soakHeapGrowthBytes)}`,
      verdict: verdict(growth <= BUDGETS.soakHeapGrowthBytes),
      reference: `second half (${count(soak.sessions - soak.halfway)} sessions): ${signedMb(soak.after.heapUsedBytes - soak.middle.heapUsedBytes)}`,
    },
    {
      what: `${count(soak.sessions)} sessions: DOM nodes after GC`,
      measured: `${soak.before.nodes} → ${soak.after.nodes}`,
      budget: `≤ baseline (${soak.before.nodes})`,
      verdict: verdict(soak.after.nodes <= soak.before.nodes),
      reference: `documents ${soak.before.documents} → ${soak.after.documents}, JS listeners ${soak.before.jsEventListeners} → ${soak.after.jsEventListeners}`,
    },
    {
      what: `${count(soak.sessions)} sessions: typed case numbers left in the page`,
      measured: soak.markersLeft.length === 0 ? 'none' : `${soak.markersLeft.length} (e.g. ${soak.markersLeft[0]})`,
      budget: 'none',
      verdict: verdict(clean),
      reference: `next citizen's case number field: ${soak.nextCitizenSees === '' ? 'empty' : `"${soak.nextCitizenSees}"`}`,
    },
  ];
}

function rawInsertFigure(raw: RawInsert): string {
  const how = raw.database === 'sqlite' ? 'better-sqlite3, 1 tx per row, WAL, synchronous=NORMAL' : `pg, pool of ${raw.concurrency}, 1 INSERT per row`;
  return `raw INSERT (${how}): ${count(Math.round(raw.rowsPerS))} rows per s`;
}

const sharedCores = (load: TicketLoad) =>
  `server${load.database === 'postgres' ? ', PostgreSQL' : ''} and autocannon ` +
  `(child process, ${load.measured.generatorCores.toFixed(2)} core) share the ${load.cores} cores`;

/** Every request of the whole run: connecting, warm-up and window; and those re-sent after the stop. */
function failures(load: TicketLoad): { non2xx: number; errors: number } {
  const windows = [load.connecting, load.warmup, load.measured];
  return {
    non2xx: windows.reduce((sum, window) => sum + window.non2xx, 0) + load.settleFailures.length,
    errors: windows.reduce((sum, window) => sum + window.errors, 0),
  };
}

function loadRow(load: TicketLoad, raw: RawInsert): Row {
  const label = DATABASE_LABEL[load.database];
  const p99 = load.p99Ms;
  const p50 = load.measured.latencyMs?.p50;
  const budgeted = load.database === 'sqlite';
  const met = p99 !== null && p99 <= BUDGETS.ticketIssueP99Ms && load.throughputPerS >= BUDGETS.ticketIssuePerS;
  return {
    what: `ticket issue on ${label}, ${load.plan.terminals} concurrent terminals, ${load.plan.durationSeconds} s: p99 / throughput`,
    measured: `${p99 === null ? 'no answer' : ms(p99)} / ${perSecond(load.throughputPerS)}`,
    budget: budgeted ? `≤ ${ms(BUDGETS.ticketIssueP99Ms)} / ≥ ${perSecond(BUDGETS.ticketIssuePerS)}` : 'none set',
    verdict: budgeted ? verdict(met) : 'info',
    reference: `${rawInsertFigure(raw)}; p50 ${p50 === undefined ? '—' : ms(p50)}; ${sharedCores(load)}`,
  };
}

/** Nothing lost, nothing doubled: every request answered 2xx, every number once, one ticket per answer. */
function correctnessRow(load: TicketLoad): Row {
  const { non2xx, errors } = failures(load);
  const { tickets, duplicateNumbers, numberGaps } = load.check;
  const ok = non2xx === 0 && errors === 0 && duplicateNumbers === 0 && numberGaps === 0 && tickets === load.answered2xx;
  return {
    what: `ticket issue on ${DATABASE_LABEL[load.database]}: non-2xx / duplicate numbers / tickets stored`,
    measured: `${count(non2xx)} (errors ${count(errors)}) / ${count(duplicateNumbers)} / ${count(tickets)} for ${count(load.answered2xx)} 2xx`,
    budget: '0 / 0 / one per 2xx',
    verdict: verdict(ok),
    reference:
      `whole run, ${count(load.cutOff)} cut off at the stop sent again; ` +
      `numbers 1…n per category, counters agree: ${numberGaps === 0 ? 'yes' : `no, ${numberGaps} category days`}` +
      (load.firstFailure ? `; first non-2xx: ${load.firstFailure}` : ''),
  };
}

export function ticketIssueRows(outcome: TicketIssueOutcome): Row[] {
  if ('error' in outcome) {
    return [{ what: `ticket issue on ${DATABASE_LABEL[outcome.database]}`, measured: 'not measured', budget: 'none set', verdict: 'info', reference: outcome.error }];
  }
  return [loadRow(outcome.load, outcome.raw), correctnessRow(outcome.load)];
}
