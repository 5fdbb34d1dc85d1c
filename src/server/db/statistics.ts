import { sql } from 'kysely';
import type { HallDatabase } from './connect.ts';

/**
 * Table statistics for SQLite's query planner, which gathers none by itself: without them it
 * plans the quarterly report's cards query as if every table were small (415 ms on a quarter of
 * 100,000 cases, 54 ms once analyzed). SQLite's advice for a long-lived connection
 * (https://sqlite.org/pragma.html#pragma_optimize): `PRAGMA optimize=0x10002` when it opens (the
 * 0x10000 bit looks at every table, not only those this connection has queried, which are none
 * yet), then plain `PRAGMA optimize` every few hours. It analyzes only tables never analyzed or
 * much grown or shrunk since, on a bounded sample (SQLite 3.46+): ~130 ms on that quarter, and
 * nothing at all on most runs. PostgreSQL needs none of this: autovacuum analyzes on its own.
 */
export const STATISTICS_INTERVAL_MS = 6 * 60 * 60_000;

export interface StatisticsUpkeep {
  /** Stops the timer and waits for a run in progress, so the database can be closed after. */
  stop(): Promise<void>;
}

/**
 * Gathers the statistics now, then every `intervalMs`. A failed run (the database busy past its
 * timeout) is reported and tried again next time: the hall serves without statistics, only slower.
 */
export async function startStatisticsUpkeep({ db, dialect }: HallDatabase, onError: (error: unknown) => void, intervalMs = STATISTICS_INTERVAL_MS): Promise<StatisticsUpkeep> {
  if (dialect !== 'sqlite') return { stop: async () => undefined };
  const optimize = (pragma: string) => sql.raw(pragma).execute(db).then(() => undefined, onError);
  let current = optimize('PRAGMA optimize=0x10002');
  await current;
  const timer = setInterval(() => {
    current = optimize('PRAGMA optimize');
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
