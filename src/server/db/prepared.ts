import type SQLite from 'better-sqlite3';
import type { Compilable, CompiledQuery, DialectAdapter, Kysely } from 'kysely';
import { onSqlite, sqliteConnection } from './connect.ts';
import type { Database } from './schema.ts';

/** Stands for a parameter while a query is built; compiled, it marks where the value goes. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query of the hot path, built and compiled by Kysely once per database instead of at every
 * call: building and compiling was about a sixth of the CPU of issuing a ticket. `build` gets a
 * placeholder for each parameter and must put each into the query untouched, as a value (no
 * arithmetic, no conditions on it); every value of the query must be such a parameter, which
 * the first compile checks. Each execution then only fills in the parameters.
 */
export class PreparedQuery<P extends object, R> {
  /** By the database's adapter, which its transactions share: one compile serves them all. */
  private readonly compiled = new WeakMap<DialectAdapter, { query: CompiledQuery<R>; names: string[] }>();

  constructor(
    private readonly names: readonly (keyof P & string)[],
    private readonly build: (db: Kysely<Database>, params: P) => Compilable<R>,
  ) {}

  /** The query compiled for `db` (a database or one of its transactions), with `values` as its parameters. */
  bind(db: Kysely<Database>, values: P): CompiledQuery<R> {
    const { query, names } = this.compiledFor(db);
    const record = values as Record<string, unknown>;
    return { ...query, parameters: names.map((name) => record[name]) };
  }

  private compiledFor(db: Kysely<Database>) {
    const { adapter } = db.getExecutor();
    let entry = this.compiled.get(adapter);
    if (!entry) {
      const slots = Object.fromEntries(this.names.map((name) => [name, new Slot(name)])) as P;
      const query = this.build(db, slots).compile();
      const names = query.parameters.map((parameter) => {
        if (!(parameter instanceof Slot)) throw new Error(`a prepared query has a value that is not a parameter: ${String(parameter)} in ${query.sql}`);
        return parameter.name;
      });
      this.compiled.set(adapter, (entry = { query, names }));
    }
    return entry;
  }
}

/** Runs a compiled query on a SQLite connection, synchronously: its rows, if it returns any. */
export function runOnSqlite<R>(database: SQLite.Database, query: CompiledQuery<R>): R[] {
  const statement = database.prepare(query.sql);
  if (statement.reader) return statement.all(query.parameters) as R[];
  statement.run(query.parameters);
  return [];
}

/** The first row of a compiled query: on SQLite straight from the connection, on PostgreSQL through Kysely. */
export async function firstRow<R>(db: Kysely<Database>, query: CompiledQuery<R>): Promise<R | undefined> {
  const database = sqliteConnection(db);
  if (database) return onSqlite(db, database, () => runOnSqlite(database, query)[0]);
  return (await db.executeQuery(query)).rows[0];
}
