import type { Kysely } from 'kysely';

/**
 * Cases (办件) from terminals and windows, their timeline and supplement pauses; evaluations
 * (好差评) with their rectifications; the efficiency supervision's cards and appeals.
 * Frozen in time: Kysely<any>, no application imports.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One row per day; case numbers are made by incrementing it inside the database.
  await db.schema
    .createTable('case_counters')
    .addColumn('service_date', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_number', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('handling', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('applicant_hash', 'text', (c) => c.notNull())
    .addColumn('applicant_kind', 'text', (c) => c.notNull())
    .addColumn('applicant_masked', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('promised_limit_days', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('due_date', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('window_number', 'integer')
    .addColumn('staff_id', 'text')
    .addColumn('terminal_id', 'text')
    .addColumn('evaluation_token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_applicant').on('cases').column('applicant_hash').execute();
  // The quarterly report and the card sweep read manual cases by acceptance time.
  await db.schema.createIndex('cases_supervision').on('cases').columns(['handling', 'accepted_at']).execute();
  await db.schema.createIndex('cases_status').on('cases').columns(['status', 'channel']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('staff_id', 'text')
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute();

  // 补正: while a supplement is awaited the promised time limit stands still.
  await db.schema
    .createTable('case_suspensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute();
  await db.schema.createIndex('case_suspensions_case').on('case_suspensions').column('case_id').execute();

  await db.schema
    .createTable('supervision_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('window_number', 'integer')
    .addColumn('staff_id', 'text')
    .addColumn('revoked_at', 'bigint')
    .addUniqueConstraint('supervision_cards_one_per_color', ['case_id', 'color'])
    .execute();
  await db.schema.createIndex('supervision_cards_issued').on('supervision_cards').column('issued_at').execute();

  await db.schema
    .createTable('card_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('card_id', 'text', (c) => c.notNull().references('supervision_cards.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .addColumn('decided_by', 'text')
    .execute();
  await db.schema.createIndex('card_appeals_card').on('card_appeals').column('card_id').execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('comment', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // One evaluation per service.
    .addUniqueConstraint('evaluations_one_per_service', ['subject_kind', 'subject_id'])
    .execute();

  await db.schema
    .createTable('rectifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('evaluation_id', 'text', (c) => c.notNull().unique().references('evaluations.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rectifications', 'evaluations', 'card_appeals', 'supervision_cards', 'case_suspensions', 'case_events', 'cases', 'case_counters']) {
    await db.schema.dropTable(table).execute();
  }
}
