import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { QUERY_CODE_LENGTH } from '../../core/case-progress.ts';
import { Button } from '../components/Button.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { t } from '../i18n/index.ts';
import { identity } from '../identify/store.ts';
import { JourneyScreen } from '../journeys/JourneyScreen.tsx';
import { voicePrompt } from '../voice.ts';
import { CaseTimeline } from './CaseTimeline.tsx';
import {
  CASE_NUMBER_MAX,
  caseNumber,
  chooseTypedProof,
  problem,
  query,
  querying,
  result,
  setCaseNumber,
  setTypedIdNumber,
  setTypedQueryCode,
  typedIdNumber,
  typedProof,
  typedProofComplete,
  typedQueryCode,
} from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './ProgressScreen.module.css';

type Field = 'case' | 'proof';

/** What an unidentified citizen types: the applicant's ID number, or the query code on the receipt. */
function TypedProofField({ active }: { active: Signal<Field> }) {
  const byCode = typedProof.value === 'query-code';
  const choose = (proof: 'id' | 'query-code') => {
    chooseTypedProof(proof);
    active.value = 'proof';
  };
  return (
    <>
      <div class={styles.choices} role="group">
        <Button onClick={() => choose('id')} pressed={!byCode} testId="progress-use-id">
          {t('progress.proof.id')}
        </Button>
        <Button onClick={() => choose('query-code')} pressed={byCode} testId="progress-use-query-code">
          {t('progress.proof.queryCode')}
        </Button>
      </div>
      <label class={styles.label} for="progress-proof">
        {t(byCode ? 'progress.queryCode' : 'progress.idNumber')}
      </label>
      <input
        id="progress-proof"
        class={`${shared.keypadInput} ${active.value === 'proof' ? styles.active : ''}`}
        value={byCode ? typedQueryCode.value : typedIdNumber.value}
        onFocus={() => (active.value = 'proof')}
        onInput={(event) => (byCode ? setTypedQueryCode : setTypedIdNumber)(event.currentTarget.value)}
        inputMode="none"
        autoComplete="off"
        spellcheck={false}
        placeholder={t(byCode ? 'progress.queryCode.placeholder' : 'progress.idNumber.placeholder')}
        maxLength={byCode ? QUERY_CODE_LENGTH : 18}
        data-testid={byCode ? 'progress-query-code' : 'progress-id-number'}
      />
    </>
  );
}

function ActiveKeypad({ field }: { field: Field }) {
  if (field === 'case') return <Keypad read={() => caseNumber.value} onChange={setCaseNumber} maxLength={CASE_NUMBER_MAX} letters />;
  if (typedProof.value === 'query-code') return <Keypad read={() => typedQueryCode.value} onChange={setTypedQueryCode} maxLength={QUERY_CODE_LENGTH} letters />;
  return <Keypad read={() => typedIdNumber.value} onChange={setTypedIdNumber} maxLength={18} extraKeys={['X']} />;
}

/** The case number, and the applicant's number or the receipt's query code unless the citizen is identified already. */
function QueryForm() {
  const citizen = identity.value;
  const active = useSignal<Field>('case');
  useEffect(() => voicePrompt('progress.speech'), []);
  const canQuery = caseNumber.value !== '' && (citizen !== null || typedProofComplete()) && !querying.value;
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
        <TypedProofField active={active} />
      )}
      {problem.value && (
        <p class={styles.problem} role="alert" data-testid="progress-problem">
          {t(problem.value)}
        </p>
      )}
      <Button primary disabled={!canQuery} onClick={() => void query()} testId="progress-query">
        {querying.value ? t('progress.querying') : t('progress.query')}
      </Button>
      <ActiveKeypad field={active.value} />
    </div>
  );
}

/** 办件查询: case number and identity, then the case's timeline and evaluation. */
export function ProgressScreen() {
  return <JourneyScreen journey="progress">{result.value ? <CaseTimeline view={result.value} /> : <QueryForm />}</JourneyScreen>;
}
