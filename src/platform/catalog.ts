/**
 * The hall's service catalog (service items with their guide fields, queue categories), fetched
 * from the hall server and kept in memory; revalidated when older than a few minutes.
 */
import type { Catalog } from '../core/catalog.ts';
import { callHall, type ApiResult } from './hall-api.ts';

/** The catalog changes a few times a year; a terminal picks a change up within minutes. */
const CATALOG_MAX_AGE_MS = 5 * 60 * 1000;

let cached: { catalog: Catalog; fetchedAt: number } | null = null;

export async function loadCatalog(): Promise<ApiResult<Catalog>> {
  if (cached && performance.now() - cached.fetchedAt < CATALOG_MAX_AGE_MS) return { ok: true, value: cached.catalog };
  const result = await callHall<Catalog>('GET', '/catalog');
  if (result.ok) cached = { catalog: result.value, fetchedAt: performance.now() };
  // Offline: the last catalog is better than none.
  else if (cached) return { ok: true, value: cached.catalog };
  return result;
}
