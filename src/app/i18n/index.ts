import { effect, signal } from '@preact/signals';
import { DEFAULT_LANGUAGE, type Language, type Localized } from '../../core/language.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';

/**
 * The default language's catalogue ships with the app; the others load on first use, and ahead
 * of it once the kiosk is idle: three catalogues are a third of the initial JS budget.
 */
export const referenceCatalogue: Messages = zhCN;

const LOADERS: Record<Exclude<Language, 'zh-CN'>, () => Promise<Messages>> = {
  'zh-TW': () => import('./zh-TW.ts').then((module) => module.zhTW),
  en: () => import('./en.ts').then((module) => module.en),
};

const loaded = signal<Partial<Record<Language, Messages>>>({ 'zh-CN': zhCN });
const loading = new Map<Language, Promise<Messages>>();

export function loadCatalogue(lang: Language): Promise<Messages> {
  const ready = loaded.peek()[lang];
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(lang);
  if (!pending) {
    pending = LOADERS[lang as Exclude<Language, 'zh-CN'>]().then(
      (messages) => {
        loaded.value = { ...loaded.peek(), [lang]: messages };
        return messages;
      },
      (error: unknown) => {
        // A failed chunk (an update under way) is tried again at the next tap.
        loading.delete(lang);
        throw error;
      },
    );
    loading.set(lang, pending);
  }
  return pending;
}

/** The citizen's language; a session resets it to the default for the next person. */
export const language = signal<Language>(DEFAULT_LANGUAGE);

/** Switches once the catalogue is there, so that no screen shows a mix of languages meanwhile. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    await loadCatalogue(lang);
  } catch {
    return;
  }
  language.value = lang;
}

export function prefetchCatalogues(): void {
  for (const lang of Object.keys(LOADERS) as Language[]) void loadCatalogue(lang).catch(() => undefined);
}

export type MessageParams = Record<string, string | number>;

export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const text = (loaded.value[lang] ?? zhCN)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Text in the current language; components that call it re-render when the language changes. */
export function t(key: MessageKey, params?: MessageParams): string {
  return translate(language.value, key, params);
}

export function localized(text: Localized): string {
  return text[language.value];
}

// A language set directly (a test, a restored state) still gets its catalogue.
effect(() => {
  if (!loaded.value[language.value]) void loadCatalogue(language.value).catch(() => undefined);
});
