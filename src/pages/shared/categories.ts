import { signal } from '@preact/signals';
import type { Language, Localized } from '../../core/language.ts';
import { requestJson } from './api.ts';
import { array, object, string } from './parse.ts';

// Only the queue categories are read; the service items of the catalog are ignored.
const CatalogCategories = object({
  categories: array(object({ code: string, prefix: string, name: object({ 'zh-CN': string, 'zh-TW': string, en: string }) })),
});

/** Names of the queue categories by code; tickets carry only the code. */
export const categoryNames = signal<ReadonlyMap<string, Localized>>(new Map());

const RETRY_MS = 15_000;

export async function loadCategoryNames(): Promise<void> {
  const result = await requestJson('/catalog', CatalogCategories);
  if (!result.ok) {
    setTimeout(() => void loadCategoryNames(), RETRY_MS);
    return;
  }
  categoryNames.value = new Map(result.value.categories.map((category) => [category.code, category.name]));
}

/** The category's name, or its code while the catalog has not arrived. */
export function categoryName(code: string, lang: Language = 'zh-CN'): string {
  return categoryNames.value.get(code)?.[lang] ?? code;
}
