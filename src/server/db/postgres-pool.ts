/**
 * The PostgreSQL pool of a hall-server process, made to outlive PostgreSQL going away: a
 * restart, a failover or a cut network must give 503s while it lasts and tickets again after,
 * never a dead process (an 'error' event nobody listens to ends a Node process) and never a pool
 * that keeps handing out dead connections.
 */
import type { PostgresPool } from 'kysely';
import pg from 'pg';
import { databaseFault, DatabaseUnavailableError } from './faults.ts';

/** A connection attempt gives up after this: a PostgreSQL that drops packets must not hang requests. */
const CONNECT_TIMEOUT_MS = 5000;
/**
 * After a failed connection attempt the next one waits this long, doubling up to the maximum;
 * meanwhile requests fail at once instead of each knocking on a server that is restarting. The
 * maximum is also how long the hall may stay down after PostgreSQL is back.
 */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 2000;
/** One warning per outage, not one per pooled connection and request. */
const WARNING_INTERVAL_MS = 30_000;

export interface ResilientPoolOptions {
  /** Monotonic milliseconds; tests may replace it. */
  now?: () => number;
  warn?: (message: string) => void;
}

/** Exponential backoff on connection attempts, reset by a connection that works. */
function connectBackoff(now: () => number) {
  let failures = 0;
  let retryAt = 0;
  return {
    waiting: () => failures > 0 && now() < retryAt,
    succeeded: () => {
      failures = 0;
    },
    failed: () => {
      failures++;
      retryAt = now() + Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (failures - 1));
    },
  };
}

function throttledWarning(now: () => number, warn: (message: string) => void): (error: Error) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  return (error) => {
    if (now() - lastAt < WARNING_INTERVAL_MS) return;
    lastAt = now();
    warn(`PostgreSQL connection lost (${error.message}); reconnecting`);
  };
}

/** A pg.Pool behind the interface Kysely's PostgresDialect takes, with its failure modes handled. */
export function resilientPool(config: pg.PoolConfig, options: ResilientPoolOptions = {}): PostgresPool {
  const now = options.now ?? (() => performance.now());
  const warnLost = throttledWarning(now, options.warn ?? ((message) => process.emitWarning(message)));
  const pool = new pg.Pool({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
  // An idle client whose server went away: pg-pool has already dropped it and only reports.
  pool.on('error', warnLost);
  // A client lent out has no listener of pg-pool's; its query fails with the same error, and
  // Kysely's release then finds it unusable, so the pool drops it instead of lending it again.
  pool.on('connect', (client) => client.on('error', warnLost));
  const backoff = connectBackoff(now);
  return {
    async connect() {
      if (backoff.waiting()) throw new DatabaseUnavailableError('PostgreSQL refused the last connection; the next attempt is due shortly');
      try {
        const client = await pool.connect();
        backoff.succeeded();
        return client;
      } catch (error) {
        if (databaseFault(error)) backoff.failed();
        throw error;
      }
    },
    end: () => pool.end(),
  };
}
