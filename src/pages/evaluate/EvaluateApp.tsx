import type { ComponentChildren } from 'preact';
import { EVALUATION_LEVELS, EVALUATION_REASONS, isBadLevel, MAX_COMMENT_LENGTH, type EvaluationLevel } from '../../core/evaluation.ts';
import { LanguageSwitcher, PhonePage } from '../shared/PhonePage.tsx';
import phone from '../shared/PhonePage.module.css';
import { chooseLanguage, dueDay, hasMessage, inBeijingTime, language, levelText, localized, reasonText, t } from './i18n.ts';
import {
  chooseLevel,
  chooseReason,
  comment,
  commentLength,
  level,
  loadSubject,
  needsReason,
  pageState,
  reason,
  sending,
  setComment,
  submit,
  submitError,
  type EvaluatedSubject,
  type Evaluation,
} from './store.ts';
import styles from './Evaluate.module.css';

/** 服务评价, opened on the citizen's phone from the QR code of a ticket or a case receipt. */
export function EvaluateApp({ subject }: { subject: { kind: 'case' | 'ticket'; token: string } | null }) {
  const state = pageState.value;
  return (
    <PhonePage
      language={language.value}
      title={t('title')}
      switcher={<LanguageSwitcher language={language.value} onChoose={chooseLanguage} />}
      layout="stack"
      class={styles.page}
      loading={state.kind === 'loading' ? t('loading') : undefined}
    >
      {state.kind === 'unknown' && <Notice testId="evaluate-unknown" title={t('unknown.title')} body={t('unknown.body')} />}
      {state.kind === 'unreachable' && (
        <Notice testId="evaluate-unreachable" title={t('unreachable.title')} body={t('unreachable.body')}>
          <button type="button" class={styles.secondary} onClick={() => void loadSubject(subject)}>
            {t('retry')}
          </button>
        </Notice>
      )}
      {state.kind === 'form' && <RatingForm subject={state.subject} />}
      {state.kind === 'evaluated' && <Evaluated subject={state.subject} evaluation={state.evaluation} fresh={state.fresh} />}
    </PhonePage>
  );
}

function Notice({ testId, title, body, children }: { testId: string; title: string; body: string; children?: ComponentChildren }) {
  return (
    <section class={`${phone.card} ${phone.warn}`} role="alert" data-testid={testId}>
      <h2 class={styles.cardTitle}>{title}</h2>
      <p>{body}</p>
      {children}
    </section>
  );
}

function SubjectLine({ subject }: { subject: EvaluatedSubject }) {
  return (
    <p class={styles.subject} data-testid="evaluate-subject">
      <strong>{t(subject.kind === 'ticket' ? 'subject.ticket' : 'subject.case', { reference: subject.reference })}</strong>
      <span>{localized(subject.title)}</span>
    </p>
  );
}

const TONE: Record<EvaluationLevel, 'good' | 'fair' | 'bad'> = { 5: 'good', 4: 'good', 3: 'fair', 2: 'bad', 1: 'bad' };

function RatingForm({ subject }: { subject: EvaluatedSubject }) {
  const error = submitError.value;
  return (
    <form
      class={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      data-testid="evaluate-form"
    >
      <SubjectLine subject={subject} />
      <fieldset class={styles.fieldset}>
        <legend class={styles.question}>{t('question')}</legend>
        <div class={styles.levels}>
          {EVALUATION_LEVELS.map((value) => (
            <button type="button" key={value} class={`${styles.level} ${styles[TONE[value]]}`} aria-pressed={level.value === value} onClick={() => chooseLevel(value)} data-testid={`level-${value}`}>
              <span class={styles.stars} aria-hidden="true">
                {'★'.repeat(value) + '☆'.repeat(5 - value)}
              </span>
              <span>{levelText(value)}</span>
            </button>
          ))}
        </div>
      </fieldset>
      {needsReason.value && (
        <fieldset class={`${styles.fieldset} ${styles.reasons}`} data-testid="evaluate-reasons">
          <legend class={styles.reasonsTitle}>{t('reasons.title')}</legend>
          {EVALUATION_REASONS.map(({ code, label }) => (
            <button type="button" key={code} class={styles.reason} aria-pressed={reason.value === code} onClick={() => chooseReason(code)} data-testid={`reason-${code}`}>
              {localized(label)}
            </button>
          ))}
        </fieldset>
      )}
      <label class={styles.commentLabel} for="evaluate-comment">
        {t('comment.label')}
      </label>
      <textarea
        id="evaluate-comment"
        class={styles.comment}
        value={comment.value}
        onInput={(event) => setComment(event.currentTarget.value)}
        placeholder={t('comment.placeholder')}
        rows={3}
        data-testid="evaluate-comment"
      />
      <p class={`${styles.count} ${commentLength.value > MAX_COMMENT_LENGTH ? styles.over : ''}`} aria-live="polite">
        {t('comment.count', { n: commentLength.value })}
      </p>
      {error && hasMessage(error) && (
        <p class={styles.error} role="alert" data-testid="evaluate-error">
          {t(error)}
        </p>
      )}
      <button type="submit" class={styles.primary} disabled={sending.value} data-testid="evaluate-submit">
        {sending.value ? t('sending') : t('submit')}
      </button>
    </form>
  );
}

function Fact({ label, children, testId }: { label: string; children: ComponentChildren; testId?: string }) {
  return (
    <div class={styles.fact}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function Rectification({ evaluation }: { evaluation: Evaluation }) {
  const rectification = evaluation.rectification;
  if (!rectification) return null;
  const resolved = rectification.status === 'resolved';
  return (
    <section class={`${phone.card} ${resolved ? phone.ok : styles.pending}`} data-testid="evaluate-rectification" data-status={rectification.status}>
      <h2 class={styles.cardTitle}>{t('rectification.title')}</h2>
      {resolved ? (
        <>
          <p class={styles.resolvedLabel}>{t('rectification.resolved')}</p>
          <p class={styles.outcome} data-testid="evaluate-outcome">
            {rectification.outcome}
          </p>
          {rectification.resolvedAt && <p class={styles.muted}>{t('rectification.resolvedAt', { time: inBeijingTime(rectification.resolvedAt) })}</p>}
        </>
      ) : (
        <p>{t(rectification.overdue ? 'rectification.overdue' : 'rectification.open', { due: dueDay(rectification.dueAt) })}</p>
      )}
    </section>
  );
}

function Evaluated({ subject, evaluation, fresh }: { subject: EvaluatedSubject; evaluation: Evaluation; fresh: boolean }) {
  return (
    <>
      <section class={`${phone.card} ${fresh ? styles.thanks : ''}`} data-testid={fresh ? 'evaluate-thanks' : 'evaluate-already'}>
        <h2 class={styles.cardTitle}>{fresh ? t('thanks.title') : t('already.title')}</h2>
        {!fresh && <p class={styles.muted}>{t('already.body')}</p>}
        <SubjectLine subject={subject} />
        <dl class={styles.facts}>
          <Fact label={t('yourLevel')} testId="evaluate-level">
            <span class={`${styles.tone} ${styles[TONE[evaluation.level]]}`}>{levelText(evaluation.level)}</span>
          </Fact>
          {evaluation.reason && <Fact label={t('reason')}>{reasonText(evaluation.reason)}</Fact>}
          {evaluation.comment && <Fact label={t('comment')}>{evaluation.comment}</Fact>}
          <Fact label={t('evaluatedAt')}>{inBeijingTime(evaluation.createdAt)}</Fact>
        </dl>
      </section>
      {isBadLevel(evaluation.level) && <Rectification evaluation={evaluation} />}
    </>
  );
}
