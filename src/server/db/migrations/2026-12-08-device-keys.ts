import type { Kysely } from 'kysely';

/**
 * Identity assurance: the server no longer takes a terminal's word for who stands at it.
 * - terminals: the public device key that kiosk-shell made at enrollment (a card identity is
 *   accepted only with an assertion signed by it), and a suspension set by the per-terminal limits.
 * - terminal_sessions: short-lived tokens a key-bound terminal's shell gets by signing with its key.
 * - proof_uses: every identity proof (card assertion, identity code, consent) serves one request.
 * - identity_uses: who was identified at which terminal and when, for the per-terminal limits.
 * - terminal_alerts: what the limits saw, for the fleet page.
 * - usage_log.terminal_id: certificates opened per terminal on the fleet page (outside the hash
 *   chain, whose user_name already names the terminal).
 * Frozen in time: Kysely<any>, no application imports.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('terminals').addColumn('device_key', 'text').execute();
  await db.schema.alterTable('terminals').addColumn('key_id', 'text').execute();
  await db.schema.alterTable('terminals').addColumn('key_enrolled_at', 'bigint').execute();
  await db.schema.alterTable('terminals').addColumn('suspended_at', 'bigint').execute();
  await db.schema.alterTable('terminals').addColumn('suspended_reason', 'text').execute();
  await db.schema.alterTable('terminals').addColumn('limits_since', 'bigint').execute();
  // A session assertion names its key only: one key, one terminal.
  await db.schema.createIndex('terminals_key').on('terminals').column('key_id').unique().execute();

  await db.schema
    .createTable('terminal_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('terminal_sessions_expiry').on('terminal_sessions').column('expires_at').execute();
  await db.schema.createIndex('terminal_sessions_terminal').on('terminal_sessions').column('terminal_id').execute();

  await db.schema
    .createTable('proof_uses')
    .addColumn('use_key', 'text', (c) => c.primaryKey())
    .addColumn('used_by', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proof_uses_expiry').on('proof_uses').column('expires_at').execute();

  await db.schema
    .createTable('identity_uses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('holder_hash', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identity_uses_terminal').on('identity_uses').columns(['terminal_id', 'at']).execute();

  await db.schema
    .createTable('terminal_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('limit_value', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('terminal_alerts_terminal').on('terminal_alerts').columns(['terminal_id', 'at']).execute();

  await db.schema.createIndex('certificate_consents_terminal').on('certificate_consents').columns(['terminal_id', 'created_at']).execute();
  await db.schema.alterTable('usage_log').addColumn('terminal_id', 'text').execute();
  await db.schema.createIndex('usage_log_terminal').on('usage_log').columns(['terminal_id', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('usage_log_terminal').execute();
  await db.schema.alterTable('usage_log').dropColumn('terminal_id').execute();
  await db.schema.dropIndex('certificate_consents_terminal').execute();
  await db.schema.dropTable('terminal_alerts').execute();
  await db.schema.dropTable('identity_uses').execute();
  await db.schema.dropTable('proof_uses').execute();
  await db.schema.dropTable('terminal_sessions').execute();
  await db.schema.dropIndex('terminals_key').execute();
  for (const column of ['limits_since', 'suspended_reason', 'suspended_at', 'key_enrolled_at', 'key_id', 'device_key']) {
    await db.schema.alterTable('terminals').dropColumn(column).execute();
  }
}
