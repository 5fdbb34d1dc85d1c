import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall, type Hall } from '../../src/server/hall.ts';
import { loadCatalog, saveCatalog } from '../../src/server/services/catalog.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';
import { fakeWebRoot, scratchDatabase, type DatabaseKind } from './databases.ts';

/** What a load generator needs to act as the hall's terminals, and the hall to look into afterwards. */
export interface LoadHall {
  hall: Hall;
  /** e.g. http://127.0.0.1:41234/api/v1/tickets */
  url: string;
  /** The API's root, e.g. http://127.0.0.1:41234/api/v1 */
  api: string;
  /** Device tokens (session tokens of key-bound terminals), one per enrolled terminal. */
  tokens: string[];
  /** With `keyed`: each terminal's device key, to sign card assertions as its kiosk-shell would. */
  devices: BenchDevice[];
  /** Queue category codes, in the hall's order. */
  categories: string[];
}

/** The largest KIOSK_TICKET_BURST: a run of ~15 s at a few thousand tickets per second takes a few hundred per terminal. */
const BENCH_TICKET_BURST = 99_999;

/** A quota no load can reach: a refusal for a full quota would be a correct non-2xx, not a measurement. */
const UNREACHABLE_QUOTA = 10_000_000;

/** A key-bound terminal as its kiosk-shell holds it: the private key (JWK) and what the hall knows it by. */
export interface BenchDevice {
  terminalId: string;
  keyId: string;
  privateJwk: JsonWebKey;
}

/**
 * Enrolls as a technician does: a one-time code from the admin side, exchanged over the API;
 * `keyed`, with a device key as kiosk-shell enrolls (the terminals that can identify by card).
 */
async function enrollTerminals(hall: Hall, count: number, keyed: boolean): Promise<{ tokens: string[]; devices: BenchDevice[] }> {
  const tokens: string[] = [];
  const devices: BenchDevice[] = [];
  for (let index = 1; index <= count; index++) {
    const { code } = await createEnrollment(hall.ctx, `bench-terminal-${String(index).padStart(3, '0')}`);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
    const response = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code, ...(keyed ? { deviceKey: { kty, crv, x, y } } : {}) } });
    if (response.statusCode !== 200) throw new Error(`enrolling terminal ${index}: ${response.statusCode} ${response.body}`);
    const { token, terminalId } = response.json() as { token: string; terminalId: string };
    tokens.push(token);
    if (keyed) devices.push({ terminalId, keyId: await calculateJwkThumbprint({ kty, crv, x, y }), privateJwk: privateKey.export({ format: 'jwk' }) });
  }
  return { tokens, devices };
}

/**
 * Adds queue categories, copies of the first under new codes and prefixes, until the hall has
 * `total`: a category gives out at most LEASE_BASE (5,000) online numbers a day, and a load must
 * measure the server, not run out of numbers.
 */
async function addCategories(hall: Hall, total: number): Promise<void> {
  const { catalog } = await loadCatalog(hall.ctx.db);
  const first = catalog.categories[0]!;
  for (let index = catalog.categories.length; index < total; index++) {
    catalog.categories.push({ ...first, code: `bench-${index}`, prefix: `X${index}` });
  }
  const windows = await hall.ctx.db.selectFrom('windows').selectAll().execute();
  const categoryCodes = (window: (typeof windows)[number]) => JSON.parse(window.category_codes) as string[];
  await saveCatalog(hall.ctx.db, catalog, windows.map((window) => ({ number: window.number, name: window.name, categoryCodes: categoryCodes(window) })));
}

export interface LoadHallShape {
  /** Enrolled terminals, each with its own device token. */
  terminals: number;
  /** KIOSK_NOW: the hall's clock stands still at this instant. */
  now: string;
  /** At least this many queue categories: the demo hall's, and copies if it has fewer. */
  categories?: number;
  /** Enroll with device keys, as kiosk-shell does (card identities need them). */
  keyed?: boolean;
}

/**
 * A load identifies one citizen after another at one terminal, far past what a screen serves:
 * the per-terminal identity limits are lifted (not switched off), like the ticket limit.
 */
const BENCH_IDENTITY_LIMIT = '99999';

/**
 * The real hall server in this process (demo hall, clock pinned to `now`), on a fresh database
 * of its own, with `terminals` enrolled terminals, listening on a loopback port while `use` runs;
 * then closed and its database dropped. Each load gets its own, so none inherits another's tickets.
 */
export async function withLoadHall<T>(kind: DatabaseKind, name: string, shape: LoadHallShape, use: (target: LoadHall) => Promise<T>): Promise<T> {
  const { terminals, now } = shape;
  const database = await scratchDatabase(kind, name);
  const web = fakeWebRoot();
  try {
    // Each terminal of the load takes a ticket whenever the last is answered, hundreds a minute:
    // far past the per-terminal limit a citizen never reaches, which is lifted (not switched off).
    const config = readHallConfig({
      PORT: '0',
      KIOSK_NOW: now,
      KIOSK_TICKET_BURST: String(BENCH_TICKET_BURST),
      KIOSK_LIMIT_CONSENTS_PER_MINUTE: BENCH_IDENTITY_LIMIT,
      KIOSK_LIMIT_HOLDERS_PER_HOUR: BENCH_IDENTITY_LIMIT,
    });
    const hall = await openHall({ config, webRoot: web.dir, databaseUrl: database.url, demo: true });
    try {
      if (shape.categories) await addCategories(hall, shape.categories);
      await hall.ctx.db.updateTable('categories').set({ daily_quota: UNREACHABLE_QUOTA }).execute();
      const categories = (await hall.ctx.db.selectFrom('categories').select('code').orderBy('sort_order').execute()).map((row) => row.code);
      const { tokens, devices } = await enrollTerminals(hall, terminals, shape.keyed ?? false);
      const address = await hall.app.listen({ host: '127.0.0.1', port: 0 });
      return await use({ hall, url: `${address}/api/v1/tickets`, api: `${address}/api/v1`, tokens, devices, categories });
    } finally {
      await hall.close();
    }
  } finally {
    await database.drop();
    web.remove();
  }
}
