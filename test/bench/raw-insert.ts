import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { formatTicketNumber } from '../../src/core/ticket.ts';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall } from '../../src/server/hall.ts';
import { randomToken } from '../../src/server/security.ts';
import { fakeWebRoot, scratchDatabase, type DatabaseKind, type ScratchDatabase } from './databases.ts';
import { progress } from './format.ts';

export interface RawInsert {
  database: DatabaseKind;
  rows: number;
  seconds: number;
  rowsPerS: number;
  /** Inserts in flight at once: 1 for SQLite (one writer), the server's pool size for PostgreSQL. */
  concurrency: number;
}

/** The hall server's PostgreSQL pool size (src/server/db/connect.ts): no more inserts than that run at once there either. */
export const POSTGRES_POOL_SIZE = 20;

const COLUMNS = [
  'id',
  'client_id',
  'category_code',
  'service_date',
  'session_id',
  'session_start',
  'session_end',
  'seq',
  'number',
  'priority',
  'status',
  'window_number',
  'called_at',
  'finished_at',
  'track_token',
  'terminal_id',
  'lease_id',
  'issued_at',
  'created_at',
] as const;

type TicketValues = Record<(typeof COLUMNS)[number], string | number | null>;

interface Category {
  code: string;
  prefix: string;
}

/** Rows as the server writes them (services/tickets.ts), categories in turn, numbers 1, 2, 3… per category. */
function ticketMaker(categories: Category[], serviceDate: string): () => TicketValues {
  const seqs = new Map<string, number>();
  const terminalId = randomUUID();
  let next = 0;
  return () => {
    const category = categories[next++ % categories.length]!;
    const seq = (seqs.get(category.code) ?? 0) + 1;
    seqs.set(category.code, seq);
    const now = Date.now();
    return {
      id: randomUUID(),
      client_id: randomUUID(),
      category_code: category.code,
      service_date: serviceDate,
      session_id: 'morning',
      session_start: '09:00',
      session_end: '12:00',
      seq,
      number: formatTicketNumber(category.prefix, seq),
      priority: null,
      status: 'waiting',
      window_number: null,
      called_at: null,
      finished_at: null,
      track_token: randomToken(18),
      terminal_id: terminalId,
      lease_id: null,
      issued_at: now,
      created_at: now,
    };
  };
}

/**
 * The same schema, indexes and catalog as the hall's: the migrations and the demo seed, run by
 * the server itself, which is then closed. The raw inserts go into this database's tickets table.
 */
async function preparedDatabase(kind: DatabaseKind): Promise<{ database: ScratchDatabase; categories: Category[] }> {
  const database = await scratchDatabase(kind, 'raw');
  const web = fakeWebRoot();
  try {
    const hall = await openHall({ config: readHallConfig({ PORT: '0' }), webRoot: web.dir, databaseUrl: database.url, demo: true });
    const categories = await hall.ctx.db.selectFrom('categories').select(['code', 'prefix']).orderBy('sort_order').execute();
    await hall.close();
    return { database, categories };
  } catch (error) {
    await database.drop();
    throw error;
  } finally {
    web.remove();
  }
}

interface Inserted {
  rows: number;
  seconds: number;
}

/** Inserts until `seconds` have passed; the clock starts once everything is connected and prepared. */
async function insertFor(seconds: number, insertOne: () => unknown, concurrency: number): Promise<Inserted> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let rows = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await insertOne();
      rows++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** One transaction per row, like the server's issue, with the server's pragmas; one writer. */
async function sqliteInserts(file: string, categories: Category[], serviceDate: string, seconds: number): Promise<Inserted> {
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const insert = db.prepare(`INSERT INTO tickets (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')})`);
    const inTransaction = db.transaction((row: TicketValues) => insert.run(row));
    const makeTicket = ticketMaker(categories, serviceDate);
    // Synchronous, as better-sqlite3 is: awaiting it only adds a microtask per row.
    return await insertFor(seconds, () => inTransaction(makeTicket()), 1);
  } finally {
    db.close();
  }
}

/** One INSERT per row (autocommit), `concurrency` of them in flight on a pool, like the server's. */
async function postgresInserts(
  connection: { url: string; schema: string },
  categories: Category[],
  serviceDate: string,
  seconds: number,
  concurrency: number,
): Promise<Inserted> {
  const pool = new pg.Pool({ connectionString: connection.url, max: concurrency, options: `-c search_path=${connection.schema}` });
  try {
    // Open every connection of the pool first: connecting is not inserting.
    await Promise.all(Array.from({ length: concurrency }, () => pool.query('SELECT 1')));
    const text = `INSERT INTO tickets (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_column, index) => `$${index + 1}`).join(', ')})`;
    const makeTicket = ticketMaker(categories, serviceDate);
    return await insertFor(
      seconds,
      () => {
        const row = makeTicket();
        return pool.query(text, COLUMNS.map((column) => row[column]));
      },
      concurrency,
    );
  } finally {
    await pool.end();
  }
}

/**
 * What the database alone can take: ticket-shaped rows straight into a fresh hall database,
 * no HTTP, no query builder, no reads. The ceiling the server's figures are read against.
 */
export async function measureRawInsert(kind: DatabaseKind, seconds: number, serviceDate: string): Promise<RawInsert> {
  const { database, categories } = await preparedDatabase(kind);
  try {
    const concurrency = kind === 'sqlite' ? 1 : POSTGRES_POOL_SIZE;
    const { rows, seconds: elapsed } =
      kind === 'sqlite'
        ? await sqliteInserts(database.file!, categories, serviceDate, seconds)
        : await postgresInserts(database.postgres!, categories, serviceDate, seconds, concurrency);
    const rowsPerS = rows / elapsed;
    progress(`raw insert on ${kind}: ${rows} rows in ${elapsed.toFixed(2)} s = ${Math.round(rowsPerS)} rows/s`);
    return { database: kind, rows, seconds: elapsed, rowsPerS, concurrency };
  } finally {
    await database.drop();
  }
}
