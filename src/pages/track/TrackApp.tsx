import { beijingTimeWithSeconds } from '../shared/beijing-time.ts';
import { categoryName } from '../shared/categories.ts';
import { PhonePage } from '../shared/PhonePage.tsx';
import phone from '../shared/PhonePage.module.css';
import type { Ticket } from '../shared/wire.ts';
import { formatServiceDate, formatSession, language, t, toggleLanguage } from './i18n.ts';
import { offline, trackState, updatedAt } from './store.ts';
import { trackTokenFrom } from './token.ts';
import styles from './Track.module.css';

/** 排队进度, opened from the QR code on a paper ticket on the citizen's own phone. */
export function TrackApp() {
  const state = trackState.value;
  const switcher = (
    <button type="button" class={styles.language} onClick={toggleLanguage} lang={language.value === 'en' ? 'zh-CN' : 'en'} data-testid="toggle-language">
      {t('switchLanguage')}
    </button>
  );
  return (
    <PhonePage language={language.value} title={t('title')} switcher={switcher} layout="sheet" class={styles.page} loading={state.kind === 'loading' ? t('loading') : undefined}>
      {state.kind === 'unknown' && <UnknownTicket />}
      {state.kind === 'ticket' && <TicketStatus ticket={state.ticket} />}
    </PhonePage>
  );
}

function UnknownTicket() {
  return (
    <section class={phone.card} data-testid="track-unknown">
      <h2 class={styles.unknownTitle}>{t('unknown.title')}</h2>
      <p>{t('unknown.body')}</p>
    </section>
  );
}

function statusText(ticket: Ticket): string {
  return ticket.status === 'called' ? t('status.called', { window: ticket.windowNumber ?? '' }) : t(`status.${ticket.status}`);
}

function hintText(ticket: Ticket): string {
  if (ticket.status === 'waiting') return ticket.peopleAhead === 0 ? t('hint.next') : t('hint.waiting');
  return t(`hint.${ticket.status}`);
}

/** 好差评 once the ticket's service is over: the evaluation page of this ticket. */
function EvaluateLink() {
  const token = trackTokenFrom(location.pathname);
  if (!token) return null;
  return (
    <a class={styles.evaluate} href={`/evaluate/ticket/${token}`} data-testid="track-evaluate">
      {t('evaluate')}
    </a>
  );
}

/** The card's tone for each state: green once called, grey when done, a red edge when missed. */
const STATUS_TONE: Record<Ticket['status'], string | undefined> = { waiting: undefined, called: phone.ok, done: styles.done, 'no-show': styles['no-show'] };

function TicketStatus({ ticket }: { ticket: Ticket }) {
  const time = updatedAt.value === null ? '' : beijingTimeWithSeconds(updatedAt.value);
  return (
    <>
      <section class={`${phone.card} ${STATUS_TONE[ticket.status] ?? ''}`} aria-live="polite">
        <p class={styles.label}>{t('yourNumber')}</p>
        <p class={styles.number} data-testid="track-number">
          {ticket.number}
        </p>
        <p class={styles.category}>{categoryName(ticket.category, language.value)}</p>
        <p class={`${styles.status} ${phone.toned}`} data-testid="track-status">
          {statusText(ticket)}
        </p>
        <p class={styles.hint}>{hintText(ticket)}</p>
      </section>
      <dl class={phone.facts}>
        {ticket.status === 'waiting' && (
          <div class={styles.fact}>
            <dt>{t('peopleAhead')}</dt>
            <dd class={styles.ahead} data-testid="track-ahead">
              {t('peopleAheadValue', { n: ticket.peopleAhead })}
            </dd>
          </div>
        )}
        <div class={styles.fact}>
          <dt>{t('serviceDate')}</dt>
          <dd data-testid="track-date">{formatServiceDate(ticket.serviceDate)}</dd>
        </div>
        <div class={styles.fact}>
          <dt>{t('session')}</dt>
          <dd data-testid="track-session">{formatSession(ticket.session)}</dd>
        </div>
      </dl>
      {ticket.status === 'done' && <EvaluateLink />}
      <p class={offline.value ? styles.offline : styles.updated} role={offline.value ? 'alert' : undefined} data-testid="track-updated">
        {offline.value ? t('offline', { time }) : t('updated', { time })}
      </p>
    </>
  );
}
