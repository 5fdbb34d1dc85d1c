import type { Kysely } from 'kysely';

/**
 * Lookups that can be guessed, and the admin PIN:
 * - lookup_failures: one row per wrong guess (a typed ID number or query code that did not match
 *   a case number; a wrong admin PIN from a terminal), counted over a sliding window. In the
 *   database, not in a process's memory, so that several hall-server processes behind a load
 *   balancer count the same misses.
 * - admin_pin_stretches: the hall's admin PIN hash stretched by many more PBKDF2 iterations, for
 *   the offline copy each terminal gets (core/admin-pin.ts). Made once per hall hash by whichever
 *   process needs it first, then shared; a new KIOSK_ADMIN_PIN_HASH makes a new one.
 * Frozen in time: Kysely<any>, no application imports.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lookup_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lookup_failures_subject').on('lookup_failures').columns(['scope', 'subject', 'failed_at']).execute();

  await db.schema
    .createTable('admin_pin_stretches')
    .addColumn('hall_hash', 'text', (c) => c.primaryKey())
    .addColumn('iterations', 'integer', (c) => c.notNull())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_pin_stretches').execute();
  await db.schema.dropIndex('lookup_failures_subject').execute();
  await db.schema.dropTable('lookup_failures').execute();
}
