/**
 * The hall's service catalog (service items with their guide fields, queue categories), fetched
 * from the hall server and kept in memory and in IndexedDB with its ETag: the catalog is not
 * personal data, and with the stored copy the service guide works while the network is down.
 * A stored copy is revalidated with If-None-Match; a 304 keeps it.
 */
import { signal } from '@preact/signals';
import type { Catalog } from '../core/catalog.ts';
import { readSetting, writeSetting } from './db.ts';
import { deviceToken, type ApiResult } from './hall-api.ts';

/** The catalog changes a few times a year; a terminal picks a change up within minutes. */
const CATALOG_MAX_AGE_MS = 5 * 60 * 1000;
/** As hall-api's: a citizen waits at most this long before the stored catalog is used. */
const REQUEST_TIMEOUT_MS = 6000;

interface StoredCatalog {
  catalog: Catalog;
  etag: string | null;
}

/**
 * The last known catalog, from the server or from storage: screens that show it (the guide)
 * render it at once and re-render when a revalidation brings a newer one.
 */
export const currentCatalog = signal<Catalog | null>(null);

let known: StoredCatalog | null = null;
/** performance.now() of the last answer from the server (200 or 304); null: never, or only stored. */
let validatedAt: number | null = null;
let reading: Promise<StoredCatalog | null> | null = null;
let revalidating: Promise<ApiResult<Catalog>> | null = null;

const isCatalog = (value: unknown): value is Catalog =>
  typeof value === 'object' && value !== null && Array.isArray((value as Catalog).items) && Array.isArray((value as Catalog).categories);

function parseStored(value: unknown): StoredCatalog | null {
  if (typeof value !== 'object' || value === null) return null;
  const { catalog, etag } = value as Partial<StoredCatalog>;
  return isCatalog(catalog) && (typeof etag === 'string' || etag === null) ? { catalog, etag } : null;
}

/** Memory first, then IndexedDB (once per page). */
function knownCatalog(): Promise<StoredCatalog | null> {
  if (known) return Promise.resolve(known);
  reading ??= readSetting('catalog').then(parseStored);
  return reading.then((stored) => {
    known ??= stored;
    return known;
  });
}

function remember(next: StoredCatalog): void {
  known = next;
  if (currentCatalog.peek() !== next.catalog) currentCatalog.value = next.catalog;
}

type Answer = { kind: 'changed'; catalog: Catalog; etag: string | null } | { kind: 'unchanged' } | { kind: 'failed'; code: string; status: number | null };

async function fetchCatalog(etag: string | null): Promise<Answer> {
  const headers: Record<string, string> = {};
  const bearer = await deviceToken();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (etag) headers['if-none-match'] = etag;
  try {
    // no-store: the validator is ours to keep, so the browser hands the 304 through.
    const response = await fetch('/api/v1/catalog', { headers, cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (response.status === 304) return etag ? { kind: 'unchanged' } : { kind: 'failed', code: 'http-304', status: 304 };
    if (!response.ok) return { kind: 'failed', code: `http-${response.status}`, status: response.status };
    const body: unknown = await response.json();
    return isCatalog(body) ? { kind: 'changed', catalog: body, etag: response.headers.get('etag') } : { kind: 'failed', code: 'malformed', status: response.status };
  } catch {
    return { kind: 'failed', code: 'network', status: null };
  }
}

async function revalidate(): Promise<ApiResult<Catalog>> {
  const stored = await knownCatalog();
  if (stored) remember(stored);
  const answer = await fetchCatalog(stored?.etag ?? null);
  if (answer.kind === 'changed') {
    const next = { catalog: answer.catalog, etag: answer.etag };
    remember(next);
    validatedAt = performance.now();
    await writeSetting('catalog', next);
    return { ok: true, value: next.catalog };
  }
  if (answer.kind === 'unchanged' && stored) {
    validatedAt = performance.now();
    return { ok: true, value: stored.catalog };
  }
  // Offline: the last catalog is better than none; the next call asks the server again.
  if (stored) return { ok: true, value: stored.catalog };
  return { ok: false, error: { code: answer.kind === 'failed' ? answer.code : 'network', status: answer.kind === 'failed' ? answer.status : null } };
}

export async function loadCatalog(): Promise<ApiResult<Catalog>> {
  if (known && validatedAt !== null && performance.now() - validatedAt < CATALOG_MAX_AGE_MS) return { ok: true, value: known.catalog };
  // Screens opened at the same moment share one request.
  revalidating ??= revalidate().finally(() => (revalidating = null));
  return revalidating;
}
