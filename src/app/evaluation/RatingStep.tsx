import { useEffect, useRef } from 'preact/hooks';
import { EVALUATION_LEVELS, EVALUATION_REASONS, isBadLevel, type EvaluationLevel } from '../../core/evaluation.ts';
import { Button } from '../components/Button.tsx';
import { localized, t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { levelText } from './labels.ts';
import { canSubmit, chooseLevel, chooseReason, level, needsReason, reason, submit, subjectView } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './EvaluationScreen.module.css';

const TONE: Record<EvaluationLevel, string> = { 5: 'good', 4: 'good', 3: 'fair', 2: 'bad', 1: 'bad' };

/** Which ticket or case is being rated, as the citizen knows it. */
export function SubjectCard() {
  const subject = subjectView.value;
  if (!subject) return null;
  return (
    <p class={styles.subject} data-testid="evaluation-subject">
      <strong>{t(subject.kind === 'ticket' ? 'evaluation.subject.ticket' : 'evaluation.subject.case', { reference: subject.reference })}</strong>
      <span>{localized(subject.title)}</span>
    </p>
  );
}

function LevelButton({ value }: { value: EvaluationLevel }) {
  const chosen = level.value === value;
  return (
    <button
      type="button"
      class={`${styles.level} ${styles[TONE[value]] ?? ''}`}
      aria-pressed={chosen}
      onClick={() => chooseLevel(value)}
      data-testid={`level-${value}`}
    >
      <span class={styles.stars} aria-hidden="true">
        {'★'.repeat(value) + '☆'.repeat(5 - value)}
      </span>
      <span class={styles.levelName}>{levelText(value)}</span>
    </button>
  );
}

function Reasons() {
  useEffect(() => voicePrompt('evaluation.speech.reason'), []);
  return (
    <fieldset class={styles.reasons} data-testid="evaluation-reasons">
      <legend class={styles.reasonsTitle}>{t('evaluation.reasons.title')}</legend>
      {EVALUATION_REASONS.map(({ code, label }) => (
        <button
          type="button"
          key={code}
          class={styles.reason}
          aria-pressed={reason.value === code}
          onClick={() => chooseReason(code)}
          data-testid={`reason-${code}`}
        >
          {localized(label)}
        </button>
      ))}
    </fieldset>
  );
}

/** Five large levels, the reasons once the rating is 不满意 or below, and submit. */
export function RatingStep() {
  useEffect(() => voicePrompt('evaluation.speech.rate'), []);
  const chosen = level.value;
  const chosenReason = reason.value;
  const actions = useRef<HTMLDivElement>(null);
  // In elder mode the reasons and the submit button fall below the fold: bring them up as they matter.
  useEffect(() => {
    if (chosen !== null) actions.current?.scrollIntoView({ block: 'nearest' });
  }, [chosen, chosenReason]);
  const hint = chosen === null ? t('evaluation.submit.needLevel') : needsReason.value && chosenReason === null ? t('evaluation.submit.needReason') : null;
  return (
    <div class={styles.rating}>
      <SubjectCard />
      <h3 class={shared.stepTitle} id="evaluation-question">
        {t('evaluation.question')}
      </h3>
      <div class={styles.levels} role="group" aria-labelledby="evaluation-question">
        {EVALUATION_LEVELS.map((value) => (
          <LevelButton key={value} value={value} />
        ))}
      </div>
      {chosen !== null && isBadLevel(chosen) && <Reasons />}
      <div class={`${shared.centeredActions} ${styles.actions}`} ref={actions}>
        <Button primary disabled={!canSubmit.value} onClick={() => void submit()} testId="evaluation-submit">
          {t('evaluation.submit')}
        </Button>
      </div>
      {hint && (
        <p class={shared.hint} role="status">
          {hint}
        </p>
      )}
    </div>
  );
}
