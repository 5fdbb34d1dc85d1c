import { useEffect } from 'preact/hooks';
import { formatQueryCode } from '../../core/case-progress.ts';
import { caseReceipt, caseResultReceipt, type ReceiptCase } from '../../core/case-receipt.ts';
import { clock } from '../../platform/clock.ts';
import { kioskConfig } from '../../platform/config.ts';
import { Button } from '../components/Button.tsx';
import { ReceiptView } from '../components/ReceiptView.tsx';
import { language, t } from '../i18n/index.ts';
import { openEvaluation } from '../evaluation/handoff.ts';
import { endSession } from '../session/store.ts';
import { voicePrompt } from '../voice.ts';
import { outcome, printOutcome, receiptPrint, type Outcome } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Cases.module.css';

function receiptCaseOf(current: Outcome): ReceiptCase {
  if (current.kind === 'queued') return current.receipt;
  const { view } = current;
  return { ...view, reference: null, queryCode: current.queryCode };
}

function documentsOf(current: Outcome) {
  const origin = window.location.origin;
  const token = current.kind === 'submitted' ? current.view.evaluationToken : null;
  const context = {
    hallName: kioskConfig.peek().hallName,
    progressUrl: token ? `${origin}/case/${token}` : null,
    evaluationUrl: token ? `${origin}/evaluate/case/${token}` : null,
    printedAt: clock.now(),
  };
  const lang = language.peek();
  const documents = [caseReceipt(receiptCaseOf(current), context, lang)];
  if (current.kind === 'submitted' && current.view.result) documents.push(caseResultReceipt(current.view.result, current.view.caseNumber, context, lang));
  return documents;
}

/** The case is in (or queued): its number, the receipt printed, and what happens next. */
export function DoneStep() {
  const current = outcome.value!;
  const documents = documentsOf(current);
  const submitted = current.kind === 'submitted' ? current.view : null;
  useEffect(() => {
    void printOutcome(documents);
    voicePrompt(submitted ? (submitted.result ? 'cases.speech.decided' : 'cases.speech.submitted') : 'cases.speech.queued');
  }, [current]);
  const print = receiptPrint.value;
  return (
    <div class={shared.step} data-testid="case-done" data-kind={current.kind}>
      {submitted ? (
        <>
          <h3 class={shared.stepTitle}>{submitted.result ? t('cases.done.decided') : t('cases.done.submitted')}</h3>
          <p class={styles.caseNumber} data-testid="case-number">
            {t('cases.done.number', { number: submitted.caseNumber })}
          </p>
          {submitted.dueDate && <p>{t('cases.done.due', { date: submitted.dueDate })}</p>}
          {submitted.deferred && <p class={styles.notice}>{t('cases.done.deferred', { date: submitted.deferred.dueDate, names: submitted.deferred.names.join(t('list.separator')) })}</p>}
        </>
      ) : (
        <>
          <h3 class={shared.stepTitle}>{t('cases.done.queued')}</h3>
          <p class={styles.caseNumber} data-testid="case-reference">
            {t('cases.done.reference', { reference: current.kind === 'queued' ? (current.receipt.reference ?? '') : '' })}
          </p>
        </>
      )}
      <p class={styles.caseNumber} data-testid="case-query-code">
        {t('cases.done.queryCode', { code: formatQueryCode(current.queryCode) })}
      </p>
      <p>{t('cases.done.queryCode.hint')}</p>
      <p role="status" data-testid="case-receipt-print" data-state={print.kind}>
        {print.kind === 'printing'
          ? t('cases.print.printing')
          : print.kind === 'done'
            ? t('cases.print.done')
            : print.kind === 'failed'
              ? t('cases.print.failed')
              : print.kind === 'screen'
                ? t('cases.print.screen')
                : ''}
      </p>
      {(print.kind === 'screen' || print.kind === 'failed') && documents.map((document, index) => <ReceiptView key={index} receipt={document} qrLabel={t('cases.done.qr')} />)}
      <div class={shared.stepActions}>
        <Button primary onClick={endSession} testId="case-finish">
          {t('cases.done.finish')}
        </Button>
        <Button
          onClick={() => openEvaluation({ kind: 'case', clientId: current.clientId }, { reference: submitted?.caseNumber ?? (current.kind === 'queued' ? (current.receipt.reference ?? '') : ''), title: receiptCaseOf(current).itemName })}
          testId="case-evaluate"
        >
          {t('cases.done.evaluate')}
        </Button>
      </div>
    </div>
  );
}
