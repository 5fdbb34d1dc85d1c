import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CategoryHours } from '../../core/calendar/hours.ts';
import type { Catalog, QueueCategory, ServiceItem } from '../../core/catalog.ts';
import type { CategoryRow, Database } from '../db/schema.ts';
import { TtlCache } from '../ttl-cache.ts';
import { withSearchKeys } from './search-keys.ts';

export function categoryFromRow(row: CategoryRow, windows: number[]): QueueCategory {
  return {
    code: row.code,
    prefix: row.prefix,
    name: { 'zh-CN': row.name_zh_cn, 'zh-TW': row.name_zh_tw, en: row.name_en },
    dailyQuota: row.daily_quota,
    hours: JSON.parse(row.hours) as CategoryHours,
    windows,
  };
}

/** Categories are read for every ticket and change a few times a year. */
const CATEGORY_CACHE_MS = 2000;
const categoryCaches = new WeakMap<object, TtlCache<'all', QueueCategory[]>>();

function categoryCache(db: Kysely<Database>): TtlCache<'all', QueueCategory[]> {
  let cache = categoryCaches.get(db);
  if (!cache) categoryCaches.set(db, (cache = new TtlCache(CATEGORY_CACHE_MS)));
  return cache;
}

export function loadCategories(db: Kysely<Database>): Promise<QueueCategory[]> {
  return categoryCache(db).get('all', () => readCategories(db));
}

async function readCategories(db: Kysely<Database>): Promise<QueueCategory[]> {
  const [rows, windows] = await Promise.all([
    db.selectFrom('categories').selectAll().orderBy('sort_order').execute(),
    db.selectFrom('windows').selectAll().orderBy('number').execute(),
  ]);
  return rows.map((row) =>
    categoryFromRow(
      row,
      windows.filter((w) => (JSON.parse(w.category_codes) as string[]).includes(row.code)).map((w) => w.number),
    ),
  );
}

export async function loadCategory(db: Kysely<Database>, code: string): Promise<QueueCategory | null> {
  return (await loadCategories(db)).find((category) => category.code === code) ?? null;
}

/**
 * Every case reads its service item, and a terminal draining its outbox sends thousands of cases
 * of the same few items within seconds: an item is read and parsed once every 2 s at most, as the
 * categories are. An unknown code is remembered (as null) as long.
 */
const ITEM_CACHE_MS = 2000;
const itemCaches = new WeakMap<object, TtlCache<string, ServiceItem | null>>();

function itemCache(db: Kysely<Database>): TtlCache<string, ServiceItem | null> {
  let cache = itemCaches.get(db);
  if (!cache) itemCaches.set(db, (cache = new TtlCache(ITEM_CACHE_MS)));
  return cache;
}

/** One service item, read alone (the catalog holds a few hundred); shared between callers, never to be changed. */
export function loadServiceItem(db: Kysely<Database>, code: string): Promise<ServiceItem | null> {
  return itemCache(db).get(code, async () => {
    const row = await db.selectFrom('service_items').select('document').where('code', '=', code).executeTakeFirst();
    return row ? (JSON.parse(row.document) as ServiceItem) : null;
  });
}

export interface VersionedCatalog {
  catalog: Catalog;
  etag: string;
}

export async function loadCatalog(db: Kysely<Database>): Promise<VersionedCatalog> {
  const [categories, items] = await Promise.all([
    loadCategories(db),
    db.selectFrom('service_items').select('document').orderBy('sort_order').execute(),
  ]);
  const catalog: Catalog = { categories, items: await withSearchKeys(items.map((row) => JSON.parse(row.document) as ServiceItem)) };
  const etag = `"${createHash('sha256').update(JSON.stringify(catalog)).digest('base64url').slice(0, 27)}"`;
  return { catalog, etag };
}

/** Replaces the catalog (categories, windows, items) in one transaction. */
export async function saveCatalog(
  db: Kysely<Database>,
  catalog: Catalog,
  windows: { number: number; name: string; categoryCodes: string[] }[],
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('service_items').execute();
    await tx.deleteFrom('windows').execute();
    for (const [index, category] of catalog.categories.entries()) {
      const row = {
        prefix: category.prefix,
        name_zh_cn: category.name['zh-CN'],
        name_zh_tw: category.name['zh-TW'],
        name_en: category.name.en,
        daily_quota: category.dailyQuota,
        hours: JSON.stringify(category.hours),
        sort_order: index,
      };
      await tx
        .insertInto('categories')
        .values({ code: category.code, ...row })
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    for (const window of windows) {
      await tx
        .insertInto('windows')
        .values({ number: window.number, name: window.name, category_codes: JSON.stringify(window.categoryCodes) })
        .execute();
    }
    for (const [index, item] of catalog.items.entries()) {
      await tx
        .insertInto('service_items')
        .values({
          code: item.code,
          category_code: item.categoryCode,
          kiosk_submittable: item.kioskSubmittable ? 1 : 0,
          document: JSON.stringify(item),
          sort_order: index,
        })
        .execute();
    }
  });
  categoryCache(db).clear();
  itemCache(db).clear();
}
