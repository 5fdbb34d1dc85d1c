import { signal } from '@preact/signals';
import { DEFAULT_LANGUAGE, type Language, type Localized } from '../../core/language.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';

export type { MessageKey } from './zh-CN.ts';

export const catalogues: Record<Language, Messages> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** The citizen's language; a session resets it to the default for the next person. */
export const language = signal<Language>(DEFAULT_LANGUAGE);

export type MessageParams = Record<string, string | number>;

export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  const text = catalogues[lang][key];
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
