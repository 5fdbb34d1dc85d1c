import type { SearchKey, ServiceItem } from '../../core/catalog.ts';

/**
 * Pinyin search keys of the catalog's item names, made here so that the pinyin library and its
 * dictionary (hundreds of KB) never reach the terminal. pinyin-pro segments the whole name into
 * words before it picks a reading, which is what gets polyphones right: 行 in 银行 (hang) and
 * 行驶证 (xing), 重 in 重新 (chong), 参 in 参保 (can).
 */

type PinyinFunction = typeof import('pinyin-pro').pinyin;

/**
 * Words of official item names and the words citizens say for them: an item is found under
 * either. Each pair works in both directions.
 */
const SPOKEN_NAMES: readonly (readonly [string, string])[] = [
  ['户口', '户籍'],
  ['不动产权证书', '房产证'],
  ['不动产', '房产'],
  ['社会保险', '社保'],
  ['医疗保险', '医保'],
  ['最低生活保障', '低保'],
  ['基本养老保险待遇', '养老金'],
  ['个人所得税', '个税'],
];

/** The name itself first, then each name made by saying one of its words the other way. */
export function namesOf(name: string): string[] {
  const names = [name];
  for (const [a, b] of SPOKEN_NAMES) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      // 不动产权证书 → 房产证 first; 不动产 → 房产 must not then also fire inside it.
      if (name.includes(from) && !names.some((other) => other !== name && other.includes(to))) names.push(name.replaceAll(from, to));
    }
  }
  return [...new Set(names)];
}

/** Syllables (and runs of Latin letters or digits) of a name, lower case, punctuation dropped. */
function syllablesOf(pinyin: PinyinFunction, text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .map((syllable) => syllable.toLowerCase())
    .filter((syllable) => /^[a-z0-9]+$/.test(syllable));
}

export function searchKeyOf(pinyin: PinyinFunction, text: string): SearchKey {
  const syllables = syllablesOf(pinyin, text);
  return { text, pinyin: syllables.join(''), initials: syllables.map((syllable) => syllable[0]).join('') };
}

let library: Promise<PinyinFunction> | null = null;

/** Loaded on the first catalog request: a CLI command or a ticket never pays for the dictionary. */
function pinyinLibrary(): Promise<PinyinFunction> {
  return (library ??= import('pinyin-pro').then((module) => module.pinyin));
}

/** By item name. Catalogs hold a few hundred names and change a few times a year. */
const keysByName = new Map<string, SearchKey[]>();

/** The items with their search keys (any keys stored with an item are replaced). */
export async function withSearchKeys(items: ServiceItem[]): Promise<ServiceItem[]> {
  const pinyin = await pinyinLibrary();
  return items.map((item) => {
    const name = item.name['zh-CN'];
    let keys = keysByName.get(name);
    if (!keys) keysByName.set(name, (keys = namesOf(name).map((text) => searchKeyOf(pinyin, text))));
    return { ...item, searchKeys: keys };
  });
}
