import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { isLocalDate, weekdayOf } from '../../core/calendar/local-date.ts';
import type { Language } from '../../core/language.ts';

export type MessageParams = Record<string, string | number>;

/** Fills each `{name}` of a message; a name without a value is left out. */
export function fillIn(message: string, params: MessageParams = {}): string {
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Traditional script for Taiwan, Hong Kong and Macao browsers, English for non-Chinese ones, else simplified. */
export function languageOfBrowser(tag: string | undefined): Language {
  const lower = (tag ?? '').toLowerCase();
  if (!lower.startsWith('zh')) return lower === '' ? 'zh-CN' : 'en';
  return /^zh-(tw|hk|mo|hant)/.test(lower) ? 'zh-TW' : 'zh-CN';
}

export interface PhoneI18n<L extends Language, K extends string> {
  language: ReadonlySignal<L>;
  /** The messages of the language on screen, for a page that needs one unfilled. */
  catalogue: ReadonlySignal<Record<K, string>>;
  t(key: K, params?: MessageParams): string;
  chooseLanguage(next: L): void;
}

interface PhoneI18nOptions<L extends Language, K extends string> {
  /** The one thing a page keeps on the citizen's phone: the language chosen, under this key. */
  storageKey: string;
  /** Every language's messages; `title` names the browser tab. */
  catalogues: Record<L, Record<K, string> & { title: string }>;
  /** Whether a stored value is a language this page speaks. */
  speaks(value: unknown): value is L;
  /** The language before the citizen chose one, or when the phone's storage is blocked. */
  fallback(): L;
}

/** A page's language, remembered on the phone, its messages, and the document's lang and title kept in step. */
export function phoneI18n<L extends Language, K extends string>({ storageKey, catalogues, speaks, fallback }: PhoneI18nOptions<L, K>): PhoneI18n<L, K> {
  const initial = (): L => {
    try {
      const stored = localStorage.getItem(storageKey);
      if (speaks(stored)) return stored;
    } catch {
      // Storage blocked: the page's own default.
    }
    return fallback();
  };
  const language = signal<L>(initial());
  const catalogue = computed(() => catalogues[language.value]);
  const t = (key: K, params?: MessageParams): string => fillIn(catalogue.value[key], params);

  function chooseLanguage(next: L): void {
    language.value = next;
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private browsing: the choice lasts for this visit only.
    }
  }

  effect(() => {
    document.documentElement.lang = language.value;
    document.title = catalogue.value.title;
  });
  return { language, catalogue, t, chooseLanguage };
}

const WEEKDAY_NAMES: Record<Language, readonly string[]> = {
  'zh-CN': ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  'zh-TW': ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type CalendarDayParts = { year: number; month: number; day: number; weekday: string; monthName: string };

/** A China calendar day ("2026-11-27") as the parts of a page's date message, its weekday named in `language`; null for anything else. */
export function calendarDayParts(localDate: string, language: Language): CalendarDayParts | null {
  if (!isLocalDate(localDate)) return null;
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
  return { year, month, day, weekday: WEEKDAY_NAMES[language][weekdayOf(localDate)] ?? '', monthName: MONTH_NAMES[month - 1] ?? '' };
}
