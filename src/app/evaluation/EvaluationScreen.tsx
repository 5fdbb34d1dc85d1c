import { useEffect } from 'preact/hooks';
import type { EvaluationView } from '../../core/evaluation-wire.ts';
import { Button } from '../components/Button.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
import { JourneyScreen } from '../journeys/JourneyScreen.tsx';
import { navigate } from '../router.ts';
import { voicePrompt } from '../voice.ts';
import { EntryStep, IdentifyStep } from './EntryStep.tsx';
import { hasHandedOver } from './handoff.ts';
import { dateTimeText, dueDayText, levelText, reasonText } from './labels.ts';
import { RatingStep, SubjectCard } from './RatingStep.tsx';
import { backToEntry, evaluation, failure, leaveEvaluationScreen, phase, queued, retry, startEvaluationScreen, subject } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './EvaluationScreen.module.css';

/** How a bad rating is being dealt with: in hand (due …), overdue, or its outcome. */
function RectificationState({ view }: { view: EvaluationView }) {
  const rectification = view.rectification;
  if (!rectification) return null;
  const text =
    rectification.status === 'resolved'
      ? t('evaluation.rectification.resolved', { outcome: rectification.outcome ?? '' })
      : rectification.overdue
        ? t('evaluation.rectification.overdue')
        : t('evaluation.rectification.open', { due: dueDayText(rectification.dueAt) });
  return (
    <p class={styles.rectification} data-testid="evaluation-rectification" data-status={rectification.status}>
      {text}
    </p>
  );
}

function Done() {
  useEffect(() => voicePrompt('evaluation.speech.done'), []);
  const view = evaluation.value;
  return (
    <div class={`${shared.panel} ${styles.result}`} role="status" data-testid="evaluation-done" data-queued={queued.value ? 'true' : 'false'}>
      <h3 class={styles.resultTitle}>{t('evaluation.done.title')}</h3>
      <SubjectCard />
      {view && <p class={styles.resultLevel}>{t('evaluation.done.level', { level: levelText(view.level) })}</p>}
      {view?.rectification && <p>{t('evaluation.done.rectify', { due: dueDayText(view.rectification.dueAt) })}</p>}
      {queued.value && (
        <p class={shared.notice} data-testid="evaluation-queued">
          {t('evaluation.done.queued')}
        </p>
      )}
    </div>
  );
}

function Already() {
  const view = evaluation.value!;
  return (
    <div class={`${shared.panel} ${styles.result}`} data-testid="evaluation-already">
      <h3 class={styles.resultTitle}>{t('evaluation.already.title')}</h3>
      <SubjectCard />
      <p class={styles.resultLevel}>{t('evaluation.done.level', { level: levelText(view.level) })}</p>
      {view.reason && <p>{t('evaluation.reason', { reason: reasonText(view.reason) })}</p>}
      <p class={shared.hint}>{t('evaluation.already.body', { time: dateTimeText(view.createdAt) })}</p>
      <RectificationState view={view} />
    </div>
  );
}

const KNOWN_ERRORS = ['network', 'unknown-subject', 'enterprise-identity'];

function Failure() {
  const code = failure.value ?? 'other';
  const key = (KNOWN_ERRORS.includes(code) ? `evaluation.error.${code}` : 'evaluation.error.other') as MessageKey;
  return (
    <>
      <p class={shared.notice} role="alert" data-testid="evaluation-error" data-code={code}>
        {t(key)}
      </p>
      <div class={`${shared.centeredActions} ${styles.actions}`}>
        {code !== 'enterprise-identity' && code !== 'unknown-subject' && (
          <Button primary onClick={retry} testId="evaluation-retry">
            {t('evaluation.retry')}
          </Button>
        )}
      </div>
    </>
  );
}

function Finished() {
  // A service handed over by another journey ends here; from the tile the citizen may go on.
  return (
    <div class={`${shared.centeredActions} ${styles.actions}`}>
      {subject.value && !('clientId' in subject.value) && (
        <Button onClick={backToEntry} testId="evaluation-another">
          {t('evaluation.another')}
        </Button>
      )}
      <Button primary onClick={() => navigate('home')} testId="evaluation-home">
        {t('nav.home')}
      </Button>
    </div>
  );
}

/** 好差评: choose the service, rate it, and see it sent, queued, or rated before. */
export function EvaluationScreen() {
  // Rendering has no side effects (a render may be repeated): the handed-over service is taken
  // once the screen is on, and what the citizen chose is forgotten when they leave it.
  useEffect(() => {
    startEvaluationScreen();
    return leaveEvaluationScreen;
  }, []);
  // Read first, so the screen follows the phase once the handed-over service is taken.
  const stored = phase.value;
  const current = hasHandedOver() ? 'checking' : stored;
  return (
    <JourneyScreen journey="evaluation">
      {current === 'entry' && <EntryStep />}
      {current === 'identify' && <IdentifyStep />}
      {(current === 'checking' || current === 'sending') && (
        <p class={shared.status} role="status" data-testid="evaluation-busy">
          {t(current === 'checking' ? 'evaluation.checking' : 'evaluation.sending')}
        </p>
      )}
      {current === 'rate' && <RatingStep />}
      {current === 'done' && <Done />}
      {current === 'already' && evaluation.value && <Already />}
      {current === 'error' && <Failure />}
      {(current === 'done' || current === 'already' || current === 'error') && <Finished />}
    </JourneyScreen>
  );
}
