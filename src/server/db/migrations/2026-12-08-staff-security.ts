import type { Kysely } from 'kysely';

/**
 * Staff security: the audit trail of admin and security actions, and the failed-login counters
 * that lock an account or an address. Both live in the database, not in process memory, so every
 * hall-server process of a fleet sees the same lockouts and the same trail.
 * Frozen in time: Kysely<any>, no application imports.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('client_address', 'text')
    .execute();
  // The admin page reads newest first, a page at a time, continuing after (at, id).
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();

  await db.schema
    .createTable('login_throttle')
    // SHA-256 of "account:<username>" or "address:<ip>": a copied database names nobody.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'bigint', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint')
    .execute();
  await db.schema.createIndex('login_throttle_window').on('login_throttle').column('window_started_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('audit_log').execute();
}
