import type { ComponentChildren } from 'preact';
import { hallName } from '../shared/hall-config.ts';
import { chinaDateTime, chooseLanguage, language, LANGUAGE_NAMES, LANGUAGES, t, tAround } from './i18n.ts';
import { verifyCopy, verifyState, type CopyVerification } from './store.ts';
import styles from './Verify.module.css';

/** 复印件核验, opened on any phone from the QR code printed on a copy of an e-certificate. */
export function VerifyApp({ copyId }: { copyId: string | null }) {
  const state = verifyState.value;
  return (
    <div class={styles.page}>
      <header class={styles.header}>
        <span class={styles.hall}>{hallName.value?.[language.value] ?? ''}</span>
        <LanguageSwitcher />
      </header>
      <main class={styles.main}>
        <h1 class={styles.title}>{t('title')}</h1>
        {state.kind === 'loading' && (
          <p class={styles.muted} role="status">
            {t('loading')}
          </p>
        )}
        {state.kind === 'not-found' && <NotFound />}
        {state.kind === 'unreachable' && <Unreachable onRetry={() => void verifyCopy(copyId)} />}
        {state.kind === 'verified' && <Verified copy={state.copy} issuedAt={state.issuedAt} checkedAt={state.checkedAt} />}
      </main>
    </div>
  );
}

function LanguageSwitcher() {
  return (
    <div class={styles.languages} role="group" aria-label={t('languages')}>
      {LANGUAGES.map((lang) => (
        <button
          type="button"
          key={lang}
          lang={lang}
          class={styles.language}
          aria-pressed={language.value === lang}
          aria-label={LANGUAGE_NAMES[lang].full}
          onClick={() => chooseLanguage(lang)}
          data-testid={`language-${lang}`}
        >
          {LANGUAGE_NAMES[lang].short}
        </button>
      ))}
    </div>
  );
}

function Fact({ label, children, testId, mono }: { label: string; children: ComponentChildren; testId: string; mono?: boolean }) {
  return (
    <div class={styles.fact}>
      <dt>{label}</dt>
      <dd class={mono ? styles.mono : undefined} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Verified({ copy, issuedAt, checkedAt }: { copy: CopyVerification; issuedAt: number; checkedAt: number }) {
  const hall = copy.hallName[language.value];
  const [verdictBefore, verdictAfter] = tAround('verdict', 'hall');
  return (
    <>
      <section class={`${styles.card} ${styles.verified}`} aria-live="polite" data-testid="verify-verdict">
        <span class={styles.verdictIcon} aria-hidden="true">
          ✓
        </span>
        <h2 class={styles.verdict}>
          {verdictBefore}
          <span class={styles.keepTogether}>{hall}</span>
          {verdictAfter}
        </h2>
        <p class={styles.verdictHint}>{t('verdictHint')}</p>
      </section>
      <dl class={styles.facts} data-testid="verify-facts">
        <Fact label={t('certificateType')} testId="verify-type">
          {copy.typeName[language.value]}
        </Fact>
        <Fact label={t('holder')} testId="verify-holder">
          {copy.holderMasked}
        </Fact>
        <Fact label={t('certificateNumber')} testId="verify-number" mono>
          {copy.certificateNumber}
        </Fact>
        <Fact label={t('purpose')} testId="verify-purpose">
          {copy.purpose}
        </Fact>
        <Fact label={t('watermark')} testId="verify-watermark">
          {copy.watermark}
        </Fact>
        <Fact label={t('issuedWhere')} testId="verify-where">
          <span class={styles.line}>{hall}</span>
          <span class={styles.line}>{t('issuedWhereTerminal', { terminal: copy.terminalName })}</span>
        </Fact>
        <Fact label={t('issuedAt')} testId="verify-when">
          {t('issuedAtValue', { time: chinaDateTime(issuedAt) })}
        </Fact>
        <Fact label={t('format')} testId="verify-format">
          {t(`format.${copy.format}`)}
        </Fact>
        <Fact label={t('copyId')} testId="verify-copy-id" mono>
          {copy.copyId}
        </Fact>
      </dl>
      <section class={styles.validity} data-testid="verify-validity">
        <p class={styles.validityMain}>{t('validity', { purpose: copy.purpose })}</p>
        <p>{t('mismatch')}</p>
      </section>
      <p class={styles.checkedAt}>{t('checkedAt', { time: chinaDateTime(checkedAt) })}</p>
    </>
  );
}

function NotFound() {
  return (
    <section class={`${styles.card} ${styles.notFound}`} role="alert" data-testid="verify-not-found">
      <span class={styles.verdictIcon} aria-hidden="true">
        ✕
      </span>
      <h2 class={styles.verdict}>{t('notFound.title')}</h2>
      <p class={styles.verdictHint}>{t('notFound.body')}</p>
      <ul class={styles.advice}>
        <li>
          <strong>{t('notFound.forged')}</strong>
        </li>
        <li>{t('notFound.rescan')}</li>
        <li>{t('notFound.contact')}</li>
      </ul>
    </section>
  );
}

function Unreachable({ onRetry }: { onRetry: () => void }) {
  return (
    <section class={`${styles.card} ${styles.unreachable}`} role="alert" data-testid="verify-unreachable">
      <h2 class={styles.verdict}>{t('network.title')}</h2>
      <p class={styles.verdictHint}>{t('network.body')}</p>
      <button type="button" class={styles.retry} onClick={onRetry} data-testid="verify-retry">
        {t('retry')}
      </button>
    </section>
  );
}
