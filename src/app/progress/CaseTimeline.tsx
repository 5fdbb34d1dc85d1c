import { useEffect } from 'preact/hooks';
import type { CaseView } from '../../core/cases.ts';
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

function EvaluationLine({ view }: { view: CaseView }) {
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

/** The case and every step it went through, newest last, as a citizen reads a parcel's tracking. */
export function CaseTimeline({ view }: { view: CaseView }) {
  useEffect(() => voicePrompt(`progress.status.${view.status}` as MessageKey), [view.caseNumber]);
  return (
    <div class={shared.step} data-testid="progress-result" data-status={view.status}>
      <dl class={`${shared.summary} ${styles.summary}`}>
        <dt>{t('progress.caseNumber')}</dt>
        <dd data-testid="progress-case-number">{view.caseNumber}</dd>
        <dt>{t('cases.review.item')}</dt>
        <dd>{localized(view.itemName)}</dd>
        <dt>{t('progress.applicant')}</dt>
        <dd>{view.applicantMasked}</dd>
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
        {view.deferred && (
          <>
            <dt>{t('progress.deferred')}</dt>
            <dd>{t('cases.done.deferred', { date: view.deferred.dueDate, names: view.deferred.names.join(t('list.separator')) })}</dd>
          </>
        )}
      </dl>
      <ol class={styles.timeline}>
        {view.timeline.map((event, index) => (
          <li key={index} data-testid="progress-event" data-status={event.status}>
            <span class={shared.hint}>{when(event.at)}</span>
            <span class={styles.what}>{t(`progress.status.${event.status}` as MessageKey)}</span>
            {event.note && <span class={styles.note}>{event.note}</span>}
          </li>
        ))}
      </ol>
      <EvaluationLine view={view} />
      <div class={shared.actions}>
        <Button onClick={newQuery} testId="progress-again">
          {t('progress.again')}
        </Button>
      </div>
    </div>
  );
}
