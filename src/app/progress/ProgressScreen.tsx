import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Button } from '../components/Button.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { t } from '../i18n/index.ts';
import { identity } from '../identify/store.ts';
import { JourneyScreen } from '../journeys/JourneyScreen.tsx';
import { voicePrompt } from '../voice.ts';
import { CaseTimeline } from './CaseTimeline.tsx';
import { CASE_NUMBER_MAX, caseNumber, problem, query, querying, result, setCaseNumber, setTypedIdNumber, typedIdNumber } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './ProgressScreen.module.css';

type Field = 'case' | 'id';

/** The case number, and the applicant's number unless the citizen is identified already. */
function QueryForm() {
  const citizen = identity.value;
  const active = useSignal<Field>('case');
  useEffect(() => voicePrompt('progress.speech'), []);
  const canQuery = caseNumber.value !== '' && (citizen !== null || typedIdNumber.value.length === 18) && !querying.value;
  return (
    <div class={shared.step}>
      <label class={styles.label} for="case-number">
        {t('progress.caseNumber')}
      </label>
      <input
        id="case-number"
        class={`${shared.keypadInput} ${active.value === 'case' ? styles.active : ''}`}
        value={caseNumber.value}
        onFocus={() => (active.value = 'case')}
        onInput={(event) => setCaseNumber(event.currentTarget.value)}
        inputMode="none"
        autoComplete="off"
        spellcheck={false}
        placeholder={t('progress.caseNumber.placeholder')}
        maxLength={CASE_NUMBER_MAX}
        data-testid="case-number"
      />
      {citizen ? (
        <p class={styles.identified} data-testid="progress-identified">
          {t('progress.identifiedAs', { name: citizen.masked.name, id: citizen.masked.idNumber })}
        </p>
      ) : (
        <>
          <label class={styles.label} for="progress-id">
            {t('progress.idNumber')}
          </label>
          <input
            id="progress-id"
            class={`${shared.keypadInput} ${active.value === 'id' ? styles.active : ''}`}
            value={typedIdNumber.value}
            onFocus={() => (active.value = 'id')}
            onInput={(event) => setTypedIdNumber(event.currentTarget.value)}
            inputMode="none"
            autoComplete="off"
            spellcheck={false}
            placeholder={t('progress.idNumber.placeholder')}
            maxLength={18}
            data-testid="progress-id-number"
          />
        </>
      )}
      {problem.value && (
        <p class={styles.problem} role="alert" data-testid="progress-problem">
          {t(problem.value)}
        </p>
      )}
      <Button primary disabled={!canQuery} onClick={() => void query()} testId="progress-query">
        {querying.value ? t('progress.querying') : t('progress.query')}
      </Button>
      {active.value === 'case' ? (
        <Keypad read={() => caseNumber.value} onChange={setCaseNumber} maxLength={CASE_NUMBER_MAX} letters />
      ) : (
        <Keypad read={() => typedIdNumber.value} onChange={setTypedIdNumber} maxLength={18} extraKeys={['X']} />
      )}
    </div>
  );
}

/** 办件查询: case number and identity, then the case's timeline and evaluation. */
export function ProgressScreen() {
  return <JourneyScreen journey="progress">{result.value ? <CaseTimeline view={result.value} /> : <QueryForm />}</JourneyScreen>;
}
