/**
 * The hall's secrets, kept out of the database they protect: the holder pepper (every holder
 * hash is an HMAC of an ID number with it; with the pepper, a copied database gives the ID
 * numbers back in minutes) and, in a demo hall only, the demo identity provider's private key.
 *
 * The database keeps a check value of the pepper, not the pepper: several hall-server processes
 * on one PostgreSQL must hash with the same pepper, and one started with another pepper would
 * store hashes nobody finds again, so it refuses to start instead.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { dirname, join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { ConfigError, MIN_PEPPER_LENGTH } from './config.ts';
import { sqliteConnection, type Dialect } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import { createSecretFile, readSecretFile, type SecretObject } from './secrets-file.ts';
import { randomToken } from './security.ts';

/** Next to the embedded SQLite file's default, data/kiosk24.sqlite; for PostgreSQL halls too. */
export const DEFAULT_SECRETS_FILE = 'data/secrets.json';
/** Only a demo hall has it: the demo provider's codes open demo certificates, nothing real. */
export const DEMO_KEY_FILE_NAME = 'demo-identity-key.json';

/** Where versions before the secrets file kept them; moved out at the first start. */
const LEGACY_PEPPER_SETTING = 'holder_pepper';
const LEGACY_DEMO_KEY_SETTING = 'demo_identity_key';
const PEPPER_CHECK_SETTING = 'holder_pepper_check';
const PEPPER_CHECK_MESSAGE = 'kiosk24 pepper check';

export interface SecretsOptions {
  /** The secrets file; null keeps the secrets in memory (an in-memory database, gone with the process). */
  file: string | null;
  /** KIOSK_HOLDER_PEPPER, which takes the place of the file's pepper. */
  holderPepper?: string;
}

/** The demo provider's private key (a JWK), where the demo hall keeps it. */
export interface DemoKeyStore {
  /** Null in a hall that was never seeded with the demo. */
  read(): SecretObject | null;
  /** Keeps `key` unless a key is kept already; answers the key kept. */
  keep(key: SecretObject): SecretObject;
}

export interface HallSecrets {
  holderPepper: string;
  demoIdentityKey: DemoKeyStore;
  /** The database held the demo provider's private key, now deleted: codes signed with it must not be trusted. */
  demoKeyWasInDatabase: boolean;
}

export function pepperCheckValue(pepper: string): string {
  return createHmac('sha256', pepper).update(PEPPER_CHECK_MESSAGE).digest('base64url');
}

function memoryDemoKeys(): DemoKeyStore {
  let kept: SecretObject | null = null;
  return { read: () => kept, keep: (key) => (kept ??= key) };
}

function fileDemoKeys(file: string): DemoKeyStore {
  let kept: SecretObject | null = null;
  const read = () => (kept ??= readSecretFile(file));
  return {
    read,
    keep(key) {
      createSecretFile(file, key);
      return read()!;
    },
  };
}

const SAME_PEPPER_ADVICE =
  'Every hall-server process on one database needs the same secrets file (KIOSK_SECRETS_FILE) or KIOSK_HOLDER_PEPPER: ' +
  'copy the secrets file of the server that first used this database. A new pepper would make every stored holder unfindable.';

/**
 * The pepper of the secrets file. Without a file, `proposed` is written into a new one, unless
 * the database already has holder hashes made with some pepper: a new one would only fail its check.
 */
function filePepper(file: string, proposed: string, mayCreate: boolean): string {
  for (;;) {
    const stored = readSecretFile(file);
    if (stored) {
      const pepper = stored.holderPepper;
      if (typeof pepper !== 'string' || pepper.length < MIN_PEPPER_LENGTH) throw new ConfigError(`${file} has no usable holderPepper (at least ${MIN_PEPPER_LENGTH} characters)`);
      return pepper;
    }
    if (!mayCreate) throw new ConfigError(`there is no secrets file at ${file}, but this database's holder hashes were made with a pepper. ${SAME_PEPPER_ADVICE}`);
    if (createSecretFile(file, { holderPepper: proposed })) return proposed;
    // Another process of the hall created it in the meantime: its pepper is the one.
  }
}

