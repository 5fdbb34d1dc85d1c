import type { ComponentChildren } from 'preact';
import { beijingDateTimeToMinute } from '../shared/beijing-time.ts';
import { Fact, FactList, LanguageSwitcher, PhonePage } from '../shared/PhonePage.tsx';
import phone from '../shared/PhonePage.module.css';
import { calendarDay, chooseLanguage, language, t } from './i18n.ts';
import { casePage, loadProgress, type CaseProgress, type CaseStep } from './store.ts';
import styles from './Case.module.css';

/** 办理进度, opened on the applicant's phone from the progress QR code of a case receipt (办事回执). */
export function CaseApp({ token }: { token: string | null }) {
  const state = casePage.value;
  return (
    <PhonePage
      language={language.value}
      title={t('title')}
      switcher={<LanguageSwitcher language={language.value} onChoose={chooseLanguage} />}
      layout="stack"
      class={styles.page}
      loading={state.kind === 'loading' ? t('loading') : undefined}
    >
      {state.kind === 'not-found' && <Notice testId="case-not-found" tone={phone.danger} title={t('notFound.title')} body={t('notFound.body')} />}
      {state.kind === 'unreachable' && (
        <Notice testId="case-unreachable" tone={phone.warn} title={t('network.title')} body={t('network.body')}>
          <button type="button" class={styles.retry} onClick={() => void loadProgress(token)} data-testid="case-retry">
            {t('retry')}
          </button>
        </Notice>
      )}
      {state.kind === 'found' && token !== null && <CaseProgressView progress={state.progress} token={token} />}
    </PhonePage>
  );
}

function Notice({ testId, tone, title, body, children }: { testId: string; tone: string | undefined; title: string; body: string; children?: ComponentChildren }) {
  return (
    <section class={`${phone.card} ${tone ?? ''}`} role="alert" data-testid={testId}>
      <h2 class={`${styles.noticeTitle} ${phone.toned}`}>{title}</h2>
      <p>{body}</p>
      {children}
    </section>
  );
}

const isOpen = (progress: CaseProgress) => progress.status === 'submitted' || progress.status === 'accepted' || progress.status === 'supplement-requested';

function statusHeadline(progress: CaseProgress): string {
  const { status, decision } = progress;
  if ((status === 'decided' || status === 'finished') && decision) return t(`status.${status}.${decision}`);
  return t(`status.${status}`);
}

function statusHint(progress: CaseProgress): string {
  return progress.decision === 'refused' ? t('hint.refused') : t(`hint.${progress.status}`);
}

function statusTone(progress: CaseProgress): string | undefined {
  if (progress.status === 'supplement-requested') return phone.warn;
  if (progress.decision === 'refused') return phone.danger;
  return isOpen(progress) ? undefined : phone.ok;
}

/** What the desk asked for, from the step that paused the case. */
function supplementNote(progress: CaseProgress): string | null {
  if (progress.status !== 'supplement-requested') return null;
  return progress.timeline.findLast((step) => step.status === 'supplement-requested')?.note ?? null;
}

function StatusCard({ progress }: { progress: CaseProgress }) {
  const note = supplementNote(progress);
  return (
    <section class={`${phone.card} ${statusTone(progress) ?? ''}`} aria-live="polite">
      <h2 class={styles.item} data-testid="case-item">
        {progress.itemName[language.value]}
      </h2>
      <p class={styles.number}>
        <span class={styles.label}>{t('caseNumber')}</span> <span class={styles.mono} data-testid="case-number">{progress.caseNumber}</span>
      </p>
      <p class={`${styles.status} ${phone.toned}`} data-testid="case-status">
        {statusHeadline(progress)}
      </p>
      {note && (
        <p class={styles.supplement} data-testid="case-supplement">
          {t('supplementNote', { note })}
        </p>
      )}
      <p class={styles.hint}>{statusHint(progress)}</p>
    </section>
  );
}

function dueText(progress: CaseProgress): string {
  if (progress.dueDate === null) return t('dueUnset');
  return calendarDay(progress.dueDate);
}

function Facts({ progress }: { progress: CaseProgress }) {
  return (
    <FactList>
      <Fact label={t('applicant')} testId="case-applicant">
        {progress.applicantMasked}
      </Fact>
      <Fact label={t('limit')} testId="case-limit">
        {progress.promisedLimitDays === 0 ? t('limitInstant') : t('limitDays', { days: progress.promisedLimitDays })}
      </Fact>
      {isOpen(progress) && (
        <Fact label={t('due')} testId="case-due">
          {dueText(progress)}
          {progress.status === 'supplement-requested' && <span class={styles.factNote}>{t('duePaused')}</span>}
        </Fact>
      )}
    </FactList>
  );
}

/** 容缺: what the applicant still owes and by when, while the case is open. */
function Deferred({ deferred }: { deferred: NonNullable<CaseProgress['deferred']> }) {
  return (
    <section class={styles.deferred} data-testid="case-deferred">
      <h2 class={styles.sectionTitle}>{t('deferred.title')}</h2>
      <p class={styles.deferredDue} data-testid="case-deferred-due">
        {t('deferred.due', { date: calendarDay(deferred.dueDate) })}
      </p>
      <ul class={styles.deferredList}>
        {deferred.names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    </section>
  );
}

/** A step of the timeline; back to accepted after a supplement request is the supplement arriving. */
function stepLabel(timeline: CaseStep[], index: number, decision: CaseProgress['decision']): string {
  const step = timeline[index]!;
  if (step.status === 'accepted' && timeline[index - 1]?.status === 'supplement-requested') return t('event.resumed');
  if (step.status === 'decided' && decision) return t(`event.decided.${decision}`);
  return t(`event.${step.status}`);
}

function Timeline({ progress }: { progress: CaseProgress }) {
  const { timeline } = progress;
  return (
    <section class={styles.timelineCard}>
      <h2 class={styles.sectionTitle}>
        {t('timeline.title')}
        <span class={styles.zone}>{t('timeline.zone')}</span>
      </h2>
      <ol class={styles.timeline} data-testid="case-timeline">
        {timeline.map((step, index) => (
          <li key={index} class={`${styles.step} ${index === timeline.length - 1 ? styles.current : ''}`} data-testid="case-step" data-status={step.status}>
            <span class={styles.stepLabel}>{stepLabel(timeline, index, progress.decision)}</span>
            <time class={styles.stepTime}>{beijingDateTimeToMinute(step.at)}</time>
            {step.note && <span class={styles.stepNote}>{step.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function CaseProgressView({ progress, token }: { progress: CaseProgress; token: string }) {
  const owed = isOpen(progress) && progress.deferred !== null && progress.deferred.names.length > 0 ? progress.deferred : null;
  return (
    <>
      <StatusCard progress={progress} />
      <Facts progress={progress} />
      {owed && <Deferred deferred={owed} />}
      <Timeline progress={progress} />
      <a class={styles.evaluate} href={`/evaluate/case/${token}`} data-testid="case-evaluate">
        {t('evaluate')}
      </a>
    </>
  );
}
