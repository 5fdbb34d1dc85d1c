import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type DatabaseKind = 'sqlite' | 'postgres';

export const DATABASE_LABEL: Record<DatabaseKind, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** PostgreSQL of the build machines, as the API tests use it: trust auth, database `test`. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  /** For openHall's databaseUrl: `sqlite:<file>` or `postgres://…?schema=…`. */
  url: string;
  /** The SQLite file, for opening it without the server. */
  file?: string;
  /** The PostgreSQL connection and schema, for connecting without the server. */
  postgres?: { url: string; schema: string };
  drop(): Promise<void>;
}

/**
 * A SQLite FILE in a temp dir, not `:memory:`: the hall runs on a file in WAL mode, and the
 * write-ahead log and its checkpoints are part of what a ticket costs.
 */
function scratchSqlite(name: string): ScratchDatabase {
  const dir = mkdtempSync(join(tmpdir(), `kiosk24-bench-${name}-`));
  const file = join(dir, 'hall.sqlite');
  return { url: `sqlite:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function onPostgres(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A schema of its own in the shared test database, dropped afterwards, like the API tests do. */
async function scratchPostgres(name: string): Promise<ScratchDatabase> {
  const schema = `kiosk24_bench_${name.replaceAll('-', '_')}_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  await onPostgres(`CREATE SCHEMA ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return { url: url.toString(), postgres: { url: POSTGRES_URL, schema }, drop: () => onPostgres(`DROP SCHEMA ${schema} CASCADE`) };
}

export function scratchDatabase(kind: DatabaseKind, name: string): Promise<ScratchDatabase> {
  return kind === 'sqlite' ? Promise.resolve(scratchSqlite(name)) : scratchPostgres(name);
}

/** A minimal web root: the hall server refuses to start without an index.html, the load never asks for it. */
export function fakeWebRoot(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk24-bench-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
