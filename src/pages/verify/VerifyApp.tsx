import { beijingDateTimeToMinute } from '../shared/beijing-time.ts';
import { Fact, FactList, LanguageSwitcher, PhonePage } from '../shared/PhonePage.tsx';
import phone from '../shared/PhonePage.module.css';
import { chooseLanguage, language, t, tAround } from './i18n.ts';
import { verifyCopy, verifyState, type CopyVerification } from './store.ts';
import styles from './Verify.module.css';

/** 复印件核验, opened on any phone from the QR code printed on a copy of an e-certificate. */
export function VerifyApp({ copyId }: { copyId: string | null }) {
  const state = verifyState.value;
  return (
    <PhonePage
      language={language.value}
      title={t('title')}
      switcher={<LanguageSwitcher language={language.value} onChoose={chooseLanguage} />}
      layout="sheet"
      loading={state.kind === 'loading' ? t('loading') : undefined}
    >
      {state.kind === 'not-found' && <NotFound />}
      {state.kind === 'unreachable' && <Unreachable onRetry={() => void verifyCopy(copyId)} />}
      {state.kind === 'verified' && <Verified copy={state.copy} issuedAt={state.issuedAt} checkedAt={state.checkedAt} />}
    </PhonePage>
  );
}

function Verified({ copy, issuedAt, checkedAt }: { copy: CopyVerification; issuedAt: number; checkedAt: number }) {
  const hall = copy.hallName[language.value];
  const [verdictBefore, verdictAfter] = tAround('verdict', 'hall');
  return (
    <>
      <section class={`${phone.card} ${phone.ok}`} aria-live="polite" data-testid="verify-verdict">
        <span class={styles.verdictIcon} aria-hidden="true">
          ✓
        </span>
        <h2 class={`${styles.verdict} ${phone.toned}`}>
          {verdictBefore}
          <span class={styles.keepTogether}>{hall}</span>
          {verdictAfter}
        </h2>
        <p class={styles.verdictHint}>{t('verdictHint')}</p>
      </section>
      <FactList testId="verify-facts">
        <Fact label={t('certificateType')} testId="verify-type">
          {copy.typeName[language.value]}
        </Fact>
        <Fact label={t('holder')} testId="verify-holder">
          {copy.holderMasked}
        </Fact>
        <Fact label={t('certificateNumber')} testId="verify-number" valueClass={styles.mono}>
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
          {t('issuedAtValue', { time: beijingDateTimeToMinute(issuedAt) })}
        </Fact>
        <Fact label={t('format')} testId="verify-format">
          {t(`format.${copy.format}`)}
        </Fact>
        <Fact label={t('copyId')} testId="verify-copy-id" valueClass={styles.mono}>
          {copy.copyId}
        </Fact>
      </FactList>
      <section class={styles.validity} data-testid="verify-validity">
        <p class={styles.validityMain}>{t('validity', { purpose: copy.purpose })}</p>
        <p>{t('mismatch')}</p>
      </section>
      <p class={styles.checkedAt}>{t('checkedAt', { time: beijingDateTimeToMinute(checkedAt) })}</p>
    </>
  );
}

function NotFound() {
  return (
    <section class={`${phone.card} ${phone.danger} ${styles.notFound}`} role="alert" data-testid="verify-not-found">
      <span class={styles.verdictIcon} aria-hidden="true">
        ✕
      </span>
      <h2 class={`${styles.verdict} ${phone.toned}`}>{t('notFound.title')}</h2>
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
    <section class={`${phone.card} ${phone.warn}`} role="alert" data-testid="verify-unreachable">
      <h2 class={`${styles.verdict} ${phone.toned}`}>{t('network.title')}</h2>
      <p class={styles.verdictHint}>{t('network.body')}</p>
      <button type="button" class={styles.retry} onClick={onRetry} data-testid="verify-retry">
        {t('retry')}
      </button>
    </section>
  );
}
