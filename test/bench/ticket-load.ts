import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.ts';
import type { DatabaseKind } from './databases.ts';
import { progress } from './format.ts';
import type { LoadOrder, LoadReport } from './load-client.ts';
import type { WindowResult } from './load-window.ts';
import { withLoadHall } from './load-hall.ts';
import { describeServerCpu, meterServerCpu, perTicket, type ServerCpu } from './server-cpu.ts';
import { checkTickets, type TicketCheck } from './ticket-check.ts';

export interface TicketLoadPlan {
  terminals: number;
  /** Requests per second per terminal until all are connected (see load-client.ts). */
  connectingRate: number;
  maxConnectingSeconds: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** KIOSK_NOW: a working day in opening hours, so every ticket is for the current session. */
  now: string;
  /** Queue categories of the hall, so that the load never runs out of a day's numbers. */
  categories: number;
}

export interface TicketLoad extends LoadReport {
  database: DatabaseKind;
  plan: TicketLoadPlan;
  /** Cores of the machine, which the server, the load generator (and PostgreSQL) share. */
  cores: number;
  /** 2xx answers per second of the measured window. */
  throughputPerS: number;
  /** p99 of the measured window; null if nothing was answered in it. */
  p99Ms: number | null;
  check: TicketCheck;
  server: ServerCpu;
}

const latency = (window: WindowResult, key: 'p50' | 'p99') => (window.latencyMs ? `${window.latencyMs[key].toFixed(1)} ms` : '—');

const LOAD_CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

/**
 * Throughput at saturation: the real hall server in this process, on a fresh database, with
 * `plan.terminals` enrolled terminals hammering POST /api/v1/tickets from a child process
 * (autocannon, a request always in flight on every connection), then a look into the database.
 * The server and the load generator share the machine's cores.
 */
export function measureTicketLoad(kind: DatabaseKind, plan: TicketLoadPlan): Promise<TicketLoad> {
  return withLoadHall(kind, 'load', plan, async ({ hall, url, tokens, categories }) => {
    progress(
      `ticket load on ${kind}: ${plan.terminals} terminals connecting at ${plan.connectingRate}/s each, ` +
        `then ${plan.warmupSeconds} s warm-up and ${plan.durationSeconds} s measured at full load, ${categories.length} categories`,
    );
    const stopMeter = meterServerCpu();
    const report = await runChild<LoadOrder, LoadReport>(LOAD_CLIENT, {
      url,
      tokens,
      categories,
      connections: plan.terminals,
      connectingRate: plan.connectingRate,
      maxConnectingSeconds: plan.maxConnectingSeconds,
      warmupSeconds: plan.warmupSeconds,
      durationSeconds: plan.durationSeconds,
    });
    const measuredCpu = stopMeter();
    const check = await checkTickets(hall);
    const server = perTicket(measuredCpu, check.tickets);
    const { measured } = report;
    const throughputPerS = measured.ok2xx / measured.seconds;
    const p99Ms = measured.latencyMs?.p99 ?? null;
    progress(
      `ticket load on ${kind}: all terminals answered after ${report.allConnectedAfterS?.toFixed(1) ?? 'never'} s; ` +
        `measured ${measured.seconds.toFixed(1)} s: p50 ${latency(measured, 'p50')}, p99 ${latency(measured, 'p99')}, ` +
        `${Math.round(throughputPerS)} 2xx/s, non-2xx ${measured.non2xx}, errors ${measured.errors}; ` +
        `${check.tickets} tickets stored for ${report.answered2xx} 2xx answers (${report.cutOff} cut off at the stop, sent again); ${describeServerCpu(server)}`,
    );
    return { database: kind, plan, cores: availableParallelism(), ...report, throughputPerS, p99Ms, check, server };
  });
}
