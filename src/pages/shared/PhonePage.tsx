import type { ComponentChildren } from 'preact';
import { LANGUAGES, type Language } from '../../core/language.ts';
import { hallName } from './hall-config.ts';
import styles from './PhonePage.module.css';

/** How each language names itself on the switcher: short, so a long hall name keeps the header's room. */
const LANGUAGE_NAMES: Record<Language, { short: string; full: string }> = {
  'zh-CN': { short: '简体', full: '简体中文' },
  'zh-TW': { short: '繁體', full: '繁體中文' },
  en: { short: 'EN', full: 'English' },
};
const SWITCHER_LABEL: Record<Language, string> = { 'zh-CN': '语言', 'zh-TW': '語言', en: 'Language' };

interface PhonePageProps {
  language: Language;
  title: string;
  /** The header's language control, usually a LanguageSwitcher. */
  switcher: ComponentChildren;
  /** `sheet`: centred cards, each block with its own margins; `stack`: blocks a gap apart. */
  layout: 'sheet' | 'stack';
  /** The page's own class on the root, to set the custom properties described in PhonePage.module.css. */
  class?: string;
  /** The text shown while the page waits for its first answer; none once it has one. */
  loading?: string | undefined;
  children: ComponentChildren;
}

/** The frame of a page opened on a citizen's phone from a QR code on paper: the hall's name, the language, the title. */
export function PhonePage({ language, title, switcher, layout, class: pageClass, loading, children }: PhonePageProps) {
  return (
    <div class={pageClass ? `${styles.page} ${pageClass}` : styles.page}>
      <header class={styles.header}>
        <span class={styles.hall}>{hallName.value?.[language] ?? ''}</span>
        {switcher}
      </header>
      <main class={`${styles.main} ${styles[layout]}`}>
        <h1 class={styles.title}>{title}</h1>
        {loading !== undefined && (
          <p class={styles.loading} role="status">
            {loading}
          </p>
        )}
        {children}
      </main>
    </div>
  );
}

/** 简体 | 繁體 | EN, each button in its own language. */
export function LanguageSwitcher({ language, onChoose }: { language: Language; onChoose: (next: Language) => void }) {
  return (
    <div class={styles.languages} role="group" aria-label={SWITCHER_LABEL[language]}>
      {LANGUAGES.map((lang) => (
        <button
          type="button"
          key={lang}
          lang={lang}
          class={styles.language}
          aria-pressed={language === lang}
          aria-label={LANGUAGE_NAMES[lang].full}
          onClick={() => onChoose(lang)}
          data-testid={`language-${lang}`}
        >
          {LANGUAGE_NAMES[lang].short}
        </button>
      ))}
    </div>
  );
}

/** Labelled facts in a card of their own, each label above its value. */
export function FactList({ testId, children }: { testId?: string; children: ComponentChildren }) {
  return (
    <dl class={styles.facts} data-testid={testId}>
      {children}
    </dl>
  );
}

export function Fact({ label, testId, valueClass, children }: { label: string; testId?: string; valueClass?: string; children: ComponentChildren }) {
  return (
    <div class={styles.fact}>
      <dt>{label}</dt>
      <dd class={valueClass} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
