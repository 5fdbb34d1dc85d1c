import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../core/language.ts';
import { en } from './en.ts';
import { loadCatalogue, translate } from './index.ts';
import { zhCN } from './zh-CN.ts';
import { zhTW } from './zh-TW.ts';

const catalogues = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  const reference = catalogues['zh-CN'];
  const referenceKeys = Object.keys(reference).sort();

  for (const lang of LANGUAGES) {
    it(`has every key, and no extra one, in ${lang}`, () => {
      expect(Object.keys(catalogues[lang]).sort()).toEqual(referenceKeys);
    });

    it(`has a non-empty text with the same placeholders for every key in ${lang}`, () => {
      for (const key of referenceKeys) {
        const text = catalogues[lang][key as keyof typeof reference];
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(reference[key as keyof typeof reference]));
      }
    });
  }

  it('fills placeholders and leaves unknown ones visible', async () => {
    await loadCatalogue('en');
    expect(translate('en', 'idle.body', { seconds: 7 })).toContain('In 7 seconds');
    expect(translate('zh-CN', 'admin.pin.wrong', {})).toContain('{attempts}');
  });
});
