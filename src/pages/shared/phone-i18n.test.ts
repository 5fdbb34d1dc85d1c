import { afterEach, describe, expect, it, vi } from 'vitest';
import { calendarDayParts, fillIn, languageOfBrowser, phoneI18n } from './phone-i18n.ts';

type TwoLanguages = 'zh-CN' | 'en';
const CATALOGUES = {
  'zh-CN': { title: '排队进度', ahead: '前面还有 {n} 人' },
  en: { title: 'Queue status', ahead: '{n} ahead of you' },
};
const speaksTwo = (value: unknown): value is TwoLanguages => value === 'zh-CN' || value === 'en';

/** A phone's storage and document, as the page sees them. */
function phone(stored: Record<string, string> = {}, blocked = false) {
  const storage = {
    getItem: (key: string) => {
      if (blocked) throw new DOMException('blocked', 'SecurityError');
      return stored[key] ?? null;
    },
    setItem: (key: string, value: string) => {
      if (blocked) throw new DOMException('blocked', 'SecurityError');
      stored[key] = value;
    },
  };
  const document = { documentElement: { lang: '' }, title: '' };
  vi.stubGlobal('localStorage', storage);
  vi.stubGlobal('document', document);
  return { stored, document };
}

const open = () => phoneI18n({ storageKey: 'kiosk24.test.language', catalogues: CATALOGUES, speaks: speaksTwo, fallback: () => 'zh-CN' });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('phoneI18n', () => {
  it('starts in the language chosen on an earlier visit, and names the tab in it', () => {
    const { document } = phone({ 'kiosk24.test.language': 'en' });
    const { language, t } = open();
    expect(language.value).toBe('en');
    expect(t('ahead', { n: 2 })).toBe('2 ahead of you');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Queue status');
  });

  it('remembers only the choice of language, under its own key', () => {
    const { stored, document } = phone();
    const { chooseLanguage, t } = open();
    expect(t('ahead', { n: 0 })).toBe('前面还有 0 人');
    chooseLanguage('en');
    expect(stored).toEqual({ 'kiosk24.test.language': 'en' });
    expect(document.title).toBe('Queue status');
  });

  it('falls back to its default for a language it does not speak, or when storage is blocked', () => {
    phone({ 'kiosk24.test.language': 'zh-TW' });
    expect(open().language.value).toBe('zh-CN');
    phone({}, true);
    const { language, chooseLanguage } = open();
    expect(language.value).toBe('zh-CN');
    chooseLanguage('en');
    expect(language.value).toBe('en');
  });
});

describe('fillIn', () => {
  it('fills each placeholder and leaves out one without a value', () => {
    expect(fillIn('请到{window}号窗口办理', { window: 3 })).toBe('请到3号窗口办理');
    expect(fillIn('{time}（北京时间）')).toBe('（北京时间）');
  });
});

describe('languageOfBrowser', () => {
  it('reads traditional script for Taiwan, Hong Kong and Macao, English for other languages, else simplified', () => {
    expect(languageOfBrowser('zh-CN')).toBe('zh-CN');
    expect(languageOfBrowser('zh')).toBe('zh-CN');
    expect(languageOfBrowser('zh-TW')).toBe('zh-TW');
    expect(languageOfBrowser('zh-HK')).toBe('zh-TW');
    expect(languageOfBrowser('zh-Hant-MO')).toBe('zh-TW');
    expect(languageOfBrowser('en-GB')).toBe('en');
    expect(languageOfBrowser('fr')).toBe('en');
    expect(languageOfBrowser(undefined)).toBe('zh-CN');
  });
});

describe('calendarDayParts', () => {
  it('names the weekday and month of a China calendar day in the language asked for', () => {
    expect(calendarDayParts('2026-11-27', 'zh-CN')).toEqual({ year: 2026, month: 11, day: 27, weekday: '星期五', monthName: 'Nov' });
    expect(calendarDayParts('2026-11-24', 'en')).toMatchObject({ weekday: 'Tue', monthName: 'Nov' });
  });

  it('gives nothing for what is not a calendar day', () => {
    expect(calendarDayParts('2026-02-30', 'en')).toBeNull();
    expect(calendarDayParts('soon', 'zh-TW')).toBeNull();
  });
});
