import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/core/catalog.ts';
import { DEMO_CATALOG, DEMO_WINDOWS } from '../../src/server/demo/catalog-data.ts';
import { saveCatalog } from '../../src/server/services/catalog.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

describe.each(DATABASES)('catalog search keys on %s', (kind) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(kind);
  });
  afterAll(async () => hall?.dispose());

  const fetchCatalog = async (etag?: string) => hall.app.inject({ url: '/api/v1/catalog', headers: etag ? { 'if-none-match': etag } : {} });

  it('serves pinyin keys with every item, and still answers 304 to the same tag', async () => {
    const first = await fetchCatalog();
    expect(first.statusCode).toBe(200);
    const catalog = first.json() as Catalog;
    expect(catalog.items.every((item) => item.searchKeys && item.searchKeys[0]!.text === item.name['zh-CN'])).toBe(true);
    const transfer = catalog.items.find((item) => item.code === 'household-transfer-in-city')!;
    expect(transfer.searchKeys).toEqual([
      { text: '户口迁移（市内）', pinyin: 'hukouqianyishinei', initials: 'hkqysn' },
      { text: '户籍迁移（市内）', pinyin: 'hujiqianyishinei', initials: 'hjqysn' },
    ]);
    const etag = first.headers.etag as string;
    expect((await fetchCatalog()).headers.etag).toBe(etag);
    const again = await fetchCatalog(etag);
    expect(again.statusCode).toBe(304);
  });

  it('documents the keys in the OpenAPI file', async () => {
    const doc = (await hall.app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }> };
    const schema = JSON.stringify(doc.paths['/api/v1/catalog']!.get.responses['200']!.content['application/json']!.schema);
    expect(schema).toContain('"searchKeys"');
    expect(schema).toContain('"initials"');
  });

  it('makes new keys and a new tag when an item is renamed', async () => {
    const before = await fetchCatalog();
    const renamed: Catalog = {
      ...DEMO_CATALOG,
      items: DEMO_CATALOG.items.map((item) => (item.code === 'invoice-issuance' ? { ...item, name: { ...item.name, 'zh-CN': '发票申领' } } : item)),
    };
    await saveCatalog(hall.ctx.db, renamed, DEMO_WINDOWS);
    const after = await fetchCatalog(before.headers.etag as string);
    expect(after.statusCode).toBe(200);
    const invoice = (after.json() as Catalog).items.find((item) => item.code === 'invoice-issuance')!;
    expect(invoice.searchKeys![0]).toEqual({ text: '发票申领', pinyin: 'fapiaoshenling', initials: 'fpsl' });
    await saveCatalog(hall.ctx.db, DEMO_CATALOG, DEMO_WINDOWS);
  });
});
