import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.ts';
import type { DatabaseKind } from './databases.ts';
import { progress } from './format.ts';
import { withLoadHall } from './load-hall.ts';
import type { PacedOrder, PacedReport } from './paced-client.ts';
import { describeServerCpu, meterServerCpu, perTicket, type ServerCpu } from './server-cpu.ts';
import { checkTickets, type TicketCheck } from './ticket-check.ts';

export interface PacedLoadPlan {
  terminals: number;
  perTerminalPerS: number;
  warmupSeconds: number;
  durationSeconds: number;
  drainSeconds: number;
  /** KIOSK_NOW: a working day in opening hours, so every ticket is for the current session. */
  now: string;
}

export interface PacedLoad extends PacedReport {
  database: DatabaseKind;
  plan: PacedLoadPlan;
  /** Cores of the machine, which the server, the load generator (and PostgreSQL) share. */
  cores: number;
  /** p99 of the measured window; null if nothing was answered in it. */
  p99Ms: number | null;
  check: TicketCheck;
  server: ServerCpu;
}

const PACED_CLIENT = fileURLToPath(new URL('./paced-client.ts', import.meta.url));

const fixed = (value: number | undefined, digits = 1) => (value === undefined ? '—' : value.toFixed(digits));

/**
 * Latency at the budget's rate: the real hall server in this process, on a fresh database (not
 * the one the full-load run left ~10,000 tickets in), with `plan.terminals` enrolled terminals
 * sending POST /api/v1/tickets at a steady pace from a child process, then a look into the database.
 */
export function measurePacedLoad(kind: DatabaseKind, plan: PacedLoadPlan): Promise<PacedLoad> {
  return withLoadHall(kind, 'paced', plan, async ({ hall, url, tokens, categories }) => {
    const perS = plan.terminals * plan.perTerminalPerS;
    progress(
      `paced load on ${kind}: ${plan.terminals} terminals at ${plan.perTerminalPerS}/s each (${perS}/s together), ` +
        `${plan.warmupSeconds} s warm-up and ${plan.durationSeconds} s measured, ${categories.length} categories`,
    );
    const stopMeter = meterServerCpu();
    const report = await runChild<PacedOrder, PacedReport>(PACED_CLIENT, {
      url,
      tokens,
      categories,
      perTerminalPerS: plan.perTerminalPerS,
      warmupSeconds: plan.warmupSeconds,
      durationSeconds: plan.durationSeconds,
      drainSeconds: plan.drainSeconds,
    });
    const measuredCpu = stopMeter();
    const check = await checkTickets(hall);
    const server = perTicket(measuredCpu, check.tickets);
    const { measured } = report;
    const latency = measured.latencyMs;
    progress(
      `paced load on ${kind}: measured ${measured.seconds.toFixed(1)} s, offered ${Math.round(measured.offeredPerS)}/s, ` +
        `answered ${Math.round(measured.answeredPerS)} 2xx/s; p50 ${fixed(latency?.p50)} ms, p90 ${fixed(latency?.p90)} ms, ` +
        `p99 ${fixed(latency?.p99)} ms, max ${fixed(latency?.max)} ms; send lag p99 ${fixed(measured.sendLagMs?.p99)} ms; ` +
        `generator ${measured.generatorCores.toFixed(2)} core; non-2xx ${measured.non2xx}, errors ${measured.errors}, cut off ${measured.cutOff}; ` +
        `drained ${report.drainedAfterS === null ? 'never' : `${report.drainedAfterS.toFixed(2)} s`} after the last send; ` +
        `${check.tickets} tickets stored for ${report.answered2xx} 2xx answers (${report.resent} sent again); ${describeServerCpu(server)}`,
    );
    return { database: kind, plan, cores: availableParallelism(), ...report, p99Ms: latency?.p99 ?? null, check, server };
  });
}
