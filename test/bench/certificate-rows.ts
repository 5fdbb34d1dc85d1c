import { DATABASE_LABEL, type DatabaseKind } from './databases.ts';
import { count, fineMs } from './format.ts';
import type { CertificateList } from './certificate-list.ts';
import { verdict, type Row } from './table.ts';

/** PostgreSQL is an optional part of the bench's machine: when it is not there, the table says so. */
export type CertificateListOutcome = CertificateList | { database: DatabaseKind; error: string };

const figures = (label: string, summary: CertificateList['list']) => `${label} p50 ${fineMs(summary.p50)}, p99 ${fineMs(summary.p99)}, max ${fineMs(summary.max)}`;

/** The timing, without a budget in DESIGN.md; the consent before each list shown beside it. */
function latencyRow(run: CertificateList): Row {
  return {
    what: `certificate list round-trip on ${DATABASE_LABEL[run.database]}, 1 terminal, ${count(run.plan.rounds)} rounds: list p50 / p99`,
    measured: `${fineMs(run.list.p50)} / ${fineMs(run.list.p99)}`,
    budget: 'none set',
    verdict: 'info',
    reference:
      `max ${fineMs(run.list.max)}; ${figures('consent + list', run.pair)}; ` +
      `after ${run.plan.warmupRounds} warm-up rounds, one at a time on a keep-alive connection, client in a child process; ` +
      `${run.expectedCount} certificates per list, each logged; server CPU per round ${count(Math.round(run.serverCpuUsPerRound))} µs`,
  };
}

/** Every round answered with the holder's certificates, each retrieval logged once, the log's hash chain intact. */
function correctnessRow(run: CertificateList): Row {
  const rounds = run.plan.warmupRounds + run.plan.rounds;
  const right = run.listedCounts[String(run.expectedCount)] ?? 0;
  const expectedRows = run.answered2xx * run.expectedCount;
  const ok = run.failures === 0 && right === rounds && run.usageRowsAdded === expectedRows && run.usageLog.ok;
  const chain = run.usageLog.ok ? `intact (${count(run.usageLog.rows)} rows)` : `${run.usageLog.problem} at seq ${run.usageLog.seq}`;
  return {
    what: `certificate list on ${DATABASE_LABEL[run.database]}: failures / lists of ${run.expectedCount} / usage log rows added, chain`,
    measured: `${count(run.failures)} / ${count(right)} of ${count(rounds)} / ${count(run.usageRowsAdded)}, ${chain}`,
    budget: `0 / all / ${count(expectedRows)}, intact`,
    verdict: verdict(ok),
    reference:
      `whole run, warm-up included; lists answered: ${Object.entries(run.listedCounts).map(([listed, times]) => `${count(times)}× ${listed}`).join(', ') || 'none'}` +
      (run.firstFailure ? `; first failure: ${run.firstFailure}` : ''),
  };
}

export function certificateListRows(outcome: CertificateListOutcome): Row[] {
  if ('error' in outcome) {
    return [{ what: `certificate list round-trip on ${DATABASE_LABEL[outcome.database]}`, measured: 'not measured', budget: 'none set', verdict: 'info', reference: outcome.error }];
  }
  return [latencyRow(outcome), correctnessRow(outcome)];
}
