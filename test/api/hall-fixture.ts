import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Clock } from '../../src/core/clock.ts';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall, type Hall } from '../../src/server/hall.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';

/** PostgreSQL of the build machines: trust auth, database `test`. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const DATABASES = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

/** A minimal built PWA, so the API tests do not depend on `vite build` having run. */
export function fakeWebRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'kiosk24-web-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  return root;
}

/** A fresh database: in-memory SQLite, or a PostgreSQL schema of its own that is dropped after. */
export async function freshDatabase(kind: DatabaseKind): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') return { url: 'sqlite::memory:', drop: async () => undefined };
  const schema = `kiosk24_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

export interface TestHall extends Hall {
  webRoot: string;
  /** Sets the hall clock; every service reads it through the context. */
  setNow(iso: string): void;
  enrollTerminal(name?: string): Promise<string>;
  databaseUrl: string;
  /** The hall's secrets file: every other hall-server process on this database needs the same. */
  secretsFile: string;
  dispose(): Promise<void>;
}

export async function openTestHall(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestHall> {
  const database = await freshDatabase(kind);
  const webRoot = fakeWebRoot();
  // The hall's secrets file, as on a real hall; never the repository's data/.
  const secretsDir = mkdtempSync(join(tmpdir(), 'kiosk24-secrets-'));
  const secretsFile = join(secretsDir, 'secrets.json');
  const hall = await openHall({ config: readHallConfig({ PORT: '0', KIOSK_SECRETS_FILE: secretsFile, ...env }), webRoot, databaseUrl: database.url, demo: true });
  let now = hall.ctx.clock.now();
  const clock: Clock = { now: () => now };
  hall.ctx.clock = clock;
  let terminals = 0;
  return {
    ...hall,
    webRoot,
    databaseUrl: database.url,
    secretsFile,
    setNow(iso) {
      now = Date.parse(iso);
    },
    async enrollTerminal(name = `terminal-${++terminals}`) {
      const { code } = await createEnrollment(hall.ctx, name);
      const response = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code } });
      return (response.json() as { token: string }).token;
    },
    async dispose() {
      await hall.close();
      await database.drop();
      rmSync(webRoot, { recursive: true, force: true });
      rmSync(secretsDir, { recursive: true, force: true });
    },
  };
}
