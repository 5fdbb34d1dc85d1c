import { LANGUAGES, type Language } from '../../core/language.ts';
import { language, setLanguage, t } from '../i18n/index.ts';
import { navigate, screen } from '../router.ts';
import { elderMode, endSession, sessionActive } from '../session/store.ts';
import { Button } from './Button.tsx';
import { voicePrompt } from '../voice.ts';
import styles from './Toolbar.module.css';

/** Each language names itself, so a citizen finds theirs whatever is on screen now. */
const LANGUAGE_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

function toggleElderMode(): void {
  elderMode.value = !elderMode.value;
  if (elderMode.value) voicePrompt('mode.elder.on');
}

/** On every screen: language, elder mode, and the ways back home and out. */
export function Toolbar() {
  return (
    <nav class={styles.toolbar} aria-label={t('language.label')}>
      <div class={styles.languages} role="group" aria-label={t('language.label')}>
        {LANGUAGES.map((lang) => (
          <Button
            key={lang}
            lang={lang}
            pressed={language.value === lang}
            onClick={() => void setLanguage(lang)}
            testId={`language-${lang}`}
          >
            {LANGUAGE_NAMES[lang]}
          </Button>
        ))}
      </div>
      <Button pressed={elderMode.value} onClick={toggleElderMode} testId="elder-mode">
        {t('mode.elder')}
      </Button>
      <span class={styles.spacer} />
      {screen.value !== 'home' && (
        <Button onClick={() => navigate('home')} testId="nav-home">
          {t('nav.home')}
        </Button>
      )}
      {sessionActive.value && (
        <Button primary onClick={endSession} testId="nav-exit">
          {t('nav.exit')}
        </Button>
      )}
    </nav>
  );
}
