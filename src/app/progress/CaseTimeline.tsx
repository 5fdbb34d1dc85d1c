import { useEffect } from 'preact/hooks';
import type { CaseFullView, CaseProgressAnswer } from '../../core/case-progress.ts';
import { formatChinaDateTime } from '../../core/china-time.ts';
import { LEVEL_LABELS } from '../../core/evaluation.ts';
import { Button } from '../components/Button.tsx';
import { openEvaluation } from '../evaluation/handoff.ts';
import { localized, t, type MessageKey } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { evaluationStatus, newQuery } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './ProgressScreen.module.css';

const when = (iso: string) => formatChinaDateTime(Date.parse(iso));

function EvaluationLine({ view }: { view: CaseFullView }) {
  const status = evaluationStatus.value;
  const evaluation = status?.evaluation;
  if (!evaluation) {
    return (
      <Button onClick={() => openEvaluation({ kind: 'case', token: view.evaluationToken }, { reference: view.caseNumber, title: view.itemName })} testId="progress-evaluate">
        {t('cases.done.evaluate')}
      </Button>
    );
  }
  const rectification = evaluation.rectification;
  return (
    <div class={`${shared.panel} ${styles.card}`} data-testid="progress-evaluation">
      <p>{t('progress.evaluation.given', { level: localized(LEVEL_LABELS[evaluation.level]) })}</p>
      {rectification && (
        <p data-testid="progress-rectification" data-status={rectification.status}>
          {rectification.status === 'resolved' ? t('progress.rectification.resolved', { outcome: rectification.outcome ?? '' }) : t('progress.rectification.open')}
        </p>
      )}
    </div>
  );
}

/** What only the whole case shows: the applicant (masked) and the 容缺 materials by name. */
function FullDetails({ view }: { view: CaseFullView }) {
  return (
    <>
      <dt>{t('progress.applicant')}</dt>
      <dd>{view.applicantMasked}</dd>
      {view.deferred && (
        <>
          <dt>{t('progress.deferred')}</dt>
          <dd>{t('cases.done.deferred', { date: view.deferred.dueDate, names: view.deferred.names.join(t('list.separator')) })}</dd>
        </>
      )}
    </>
  );
}

/** The case and every step it went through, newest last, as a citizen reads a parcel's tracking. */
export function CaseTimeline({ view }: { view: CaseProgressAnswer }) {
  useEffect(() => voicePrompt(`progress.status.${view.status}` as MessageKey), [view.caseNumber]);
  const full = view.detail === 'full' ? view : null;
  return (
    <div class={shared.step} data-testid="progress-result" data-status={view.status} data-detail={view.detail}>
      <dl class={`${shared.summary} ${styles.summary}`}>
        <dt>{t('progress.caseNumber')}</dt>
        <dd data-testid="progress-case-number">{view.caseNumber}</dd>
        <dt>{t('cases.review.item')}</dt>
        <dd>{localized(view.itemName)}</dd>
        {full && <FullDetails view={full} />}
        <dt>{t('progress.status')}</dt>
        <dd class={styles.status}>
          {t(`progress.status.${view.status}` as MessageKey)}
          {view.decision && ` · ${t(`progress.decision.${view.decision}` as MessageKey)}`}
        </dd>
        {view.dueDate && (
          <>
            <dt>{t('progress.due')}</dt>
            <dd>{view.dueDate}</dd>
          </>
        )}
        {view.detail === 'status-only' && view.deferredDueDate && (
          <>
            <dt>{t('progress.deferredDue')}</dt>
            <dd>{view.deferredDueDate}</dd>
          </>
        )}
      </dl>
      {!full && (
        <p class={styles.limited} data-testid="progress-status-only">
          {t('progress.statusOnly')}
        </p>
      )}
      <ol class={styles.timeline}>
        {view.timeline.map((event, index) => (
          <li key={index} data-testid="progress-event" data-status={event.status}>
            <span class={shared.hint}>{when(event.at)}</span>
            <span class={styles.what}>{t(`progress.status.${event.status}` as MessageKey)}</span>
            {'note' in event && event.note && <span class={styles.note}>{event.note}</span>}
          </li>
        ))}
      </ol>
      {full && <EvaluationLine view={full} />}
      <div class={shared.actions}>
        <Button onClick={newQuery} testId="progress-again">
          {t('progress.again')}
        </Button>
      </div>
    </div>
  );
}
