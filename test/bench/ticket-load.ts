import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall, type Hall } from '../../src/server/hall.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';
import { fakeWebRoot, scratchDatabase, type DatabaseKind } from './databases.ts';
import { progress } from './format.ts';
import type { LoadOrder, LoadReport, WindowResult } from './load-client.ts';

export interface TicketLoadPlan {
  terminals: number;
  /** Requests per second per terminal until all are connected (see load-client.ts). */
  connectingRate: number;
  maxConnectingSeconds: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** KIOSK_NOW: a working day in opening hours, so every ticket is for the current session. */
  now: string;
}

/** What the database holds after the load: every number once, one ticket per 2xx answer. */
export interface TicketCheck {
  tickets: number;
  /** (category, service_date, seq) that occur more than once. */
  duplicateNumbers: number;
  /** Category days whose numbers are not exactly 1..n, or whose counter disagrees with n. */
  numberGaps: number;
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
}

const latency = (window: WindowResult, key: 'p50' | 'p99') => (window.latencyMs ? `${window.latencyMs[key].toFixed(1)} ms` : '—');

/** A quota no load can reach: a refusal for a full quota would be a correct non-2xx, not a measurement. */
const UNREACHABLE_QUOTA = 10_000_000;

const LOAD_CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

/** Enrolls as a technician does: a one-time code from the admin side, exchanged over the API. */
async function enrollTerminals(hall: Hall, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 1; index <= count; index++) {
    const { code } = await createEnrollment(hall.ctx, `bench-terminal-${String(index).padStart(3, '0')}`);
    const response = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code } });
    if (response.statusCode !== 200) throw new Error(`enrolling terminal ${index}: ${response.statusCode} ${response.body}`);
    tokens.push((response.json() as { token: string }).token);
  }
  return tokens;
}

/** Runs the load client to its end; its exit code only matters if it never reported. */
function runLoadClient(order: LoadOrder): Promise<LoadReport> {
  return new Promise((resolve, reject) => {
    // fork() passes on tsx's loader (process.execArgv), so the client runs as TypeScript too.
    // Its stdout goes to our stderr: stdout carries only the result table.
    const child = fork(LOAD_CLIENT, [], { stdio: ['ignore', 2, 'inherit', 'ipc'] });
    let answer: { report?: LoadReport; error?: string } | null = null;
    child.once('message', (message) => {
      answer = message as typeof answer;
      // It disconnects and exits after answering; should anything keep it alive, it is ours to end.
      setTimeout(() => child.kill(), 5000).unref();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer?.report) resolve(answer.report);
      else reject(new Error(`load client: ${answer?.error ?? `exited with code ${code} without a report`}`));
    });
    child.send(order);
  });
}

async function checkTickets(hall: Hall): Promise<TicketCheck> {
  const { db } = hall.ctx;
  const total = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const duplicates = await db
    .selectFrom('tickets')
    .select(['category_code', 'service_date', 'seq'])
    .groupBy(['category_code', 'service_date', 'seq'])
    .having(sql`count(*)`, '>', 1)
    .execute();
  const days = await db
    .selectFrom('tickets')
    .innerJoin('ticket_counters', (join) =>
      join.onRef('ticket_counters.category_code', '=', 'tickets.category_code').onRef('ticket_counters.service_date', '=', 'tickets.service_date'),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('tickets.seq').as('first'),
      eb.fn.max('tickets.seq').as('last'),
      eb.fn.max('ticket_counters.last_seq').as('counter'),
    ])
    .groupBy(['tickets.category_code', 'tickets.service_date'])
    .execute();
  const gaps = days.filter((day) => {
    const n = Number(day.n);
    return Number(day.first) !== 1 || Number(day.last) !== n || Number(day.counter) !== n;
  });
  return { tickets: Number(total.n), duplicateNumbers: duplicates.length, numberGaps: gaps.length };
}

/**
 * The real hall server in this process (demo hall, pinned clock in opening hours), with
 * `plan.terminals` enrolled terminals hammering POST /api/v1/tickets from a child process,
 * then a look into the database. The server and the load generator share the machine's cores.
 */
export async function measureTicketLoad(kind: DatabaseKind, plan: TicketLoadPlan): Promise<TicketLoad> {
  const database = await scratchDatabase(kind, 'load');
  const web = fakeWebRoot();
  try {
    const config = readHallConfig({ PORT: '0', KIOSK_NOW: plan.now });
    const hall = await openHall({ config, webRoot: web.dir, databaseUrl: database.url, demo: true });
    try {
      await hall.ctx.db.updateTable('categories').set({ daily_quota: UNREACHABLE_QUOTA }).execute();
      const categories = (await hall.ctx.db.selectFrom('categories').select('code').orderBy('sort_order').execute()).map((row) => row.code);
      const tokens = await enrollTerminals(hall, plan.terminals);
      const address = await hall.app.listen({ host: '127.0.0.1', port: 0 });
      progress(
        `ticket load on ${kind}: ${plan.terminals} terminals connecting at ${plan.connectingRate}/s each, ` +
          `then ${plan.warmupSeconds} s warm-up and ${plan.durationSeconds} s measured at full load, ${categories.length} categories`,
      );
      const report = await runLoadClient({
        url: `${address}/api/v1/tickets`,
        tokens,
        categories,
        connections: plan.terminals,
        connectingRate: plan.connectingRate,
        maxConnectingSeconds: plan.maxConnectingSeconds,
        warmupSeconds: plan.warmupSeconds,
        durationSeconds: plan.durationSeconds,
      });
      const check = await checkTickets(hall);
      const { measured } = report;
      const throughputPerS = measured.ok2xx / measured.seconds;
      const p99Ms = measured.latencyMs?.p99 ?? null;
      progress(
        `ticket load on ${kind}: all terminals answered after ${report.allConnectedAfterS?.toFixed(1) ?? 'never'} s; ` +
          `measured ${measured.seconds.toFixed(1)} s: p50 ${latency(measured, 'p50')}, p99 ${latency(measured, 'p99')}, ` +
          `${Math.round(throughputPerS)} 2xx/s, non-2xx ${measured.non2xx}, errors ${measured.errors}; ` +
          `${check.tickets} tickets stored for ${report.answered2xx} 2xx answers (${report.cutOff} cut off at the stop, sent again)`,
      );
      return { database: kind, plan, cores: availableParallelism(), ...report, throughputPerS, p99Ms, check };
    } finally {
      await hall.close();
    }
  } finally {
    await database.drop();
    web.remove();
  }
}
