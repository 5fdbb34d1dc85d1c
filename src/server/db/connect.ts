import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import * as hallAndQueue from './migrations/2026-11-24-hall-and-queue.ts';
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
};

export const DEFAULT_SQLITE_FILE = 'data/kiosk24.sqlite';

/** Distinct SQL texts of the hall server are a few dozen; the bound only guards against surprises. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; compiling SQL was a fifth of the CPU of
 * issuing a ticket. better-sqlite3 runs one statement at a time, so a prepared statement can be
 * reused for every execution of the same SQL text.
 */
function withStatementCache(database: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string): SQLite.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      statement = database.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
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
    const pool = new pg.Pool({
      connectionString: parsed.toString(),
      max: 20,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', schema: schema ?? 'public' };
  }
  if (url && !url.startsWith('sqlite:') && url !== '') throw new Error(`DATABASE_URL must be postgres://… or sqlite:<file>, not "${url}"`);
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : sqliteFile;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  // WAL lets the display and staff pages read while tickets are written; NORMAL is durable
  // across a process crash and loses at most the last transactions on a power cut.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }), dialect: 'sqlite' };
}

export async function migrateToLatest({ db, schema }: HallDatabase): Promise<string[]> {
  // Name the schema: without it Kysely looks for its migration tables in every schema of the
  // database and would take another hall's (or another test run's) for this one's.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
