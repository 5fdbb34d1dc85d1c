import { Button } from '../components/Button.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { t } from '../i18n/index.ts';
import { JourneyScreen, ServiceUnavailable } from '../journeys/JourneyScreen.tsx';
import { CASE_NUMBER_MAX, caseNumber, queried, setCaseNumber } from './store.ts';
import styles from './ProgressScreen.module.css';

/** 办件查询: the case number is entered here; the query itself arrives with the case journey. */
export function ProgressScreen() {
  return (
    <JourneyScreen journey="progress">
      <div class={styles.form}>
        <label class={styles.label} for="case-number">
          {t('progress.caseNumber')}
        </label>
        <div class={styles.row}>
          <input
            id="case-number"
            class={styles.input}
            value={caseNumber.value}
            onInput={(event) => setCaseNumber(event.currentTarget.value)}
            inputMode="none"
            autoComplete="off"
            spellcheck={false}
            placeholder={t('progress.caseNumber.placeholder')}
            maxLength={CASE_NUMBER_MAX}
            data-testid="case-number"
          />
          <Button primary disabled={caseNumber.value === ''} onClick={() => (queried.value = true)} testId="progress-query">
            {t('progress.query')}
          </Button>
        </div>
        {queried.value && <ServiceUnavailable />}
        <Keypad read={() => caseNumber.value} onChange={setCaseNumber} maxLength={CASE_NUMBER_MAX} letters />
      </div>
    </JourneyScreen>
  );
}
