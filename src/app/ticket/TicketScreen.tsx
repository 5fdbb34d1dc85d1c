import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { ticketReceipt } from '../../core/ticket.ts';
import { kioskConfig } from '../../platform/config.ts';
import { queueState, type QueueCategoryState } from '../../platform/queue.ts';
import { Button } from '../components/Button.tsx';
import { CameraScanner } from '../components/CameraScanner.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { useNewScans } from '../components/useNewScans.ts';
import { openEvaluation } from '../evaluation/handoff.ts';
import { ReceiptView } from '../components/ReceiptView.tsx';
import { language, t, type MessageKey } from '../i18n/index.ts';
import { maskedIdentity } from '../identify/store.ts';
import { JourneyScreen } from '../journeys/JourneyScreen.tsx';
import { navigate } from '../router.ts';
import { voicePrompt } from '../voice.ts';
import {
  acceptScan,
  appointmentCode,
  appointmentNotice,
  appointmentNoticeKey,
  appointmentTimes,
  categoryName,
  chooseCategory,
  clearAppointmentCode,
  errorMessageKey,
  failure,
  idNumber,
  nextSessionWithRoom,
  offersOrdinaryTicket,
  openTicketJourney,
  phase,
  printTicketReceipt,
  receiptPrint,
  relativeDay,
  retryLast,
  scanNotBooking,
  setIdNumber,
  taken,
  takeForDate,
  takeOrdinaryTicket,
} from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './TicketScreen.module.css';

/** "明天 上午 09:00-12:00" */
function sessionText(session: { date: string; start: string; end: string; id?: string }): string {
  const day = relativeDay(session.date);
  const dayText = 'key' in day ? t(day.key) : day.date;
  const part = session.id ? `${t(`session.${session.id}` as MessageKey)} ` : '';
  return `${dayText} ${part}${session.start}-${session.end}`;
}

function CategoryButton({ category }: { category: QueueCategoryState }) {
  const state = category.session
    ? category.open && !category.quotaFull
      ? t('ticket.open')
      : category.quotaFull
        ? `${t('ticket.quotaFull')} · ${t('ticket.forSession', { when: sessionText(category.session) })}`
        : `${t('ticket.afterHours')} · ${t('ticket.forSession', { when: sessionText(category.session) })}`
    : t('ticket.noSession');
  return (
    <button type="button" class={styles.category} onClick={() => void chooseCategory(category.code)} disabled={!category.session} data-testid={`category-${category.code}`}>
      <span class={styles.prefix} aria-hidden="true">
        {category.prefix}
      </span>
      <span class={styles.name}>{category.name[language.value]}</span>
      <span class={`${styles.state} ${category.open && !category.quotaFull ? styles.open : ''}`}>{state}</span>
      {category.waiting !== null && <span class={styles.state}>{t('ticket.waiting', { n: category.waiting })}</span>}
    </button>
  );
}

function IdentityPanel() {
  const open = useSignal(idNumber.value !== '');
  const card = maskedIdentity.value;
  if (card) {
    return (
      <div class={styles.identity}>
        <p class={styles.identityRow} data-testid="ticket-card-identity">
          {t('ticket.identity.card', { name: card.name, id: card.idNumber })}
        </p>
      </div>
    );
  }
  return (
    <div class={styles.identity}>
      <div class={styles.identityRow}>
        <strong>{t('ticket.identity.title')}</strong>
        <span>{t('ticket.identity.hint')}</span>
        {!open.value && (
          <Button onClick={() => (open.value = true)} testId="identity-open">
            {t('ticket.identity.label')}
          </Button>
        )}
      </div>
      {open.value && (
        <>
          <div class={styles.identityRow}>
            <label for="id-number">{t('ticket.identity.label')}</label>
            <input
              id="id-number"
              class={`${shared.keypadInput} ${styles.idInput}`}
              value={idNumber.value}
              onInput={(event) => setIdNumber(event.currentTarget.value)}
              inputMode="none"
              autoComplete="off"
              maxLength={18}
              data-testid="id-number"
            />
            <Button
              onClick={() => {
                setIdNumber('');
                open.value = false;
              }}
            >
              {t('ticket.identity.clear')}
            </Button>
          </div>
          <Keypad read={() => idNumber.value} onChange={setIdNumber} maxLength={18} extraKeys={['X']} />
        </>
      )}
    </div>
  );
}

/** A booking code from any scanner (serial, wedge or the camera opened here) is kept for the ticket. */
function AppointmentPanel() {
  const cameraOpen = useSignal(false);
  useNewScans(acceptScan);
  const code = appointmentCode.value;
  return (
    <div class={styles.identity}>
      {code ? (
        <div class={styles.identityRow}>
          <span data-testid="appointment-code" data-code={code}>
            {t('ticket.appointment.scanned', { code })}
          </span>
          <Button onClick={clearAppointmentCode}>{t('ticket.appointment.clear')}</Button>
        </div>
      ) : (
        <div class={styles.identityRow}>
          <span>{t('ticket.appointment.hint')}</span>
          {!cameraOpen.value && (
            <Button onClick={() => (cameraOpen.value = true)} testId="appointment-camera">
              {t('ticket.appointment.scan')}
            </Button>
          )}
        </div>
      )}
      {scanNotBooking.value && (
        <p class={shared.notice} role="alert" data-testid="appointment-not-booking">
          {t('ticket.appointment.unknownCode')}
        </p>
      )}
      {cameraOpen.value && !code && <CameraScanner onClose={() => (cameraOpen.value = false)} />}
    </div>
  );
}

