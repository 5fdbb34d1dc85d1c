import type { Kysely } from 'kysely';

/** Frozen in time: it uses Kysely<any> and no application types, so later changes cannot alter it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('terminals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('enroll_code_hash', 'text')
    .addColumn('enroll_expires_at', 'bigint')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('enrolled_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('app_version', 'text')
    .addColumn('device_states', 'text')
    .addColumn('paper_state', 'text')
    .addColumn('outbox_depth', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_heartbeat_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('window_number', 'integer')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh_cn', 'text', (c) => c.notNull())
    .addColumn('name_zh_tw', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('daily_quota', 'integer', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('windows')
    .addColumn('number', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category_codes', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('service_items')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('kiosk_submittable', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('holder_hash', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('used_ticket_id', 'text')
    .execute();
  await db.schema.createIndex('appointments_holder').on('appointments').column('holder_hash').execute();

  // One row per category and service day; the ticket number is made by incrementing it inside
  // the database (an atomic upsert that locks the row), never in a server process.
  await db.schema
    .createTable('ticket_counters')
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .addColumn('last_leased_seq', 'integer', (c) => c.notNull())
    .addColumn('waiting', 'integer', (c) => c.notNull())
    .addColumn('waiting_priority', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_counters_pk', ['category_code', 'service_date'])
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('session_start', 'text', (c) => c.notNull())
    .addColumn('session_end', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('window_number', 'integer')
    .addColumn('called_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('track_token', 'text', (c) => c.notNull().unique())
    .addColumn('terminal_id', 'text')
    .addColumn('lease_id', 'text')
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('tickets_number_per_day', ['category_code', 'service_date', 'seq'])
    .execute();
  await db.schema.createIndex('tickets_queue').on('tickets').columns(['service_date', 'status', 'category_code']).execute();
  // Covers "people ahead" of a tracked ticket (waiting tickets of its category and day before
  // it in calling order): counted from the index alone.
  await db.schema.createIndex('tickets_ahead').on('tickets').columns(['category_code', 'service_date', 'status', 'priority', 'issued_at', 'seq']).execute();

  await db.schema
    .createTable('number_leases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('first_seq', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hall_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'hall_settings',
    'number_leases',
    'tickets',
    'ticket_counters',
    'appointments',
    'service_items',
    'windows',
    'categories',
    'staff_sessions',
    'staff',
    'terminals',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
