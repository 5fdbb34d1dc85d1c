/**
 * Whether the hall's database can serve a terminal now: answer a query, and take a write. A
 * server whose every write fails is not healthy, whatever its reads say; a load balancer and
 * the terminals must see that from /api/v1/health.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import { sqliteConnection } from './connect.ts';
import { databaseFault, type DatabaseFault } from './faults.ts';
import type { Database } from './schema.ts';

export type DatabaseHealth = 'ok' | DatabaseFault;

/**
 * A health check writes at most this often (50 terminals probing every 30 s are ~2 checks a
 * second); between writes the round-trip query still catches a database that went away.
 */
export const WRITE_PROBE_INTERVAL_MS = 15_000;
/** Below this, SQLite's next checkpoint or new page may fail with SQLITE_FULL: say so before it does. */
const MIN_FREE_BYTES = 16 * 1024 * 1024;
const WRITE_PROBE_SETTING = 'health_write_probe';

/**
 * No room for a new page: at its max_page_count (a limit set on the database) with no free page
 * left, or a file system nearly full. An update in place may still succeed on a full disk
 * (SQLite rewrites its log from the start), so the write probe alone would not notice.
 */
function sqliteOutOfSpace(db: Kysely<Database>): boolean {
  const sqlite = sqliteConnection(db);
  if (!sqlite) return false;
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  const maxPages = sqlite.pragma('max_page_count', { simple: true }) as number;
  if (pages >= maxPages && (sqlite.pragma('freelist_count', { simple: true }) as number) === 0) return true;
  if (sqlite.memory) return false;
  const space = statfsSync(dirname(sqlite.name));
  return space.bavail * space.bsize < MIN_FREE_BYTES;
}

/** The health check of one hall's database; `clock` read at every call, so a test may replace it. */
export function databaseHealthCheck(source: { db: Kysely<Database>; clock: Clock }): () => Promise<DatabaseHealth> {
  let lastWriteAt: number | undefined;
  let writing: Promise<void> | undefined;
  const probeWrite = async () => {
    const now = source.clock.now();
    await source.db
      .insertInto('hall_settings')
      .values({ key: WRITE_PROBE_SETTING, value: new Date(now).toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: new Date(now).toISOString() }))
      .execute();
    lastWriteAt = now;
  };
  const writeDue = (now: number) => lastWriteAt === undefined || now < lastWriteAt || now - lastWriteAt >= WRITE_PROBE_INTERVAL_MS;
  return async () => {
    try {
      await sql`select 1`.execute(source.db);
      if (sqliteOutOfSpace(source.db)) return 'disk-full';
      if (writeDue(source.clock.now())) {
        // Concurrent checks share one write.
        writing ??= probeWrite().finally(() => (writing = undefined));
        await writing;
      }
      return 'ok';
    } catch (error) {
      lastWriteAt = undefined;
      return databaseFault(error) ?? 'unavailable';
    }
  };
}