function TakenTicketView() {
  const ticket = taken.value!;
  const name = categoryName(ticket.category) ?? { 'zh-CN': ticket.category, 'zh-TW': ticket.category, en: ticket.category };
  useEffect(() => voicePrompt('ticket.speech.done', { number: ticket.number }), [ticket.number]);
  const receipt = ticketReceipt(
    {
      ...ticket,
      category: { code: ticket.category, name },
      hallName: ticket.hallName ?? kioskConfig.value.hallName,
      trackUrl: ticket.trackUrl ?? (ticket.trackToken ? `${window.location.origin}/track/${ticket.trackToken}` : null),
    },
    language.value,
  );
  const notice = appointmentNotice.value;
  const noticeKey = notice && appointmentNoticeKey(notice.code);
  // Once per ticket, in the language the ticket was taken in; the store ignores a second call.
  useEffect(() => printTicketReceipt(ticket, receipt), [ticket]);
  const printing = receiptPrint.value;
  return (
    <>
      {ticket.priority && <p class={styles.priority}>{t('ticket.done.priority')}</p>}
      {noticeKey && (
        <p class={shared.notice} data-testid="appointment-notice" data-code={notice.code}>
          {t(noticeKey, appointmentTimes(notice))}
        </p>
      )}
      {printing.kind === 'printing' || printing.kind === 'done' ? (
        <p class={shared.status} role="status" data-testid="receipt-print" data-state={printing.kind}>
          {ticket.number} · {t(printing.kind === 'printing' ? 'ticket.print.printing' : 'ticket.print.done')}
        </p>
      ) : (
        <>
          {printing.kind === 'failed' && (
            <p class={shared.notice} role="alert" data-testid="receipt-print" data-state="failed" data-reason={printing.reason}>
              {t(printing.reason === 'paper-out' ? 'ticket.print.paperOut' : 'ticket.print.failed')}
            </p>
          )}
          <ReceiptView receipt={receipt} qrLabel={t('ticket.done.title')} />
          {printing.kind === 'screen' && <p class={styles.notice}>{t('ticket.done.screenNotice')}</p>}
        </>
      )}
      {ticket.offline && <p class={styles.notice}>{t('ticket.done.offline')}</p>}
      <div class={shared.centeredActions}>
        <Button primary onClick={() => void openTicketJourney()} testId="ticket-another">
          {t('ticket.done.another')}
        </Button>
        <Button onClick={() => openEvaluation({ kind: 'ticket', clientId: ticket.clientId }, { reference: ticket.number, title: name })} testId="ticket-evaluate">
          {t('ticket.done.evaluate')}
        </Button>
        <Button onClick={() => navigate('home')}>{t('nav.home')}</Button>
      </div>
    </>
  );
}

function TicketError() {
  const error = failure.value!;
  const next = error.code === 'quota-full' ? nextSessionWithRoom() : null;
  return (
    <>
      <p class={shared.notice} role="alert" data-testid="ticket-error" data-code={error.code}>
        {t(errorMessageKey(error), appointmentTimes(error.details))}
      </p>
      <div class={shared.centeredActions}>
        {next && (
          <Button primary onClick={() => takeForDate(next.date)} testId="ticket-take-next">
            {t('ticket.takeNext', { when: sessionText(next) })}
          </Button>
        )}
        {offersOrdinaryTicket(error) ? (
          // Trying the booking code again would only be refused again.
          <Button primary onClick={takeOrdinaryTicket} testId="ticket-take-ordinary">
            {t('ticket.takeOrdinary')}
          </Button>
        ) : (
          <Button onClick={retryLast} testId="ticket-retry">
            {t('ticket.retry')}
          </Button>
        )}
      </div>
    </>
  );
}

export function TicketScreen() {
  useEffect(() => {
    void openTicketJourney();
  }, []);
  const state = queueState.value;
  return (
    <JourneyScreen journey="ticket">
      {phase.value === 'loading' && <p class={shared.status}>{t('ticket.loading')}</p>}
      {phase.value === 'taking' && <p class={shared.status}>{t('ticket.taking')}</p>}
      {phase.value === 'choose' && state && (
        <>
          {!state.live && <p class={shared.notice}>{t('ticket.offlineList')}</p>}
          <IdentityPanel />
          <AppointmentPanel />
          <h3>{t('ticket.choose')}</h3>
          <ul class={`${shared.tiles} ${styles.categories}`}>
            {state.categories.map((category) => (
              <li key={category.code}>
                <CategoryButton category={category} />
              </li>
            ))}
          </ul>
        </>
      )}
      {phase.value === 'done' && taken.value && <TakenTicketView />}
      {phase.value === 'error' && failure.value && <TicketError />}
    </JourneyScreen>
  );
}