async function readSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  return (await db.selectFrom('hall_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The database's check value, stored by the first start with a pepper; refuses any other pepper. */
async function checkPepper(db: Kysely<Database>, pepper: string, source: string): Promise<void> {
  const check = pepperCheckValue(pepper);
  await db.insertInto('hall_settings').values({ key: PEPPER_CHECK_SETTING, value: check }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const stored = await readSetting(db, PEPPER_CHECK_SETTING);
  if (stored !== undefined && sameText(stored, check)) return;
  throw new ConfigError(`the holder pepper from ${source} is not the one this database's holder hashes were made with. ${SAME_PEPPER_ADVICE}`);
}

/**
 * Deletes the secrets earlier versions kept in hall_settings, overwriting their bytes: SQLite
 * would otherwise leave the deleted text in free space, PostgreSQL in dead row versions.
 */
async function eraseLegacySettings(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const keys = [LEGACY_PEPPER_SETTING, LEGACY_DEMO_KEY_SETTING];
  const sqlite = sqliteConnection(db);
  if (sqlite) {
    const before = sqlite.pragma('secure_delete', { simple: true }) as number;
    sqlite.pragma('secure_delete = ON');
    try {
      await db.deleteFrom('hall_settings').where('key', 'in', keys).execute();
    } finally {
      sqlite.pragma(`secure_delete = ${before}`);
    }
    return;
  }
  await db.deleteFrom('hall_settings').where('key', 'in', keys).execute();
  if (dialect !== 'postgres') return;
  try {
    // Rewrites the small table, so the deleted versions leave the data files too.
    await sql`VACUUM FULL hall_settings`.execute(db);
  } catch (error) {
    process.emitWarning(`the old holder pepper was deleted from hall_settings, but VACUUM FULL failed (${(error as Error).message}); run it by hand`);
  }
}

/**
 * The hall's secrets, moving those of an older version out of the database on the way. The
 * order makes every step safe to interrupt: the pepper is in the file before the database's
 * copy is deleted.
 */
export async function loadHallSecrets(db: Kysely<Database>, dialect: Dialect, options: SecretsOptions): Promise<HallSecrets> {
  const legacyPepper = await readSetting(db, LEGACY_PEPPER_SETTING);
  const legacyDemoKey = await readSetting(db, LEGACY_DEMO_KEY_SETTING);
  const proposed = legacyPepper ?? randomToken();
  const mayCreate = legacyPepper !== undefined || (await readSetting(db, PEPPER_CHECK_SETTING)) === undefined;
  const source = options.holderPepper ? 'KIOSK_HOLDER_PEPPER' : options.file ? options.file : 'memory';
  const holderPepper = options.holderPepper ?? (options.file ? filePepper(options.file, proposed, mayCreate) : proposed);
  if (legacyPepper !== undefined && !sameText(legacyPepper, holderPepper)) {
    throw new ConfigError(
      `this database still holds the holder pepper of an older kiosk24, and ${source} has another one. ` +
        'Start once with neither KIOSK_HOLDER_PEPPER nor an existing secrets file, so that the database\'s pepper moves into a new secrets file.',
    );
  }
  await checkPepper(db, holderPepper, source);
  if (legacyPepper !== undefined || legacyDemoKey !== undefined) await eraseLegacySettings(db, dialect);
  const demoIdentityKey = options.file ? fileDemoKeys(join(dirname(options.file), DEMO_KEY_FILE_NAME)) : memoryDemoKeys();
  return { holderPepper, demoIdentityKey, demoKeyWasInDatabase: legacyDemoKey !== undefined };
}

/** The secrets file of a hall: the configured one, else memory for an in-memory database, else the default. */
export function secretsFileFor(configured: string | undefined, db: Kysely<Database>): string | null {
  if (configured) return configured;
  // An in-memory database is gone with the process, and its secrets may go with it.
  if (sqliteConnection(db)?.memory) return null;
  return DEFAULT_SECRETS_FILE;
}
