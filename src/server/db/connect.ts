import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import * as certificates from './migrations/2026-11-29-certificates.ts';
import * as cases from './migrations/2026-11-30-cases.ts';
import * as hallAndQueue from './migrations/2026-11-24-hall-and-queue.ts';
import * as supervisionIndexes from './migrations/2026-12-01-supervision-indexes.ts';
import * as lookupLimits from './migrations/2026-12-08-lookup-limits.ts';
import * as deviceKeys from './migrations/2026-12-08-device-keys.ts';
import * as staffSecurity from './migrations/2026-12-08-staff-security.ts';
import { resilientPool } from './postgres-pool.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface HallDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema of the hall's tables. */
  schema?: string;
}

// PostgreSQL's bigint (int8) arrives as a string by default; epoch milliseconds fit a double.
pg.types.setTypeParser(20, (value) => Number(value));

/** Every migration, in order. Static imports: the migration set ships inside the build. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-24-hall-and-queue': hallAndQueue,
  '2026-11-29-certificates': certificates,
  '2026-11-30-cases': cases,
  '2026-12-01-supervision-indexes': supervisionIndexes,
  '2026-12-08-device-keys': deviceKeys,
  '2026-12-08-staff-security': staffSecurity,
  '2026-12-08-lookup-limits': lookupLimits,
};

export const DEFAULT_SQLITE_FILE = 'data/kiosk24.sqlite';

/** Distinct SQL texts of the hall server are a few dozen; the bound only guards against surprises. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew, and the hot path runs prepared statements
 * itself (prepared.ts). better-sqlite3 runs one statement at a time, so a prepared statement
 * can be reused for every execution of the same SQL text.
 */
function statementCache(database: SQLite.Database): (sql: string) => SQLite.Statement {
  const cache = new Map<string, SQLite.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      statement = database.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}

/** The connection with some of its methods replaced, for Kysely and the hot path alike. */
function overriding(database: SQLite.Database, overrides: { prepare: (sql: string) => SQLite.Statement; close?: () => void }): SQLite.Database {
  return new Proxy(database, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof typeof overrides];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * SQLite copies the write-ahead log back into the database file (a checkpoint) in the connection
 * that commits, every 1,000 pages by default: with the 8 pages a ticket writes, a pause of
 * several milliseconds every ~125 tickets, taken out of the event loop and added to the
 * requests waiting behind it. A worker thread does that copying instead, on a connection of its
 * own, a few milliseconds after each commit and without ever blocking the writer.
 */
const CHECKPOINT_INTERVAL_MS = 10;
/**
 * The log can only start over from its beginning after a checkpoint that no commit overlapped,
 * which the worker, racing the commits, cannot promise; so this connection still checkpoints,
 * rarely: at this many pages (~40 MB), when the worker has already copied all but its last
 * few milliseconds of commits.
 */
const WAL_RESTART_PAGES = 10_000;

/** Starts the checkpoint worker for a database file; returns how to stop it. */
function startCheckpointer(file: string): () => void {
  const worker = new Worker(new URL('./wal-checkpointer.js', import.meta.url), { workerData: { file, intervalMs: CHECKPOINT_INTERVAL_MS } });
  // Never what keeps the process alive; a checkpoint cut short is safe.
  worker.unref();
  worker.on('error', (error) => process.emitWarning(`SQLite checkpoints fall back to the writing connection: ${error.message}`));
  return () => worker.postMessage('stop');
}

function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  // WAL lets the display and staff pages read while tickets are written; NORMAL is durable
  // across a process crash and loses at most the last transactions on a power cut.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  if (file === ':memory:') return overriding(database, { prepare: statementCache(database) });
  database.pragma(`wal_autocheckpoint = ${WAL_RESTART_PAGES}`);
  const stopCheckpointer = startCheckpointer(file);
  return overriding(database, {
    prepare: statementCache(database),
    close: () => {
      stopCheckpointer();
      database.close();
    },
  });
}

const sqliteConnections = new WeakMap<Kysely<Database>, SQLite.Database>();

/** The SQLite connection behind `db`, for the hot path's own statements; null on PostgreSQL. */
export function sqliteConnection(db: Kysely<Database>): SQLite.Database | null {
  return sqliteConnections.get(db) ?? null;
}

/**
 * Runs `work`, which must be synchronous, on `db`'s SQLite connection. Kysely keeps the one
 * connection across the awaits of its transactions: `work` runs at once when none is open
 * (being synchronous, it ends before anything else can use the connection), else once Kysely
 * lets go of the connection, so its statements never land inside another's transaction.
 */
export async function onSqlite<T>(db: Kysely<Database>, database: SQLite.Database, work: () => T): Promise<T> {
  if (!database.inTransaction) return work();
  return db.connection().execute(async () => work());
}

/**
 * `DATABASE_URL` absent: the embedded SQLite file; `postgres://…`: PostgreSQL, optionally in a
 * schema given by `?schema=` (tests use their own schema and drop it).
 */
export function connectDatabase(url: string | undefined, sqliteFile = DEFAULT_SQLITE_FILE): HallDatabase {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    const pool = resilientPool({
      connectionString: parsed.toString(),
      max: 20,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', schema: schema ?? 'public' };
  }
  if (url && !url.startsWith('sqlite:') && url !== '') throw new Error(`DATABASE_URL must be postgres://… or sqlite:<file>, not "${url}"`);
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : sqliteFile;
  const database = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  sqliteConnections.set(db, database);
  return { db, dialect: 'sqlite' };
}

export async function migrateToLatest({ db, schema }: HallDatabase): Promise<string[]> {
  // Name the schema: without it Kysely looks for its migration tables in every schema of the
  // database and would take another hall's (or another test run's) for this one's.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
