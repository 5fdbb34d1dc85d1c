import type { Kysely } from 'kysely';

/**
 * Indexes for the efficiency supervision, measured on a quarter of 100,000 cases:
 * - the quarterly report groups manual cases by acceptance and exempt cases by submission; both
 *   indexes hold every column the report reads, so it never visits the (wide) case rows. The
 *   first replaces cases_supervision, of which it is an extension.
 * - the card sweep reads open manual cases and those finished since its last run, every minute:
 *   (handling, finished_at) keeps that from scanning every manual case ever accepted.
 * Frozen in time: Kysely<any>, no application imports.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_report_accepted').on('cases').columns(['handling', 'accepted_at', 'finished_at', 'department', 'window_number', 'staff_id']).execute();
  await db.schema.dropIndex('cases_supervision').execute();
  await db.schema.createIndex('cases_report_submitted').on('cases').columns(['handling', 'submitted_at', 'channel', 'department', 'window_number', 'staff_id']).execute();
  await db.schema.createIndex('cases_sweep').on('cases').columns(['handling', 'finished_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_sweep').execute();
  await db.schema.dropIndex('cases_report_submitted').execute();
  await db.schema.createIndex('cases_supervision').on('cases').columns(['handling', 'accepted_at']).execute();
  await db.schema.dropIndex('cases_report_accepted').execute();
}
