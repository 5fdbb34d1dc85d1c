/**
 * The holder pepper and the demo provider's private key live outside the database: a copy of the
 * database alone (a backup, a replica, a stolen disk) must not give back the ID numbers behind
 * its holder hashes, nor sign identity codes.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall, type Hall } from '../../src/server/hall.ts';
import { DEMO_KEY_FILE_NAME, pepperCheckValue } from '../../src/server/secrets.ts';
import { randomToken } from '../../src/server/security.ts';
import { DEMO_ISSUER, mintDemoCode } from '../../src/server/services/identity-codes.ts';
import { DATABASES, fakeWebRoot, freshDatabase, type DatabaseKind } from './hall-fixture.ts';

const settingKeys = async (hall: Hall) => (await hall.ctx.db.selectFrom('hall_settings').select(['key', 'value']).execute()).map((row) => row.key);
const fileMode = (path: string) => statSync(path).mode & 0o777;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;

describe('secrets outside the database', () => {
  let dir: string;
  let webRoot: string;
  let databaseFile: string;
  let open: Hall[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-secrets-test-'));
    webRoot = fakeWebRoot();
    databaseFile = join(dir, 'hall.sqlite');
    open = [];
  });
  afterEach(async () => {
    for (const hall of open) await hall.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(webRoot, { recursive: true, force: true });
  });

  async function start(options: { secrets?: string; demo?: boolean; env?: Record<string, string> } = {}): Promise<Hall> {
    const env = { PORT: '0', KIOSK_SECRETS_FILE: options.secrets ?? join(dir, 'secrets', 'secrets.json'), ...options.env };
    const hall = await openHall({ config: readHallConfig(env), webRoot, databaseUrl: `sqlite:${databaseFile}`, demo: options.demo ?? false });
    open.push(hall);
    return hall;
  }
  async function stop(hall: Hall): Promise<void> {
    open.splice(open.indexOf(hall), 1);
    await hall.close();
    // Everything committed, folded from the write-ahead log into the file: then the file is the whole database.
    const raw = new SQLite(databaseFile);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
  }
  const databaseBytes = () => readFileSync(databaseFile);

  it('creates the secrets file readable by the server only at the first start, and keeps the pepper across a restart', async () => {
    const secrets = join(dir, 'secrets', 'secrets.json');
    const first = await start();
    expect(fileMode(secrets)).toBe(0o600);
    expect(readJson(secrets).holderPepper).toBe(first.ctx.pepper);
    expect(await settingKeys(first)).not.toContain('holder_pepper');
    const check = await first.ctx.db.selectFrom('hall_settings').select('value').where('key', '=', 'holder_pepper_check').executeTakeFirstOrThrow();
    expect(check.value).toBe(pepperCheckValue(first.ctx.pepper));
    const pepper = first.ctx.pepper;
    await stop(first);

    const again = await start();
    expect(again.ctx.pepper).toBe(pepper);
  });

  it('leaves neither the pepper nor the demo provider’s private key in a copy of the database', async () => {
    const hall = await start({ demo: true });
    const keyFile = join(dir, 'secrets', DEMO_KEY_FILE_NAME);
    expect(fileMode(keyFile)).toBe(0o600);
    const privateKey = readJson(keyFile).d!;
    expect(await mintDemoCode(hall.ctx, { subject: '110101199003071234', name: '测试' })).toMatch(/^ey/);
    const pepper = hall.ctx.pepper;
    await stop(hall);

    const copy = databaseBytes();
    expect(copy.includes(pepper)).toBe(false);
    expect(copy.includes(privateKey)).toBe(false);
  });

  it('gives a hall never seeded with the demo no demo provider key', async () => {
    const hall = await start({ demo: false });
    expect(existsSync(join(dir, 'secrets', DEMO_KEY_FILE_NAME))).toBe(false);
    await expect(mintDemoCode(hall.ctx, { subject: '110101199003071234', name: '测试' })).rejects.toThrow(/no demo identity provider/);
  });

  it('moves the pepper of an older database into a new secrets file and erases it and the demo key from the database', async () => {
    const before = await start({ demo: true });
    const pepper = before.ctx.pepper;
    const demoKey = readFileSync(join(dir, 'secrets', DEMO_KEY_FILE_NAME), 'utf8');
    await stop(before);
    // The database as versions before the secrets file left it, and no secrets file at all.
    const raw = new SQLite(databaseFile);
    raw.prepare("DELETE FROM hall_settings WHERE key = 'holder_pepper_check'").run();
    raw.prepare('INSERT INTO hall_settings (key, value) VALUES (?, ?), (?, ?)').run('holder_pepper', pepper, 'demo_identity_key', demoKey);
    raw.close();
    rmSync(join(dir, 'secrets'), { recursive: true });
    expect(databaseBytes().includes(pepper)).toBe(true);

    const migrated = await start({ secrets: join(dir, 'new-secrets', 'secrets.json') });
    expect(migrated.ctx.pepper).toBe(pepper);
    expect(readJson(join(dir, 'new-secrets', 'secrets.json')).holderPepper).toBe(pepper);
    expect(fileMode(join(dir, 'new-secrets', 'secrets.json'))).toBe(0o600);
    expect(await settingKeys(migrated)).not.toContain('holder_pepper');
    expect(await settingKeys(migrated)).not.toContain('demo_identity_key');
    // Its private key sat in every copy of the database made so far: codes signed with it are no longer trusted.
    expect(await migrated.ctx.db.selectFrom('identity_providers').select('issuer').where('issuer', '=', DEMO_ISSUER).execute()).toEqual([]);
    await stop(migrated);

    const copy = databaseBytes();
    expect(copy.includes(pepper)).toBe(false);
    expect(copy.includes(JSON.parse(demoKey).d)).toBe(false);
  });

  it('refuses a secrets file that other users may read', async () => {
    const secrets = join(dir, 'secrets', 'secrets.json');
    await stop(await start());
    chmodSync(secrets, 0o640);
    await expect(start()).rejects.toThrow(/other users may open it .*chmod 600/);
  });

  it('takes the pepper from KIOSK_HOLDER_PEPPER and writes no secrets file for it', async () => {
    const pepper = randomToken();
    const hall = await start({ env: { KIOSK_HOLDER_PEPPER: pepper } });
    expect(hall.ctx.pepper).toBe(pepper);
    expect(existsSync(join(dir, 'secrets', 'secrets.json'))).toBe(false);
  });
});

describe.each(DATABASES)('hall servers sharing one %s database', (kind: DatabaseKind) => {
  let dir: string;
  let webRoot: string;
  let database: { url: string; drop(): Promise<void> };
  let open: Hall[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-fleet-test-'));
    webRoot = fakeWebRoot();
    database = kind === 'sqlite' ? { url: `sqlite:${join(dir, 'hall.sqlite')}`, drop: async () => undefined } : await freshDatabase('postgres');
    open = [];
  });
  afterEach(async () => {
    for (const hall of open) await hall.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(webRoot, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<Hall> {
    const hall = await openHall({ config: readHallConfig({ PORT: '0', ...env }), webRoot, databaseUrl: database.url });
    open.push(hall);
    return hall;
  }

  it('start together with the same secrets file, and a server with another pepper refuses to start', async () => {
    const shared = join(dir, 'shared', 'secrets.json');
    const first = await start({ KIOSK_SECRETS_FILE: shared });
    const second = await start({ KIOSK_SECRETS_FILE: shared });
    expect(second.ctx.pepper).toBe(first.ctx.pepper);

    await expect(start({ KIOSK_SECRETS_FILE: join(dir, 'other', 'secrets.json') })).rejects.toThrow(/no secrets file at .* holder hashes were made with a pepper/);
    // A refused start leaves no new secrets file behind to confuse the next one.
    expect(existsSync(join(dir, 'other', 'secrets.json'))).toBe(false);
    await expect(start({ KIOSK_HOLDER_PEPPER: randomToken() })).rejects.toThrow(/KIOSK_HOLDER_PEPPER is not the one/);
    const fromEnvironment = await start({ KIOSK_HOLDER_PEPPER: first.ctx.pepper, KIOSK_SECRETS_FILE: join(dir, 'unused', 'secrets.json') });
    expect(fromEnvironment.ctx.pepper).toBe(first.ctx.pepper);
  });
});
