/**
 * Certificate-free retrieval (免证办) on the hall server: one terminal, round after round, records
 * a citizen's consent to view their own certificates and lists them, over HTTP on loopback, from
 * a child process (certificate-client.ts). The real hall server runs in this process on a fresh
 * database of its own with the demo hall's certificate library; afterwards the usage log must
 * have one retrieval per listed certificate, and its hash chain must hold.
 */
import { fileURLToPath } from 'node:url';
import { ownViewTypes } from '../../src/core/certificates.ts';
import { DEMO_CERTIFICATES } from '../../src/server/demo/certificate-data.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import type { Hall } from '../../src/server/hall.ts';
import { verifyUsageLog } from '../../src/server/services/usage-log.ts';
import type { ChainVerdict } from '../../src/core/usage-log.ts';
import type { CertificateOrder, CertificateReport } from './certificate-client.ts';
import { runChild } from './child.ts';
import type { DatabaseKind } from './databases.ts';
import { fineMs, progress } from './format.ts';
import { withLoadHall } from './load-hall.ts';
import { meterServerCpu } from './server-cpu.ts';
import { latencySummary, type LatencySummary } from './stats.ts';

export interface CertificateListPlan {
  warmupRounds: number;
  rounds: number;
  /** KIOSK_NOW: the hall's clock stands still, so no consent expires during the run. */
  now: string;
}

export interface CertificateList {
  database: DatabaseKind;
  plan: CertificateListPlan;
  list: LatencySummary;
  /** Consent sent → list answered. */
  pair: LatencySummary;
  /** The holder's certificates of the types a consent to view one's own opens. */
  expectedCount: number;
  /** How many certificates each list answered (warm-up included): count → rounds. */
  listedCounts: Record<string, number>;
  answered2xx: number;
  failures: number;
  firstFailure: string | null;
  /** Usage log rows added during the run: one retrieval per listed certificate. */
  usageRowsAdded: number;
  usageLog: ChainVerdict;
  /** CPU of this process (the server) per consent + list round, worker threads included. */
  serverCpuUsPerRound: number;
}

/** Holds an appointment too, but here only her certificate library matters: the largest of the demo people. */
const HOLDER = DEMO_PEOPLE.booked;
const CLIENT = fileURLToPath(new URL('./certificate-client.ts', import.meta.url));

const usageRows = async (hall: Hall) => Number((await hall.ctx.db.selectFrom('usage_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

export function measureCertificateList(kind: DatabaseKind, plan: CertificateListPlan): Promise<CertificateList> {
  const types = ownViewTypes('person');
  const expectedCount = DEMO_CERTIFICATES.filter((certificate) => certificate.holderId === HOLDER.idNumber && types.includes(certificate.typeCode)).length;
  return withLoadHall(kind, 'certificates', { terminals: 1, now: plan.now, keyed: true }, async ({ hall, api, tokens, devices }) => {
    progress(`certificate list on ${kind}: ${plan.warmupRounds} warm-up rounds, then ${plan.rounds} of consent + list`);
    const rowsBefore = await usageRows(hall);
    const stopMeter = meterServerCpu();
    const report = await runChild<CertificateOrder, CertificateReport>(CLIENT, {
      api,
      token: tokens[0]!,
      device: devices[0]!,
      now: plan.now,
      holder: { idNumber: HOLDER.idNumber, name: HOLDER.name },
      warmupRounds: plan.warmupRounds,
      rounds: plan.rounds,
    });
    const cpu = stopMeter();
    const usageRowsAdded = (await usageRows(hall)) - rowsBefore;
    const usageLog = await verifyUsageLog(hall.ctx.db);
    const list = latencySummary(report.listMs);
    const pair = latencySummary(report.pairMs);
    if (!list || !pair) throw new Error(`certificate list on ${kind}: no round answered; first failure: ${report.firstFailure}`);
    progress(
      `certificate list on ${kind}: list p50 ${fineMs(list.p50)}, p99 ${fineMs(list.p99)}, max ${fineMs(list.max)}; ` +
        `consent + list p50 ${fineMs(pair.p50)}, p99 ${fineMs(pair.p99)}; listed ${JSON.stringify(report.listedCounts)} (expected ${expectedCount}); ` +
        `${report.failures} failures; usage log +${usageRowsAdded} rows, chain ${usageLog.ok ? 'intact' : JSON.stringify(usageLog)}`,
    );
    const { listMs: _list, pairMs: _pair, ...counts } = report;
    return { database: kind, plan, list, pair, expectedCount, ...counts, usageRowsAdded, usageLog, serverCpuUsPerRound: cpu.cpuUs / Math.max(1, report.answered2xx) };
  });
}
