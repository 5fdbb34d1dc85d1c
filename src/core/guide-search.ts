import type { ServiceItem } from './catalog.ts';

/**
 * Search of the service guide (办事指南) at the terminal: Chinese text in any of the item's names
 * and the names citizens use for it, English words, pinyin initials and full pinyin from the
 * on-screen letter keyboard, departments and life events. Pure; the pinyin itself comes with the
 * catalog (ServiceItem.searchKeys), made by the hall server.
 */

/** Better matches first: the order results are listed in. */
export const MATCH_RANKS = [
  'name-exact',
  'name-prefix',
  'initials-prefix',
  'name-contains',
  'pinyin-contains',
  'life-event',
  'department',
] as const;
export type MatchRank = (typeof MATCH_RANKS)[number];

export interface GuideHit {
  item: ServiceItem;
  rank: MatchRank;
}

/**
 * Letters match inside a name or a spelling, rather than at its start, only from these lengths
 * on: a single letter, or two inside a full pinyin ("an" in "quan"), would find most of the catalog.
 */
const MIN_LATIN_INSIDE = 2;
const MIN_PINYIN_INSIDE = 3;

/** Full-width letters (ＨＪＱＹ) and brackets become plain ones, case and spaces are ignored. */
export function normalizeQuery(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const isLatin = (query: string) => /^[a-z0-9]+$/.test(query);

/** Every way the item is named: its names in all languages and the names citizens use for it. */
const namesOf = (item: ServiceItem) => [...Object.values(item.name), ...(item.searchKeys ?? []).map((key) => key.text)];

/** Chinese (or mixed) text: inside any name, then life events and the department. */
function textRank(item: ServiceItem, query: string): MatchRank | null {
  const names = namesOf(item).map(normalizeQuery);
  if (names.includes(query)) return 'name-exact';
  if (names.some((name) => name.startsWith(query))) return 'name-prefix';
  if (names.some((name) => name.includes(query))) return 'name-contains';
  if (item.lifeEvents.some((event) => normalizeQuery(event).includes(query))) return 'life-event';
  if (normalizeQuery(item.department).includes(query)) return 'department';
  return null;
}

/** "transf" finds "Household Registration Transfer": Latin text matches English names at word starts. */
function startsAtAWord(name: string, query: string): boolean {
  const words = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((_, index) => words.slice(index).join('').startsWith(query));
}

/** Letters and digits: pinyin or initials from the letter keyboard, or English. */
function latinRank(item: ServiceItem, query: string): MatchRank | null {
  const names = namesOf(item).map(normalizeQuery);
  const keys = item.searchKeys ?? [];
  if (names.includes(query) || keys.some((key) => key.pinyin === query)) return 'name-exact';
  if (names.some((name) => name.startsWith(query)) || keys.some((key) => key.pinyin.startsWith(query))) return 'name-prefix';
  if (keys.some((key) => key.initials.startsWith(query))) return 'initials-prefix';
  if (query.length >= MIN_LATIN_INSIDE && startsAtAWord(item.name.en, query)) return 'name-contains';
  const inside = keys.some(
    (key) => (query.length >= MIN_LATIN_INSIDE && key.initials.includes(query)) || (query.length >= MIN_PINYIN_INSIDE && key.pinyin.includes(query)),
  );
  return inside ? 'pinyin-contains' : null;
}

/** Matching items, best first; items of the same rank keep the catalog's order. */
export function searchGuide(items: readonly ServiceItem[], query: string): GuideHit[] {
  const wanted = normalizeQuery(query);
  if (wanted === '') return [];
  const latin = isLatin(wanted);
  const hits: GuideHit[] = [];
  for (const item of items) {
    const rank = latin ? latinRank(item, wanted) : textRank(item, wanted);
    if (rank) hits.push({ item, rank });
  }
  // Array.prototype.sort is stable: equal ranks stay in catalog order.
  return hits.sort((a, b) => MATCH_RANKS.indexOf(a.rank) - MATCH_RANKS.indexOf(b.rank));
}

/** Departments in catalog order, each with its items. */
export function itemsByDepartment(items: readonly ServiceItem[]): Map<string, ServiceItem[]> {
  return groupBy(items, (item) => [item.department]);
}

/** Life events (人生事件) in the order they first appear in the catalog, each with its items. */
export function itemsByLifeEvent(items: readonly ServiceItem[]): Map<string, ServiceItem[]> {
  return groupBy(items, (item) => item.lifeEvents);
}

function groupBy(items: readonly ServiceItem[], groupsOf: (item: ServiceItem) => string[]): Map<string, ServiceItem[]> {
  const groups = new Map<string, ServiceItem[]>();
  for (const item of items) {
    for (const group of groupsOf(item)) {
      const members = groups.get(group);
      if (members) members.push(item);
      else groups.set(group, [item]);
    }
  }
  return groups;
}
