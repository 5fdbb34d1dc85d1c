/**
 * Errors that say the database cannot serve right now, as opposed to a bug: PostgreSQL gone or
 * restarting, a connection cut, SQLite's disk full or its file read-only. The hall answers
 * those with 503, which terminals take as "hall unreachable" and retry from their outbox.
 */

export type DatabaseFault = 'unavailable' | 'read-only' | 'disk-full';

/** Thrown instead of trying to connect while PostgreSQL has just refused (postgres-pool.ts). */
export class DatabaseUnavailableError extends Error {
  readonly code = 'KIOSK_DATABASE_UNAVAILABLE';
}

/** Socket errors of a connection to PostgreSQL, while connecting or later. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * PostgreSQL SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now (a restart or a
 * failover), too_many_connections, out_of_memory. Class 08 (connection exceptions) is matched apart.
 */
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '53200']);
/** node-postgres's own errors carry no code, only these messages. */
const PG_CONNECTION_MESSAGE = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/;

function faultOfCode(code: string): DatabaseFault | null {
  // SQLite for ENOSPC and max_page_count alike; PostgreSQL's disk_full.
  if (code === 'SQLITE_FULL' || code === '53100') return 'disk-full';
  // A read-only file or mount; PostgreSQL's read_only_sql_transaction on a standby.
  if (code.startsWith('SQLITE_READONLY') || code === '25006') return 'read-only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') return 'unavailable';
  if (NETWORK_CODES.has(code) || POSTGRES_UNAVAILABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return 'unavailable';
  return null;
}

/** What kind of database outage `error` reports; null for anything else (a bug, a constraint). */
export function databaseFault(error: unknown, depth = 0): DatabaseFault | null {
  if (!(error instanceof Error) || depth > 3) return null;
  if (error instanceof DatabaseUnavailableError) return 'unavailable';
  const code = (error as { code?: unknown }).code;
  const byCode = typeof code === 'string' ? faultOfCode(code) : null;
  if (byCode) return byCode;
  if (PG_CONNECTION_MESSAGE.test(error.message)) return 'unavailable';
  // Node's connect to a name with several addresses fails with one error per address.
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const fault = databaseFault(inner, depth + 1);
      if (fault) return fault;
    }
  }
  return error.cause === undefined ? null : databaseFault(error.cause, depth + 1);
}
