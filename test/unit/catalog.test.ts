import 'fake-indexeddb/auto';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../../src/core/catalog.ts';

const CATALOG_V1 = { categories: [], items: [{ code: 'a', name: { 'zh-CN': '甲', 'zh-TW': '甲', en: 'A' } }] } as unknown as Catalog;
const CATALOG_V2 = { categories: [], items: [{ code: 'b', name: { 'zh-CN': '乙', 'zh-TW': '乙', en: 'B' } }] } as unknown as Catalog;

/** What the mocked hall server answers to GET /api/v1/catalog, given the request's If-None-Match. */
let server: (ifNoneMatch: string | null) => Promise<Response>;
const requests: (string | null)[] = [];
const realFetch = globalThis.fetch;
globalThis.fetch = vi.fn(async (_url: string, init?: RequestInit) => {
  const ifNoneMatch = (init?.headers as Record<string, string> | undefined)?.['if-none-match'] ?? null;
  requests.push(ifNoneMatch);
  return server(ifNoneMatch);
}) as unknown as typeof fetch;
afterAll(() => {
  globalThis.fetch = realFetch;
});

const serving = (catalog: Catalog, etag: string) => async (ifNoneMatch: string | null) =>
  ifNoneMatch === etag ? new Response(null, { status: 304 }) : Response.json(catalog, { headers: { etag } });
const offline = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};

/** A terminal starting afresh: new module state, the same IndexedDB. */
async function restartTerminal() {
  vi.resetModules();
  return import('../../src/platform/catalog.ts');
}

async function wipeStorage() {
  const { openKioskDb } = await import('../../src/platform/db.ts');
  await (await openKioskDb()).clear('settings');
}

describe('catalog kept on the terminal', () => {
  beforeEach(async () => {
    requests.length = 0;
    await wipeStorage();
  });

  it('stores the catalog with its ETag and revalidates it with If-None-Match after a restart; a 304 keeps it', async () => {
    server = serving(CATALOG_V1, '"v1"');
    let terminal = await restartTerminal();
    expect(await terminal.loadCatalog()).toEqual({ ok: true, value: CATALOG_V1 });
    expect(requests).toEqual([null]);

    terminal = await restartTerminal();
    const loaded = await terminal.loadCatalog();
    expect(loaded).toEqual({ ok: true, value: CATALOG_V1 });
    expect(requests).toEqual([null, '"v1"']);
    expect(terminal.currentCatalog.value).toEqual(CATALOG_V1);
  });

  it('takes a changed catalog and its new tag', async () => {
    server = serving(CATALOG_V1, '"v1"');
    await (await restartTerminal()).loadCatalog();
    server = serving(CATALOG_V2, '"v2"');
    let terminal = await restartTerminal();
    expect(await terminal.loadCatalog()).toEqual({ ok: true, value: CATALOG_V2 });
    terminal = await restartTerminal();
    await terminal.loadCatalog();
    expect(requests.at(-1)).toBe('"v2"');
  });

  it('answers from storage while the network is down, and asks the server again on the next call', async () => {
    server = serving(CATALOG_V1, '"v1"');
    await (await restartTerminal()).loadCatalog();
    server = offline;
    const terminal = await restartTerminal();
    expect(await terminal.loadCatalog()).toEqual({ ok: true, value: CATALOG_V1 });
    expect(terminal.currentCatalog.value).toEqual(CATALOG_V1);
    server = serving(CATALOG_V2, '"v2"');
    expect(await terminal.loadCatalog()).toEqual({ ok: true, value: CATALOG_V2 });
    expect(terminal.currentCatalog.value).toEqual(CATALOG_V2);
  });

  it('fails with "network" when it never had a catalog and the server cannot be reached', async () => {
    server = offline;
    const terminal = await restartTerminal();
    expect(await terminal.loadCatalog()).toEqual({ ok: false, error: { code: 'network', status: null } });
    expect(terminal.currentCatalog.value).toBeNull();
  });

  it('asks the server once for calls at the same moment, and not again within minutes', async () => {
    server = serving(CATALOG_V1, '"v1"');
    const terminal = await restartTerminal();
    await Promise.all([terminal.loadCatalog(), terminal.loadCatalog(), terminal.loadCatalog()]);
    await terminal.loadCatalog();
    expect(requests).toEqual([null]);
  });

  it('refuses a body that is not a catalog and keeps what it has', async () => {
    server = serving(CATALOG_V1, '"v1"');
    await (await restartTerminal()).loadCatalog();
    server = async () => Response.json({ items: 'nope' }, { headers: { etag: '"bad"' } });
    const terminal = await restartTerminal();
    expect(await terminal.loadCatalog()).toEqual({ ok: true, value: CATALOG_V1 });
  });
});
