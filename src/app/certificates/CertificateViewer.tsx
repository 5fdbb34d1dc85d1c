import { Fragment } from 'preact';
import { useEffect } from 'preact/hooks';
import { deviceStates } from '../../platform/bridge-launch.ts';
import { terminalName } from '../../platform/terminal.ts';
import { Button } from '../components/Button.tsx';
import { localized, t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { typeName, validityText } from './labels.ts';
import { backToList, copyPrint, opened, printCopy } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Certificates.module.css';

/** Faint text over the certificate on screen: a photo of the screen is no clean copy. */
function ScreenWatermark() {
  const text = t('certificates.view.watermark', { terminal: terminalName.value ?? '' });
  return (
    <div class={styles.watermark} aria-hidden="true">
      {Array.from({ length: 12 }, (_, index) => (
        <span key={index}>{text}</span>
      ))}
    </div>
  );
}

function PrintStatus() {
  const state = copyPrint.value;
  if (state.kind === 'idle') return null;
  const key = state.kind === 'printing' ? 'certificates.print.printing' : state.kind === 'done' ? (state.format === 'a4' ? 'certificates.print.doneA4' : 'certificates.print.doneReceipt') : state.messageKey;
  return (
    <p class={state.kind === 'failed' ? styles.printFailed : styles.printStatus} role={state.kind === 'failed' ? 'alert' : 'status'} data-testid="copy-print-status" data-state={state.kind}>
      {t(key)}
    </p>
  );
}

function PrintActions() {
  const devices = deviceStates.value;
  const busy = copyPrint.value.kind === 'printing';
  const a4 = devices.docPrinter === 'ready';
  const receipt = devices.printer === 'ready' || devices.printer === 'paper-near-end';
  useEffect(() => {
    if (copyPrint.value.kind === 'done') voicePrompt(copyPrint.value.format === 'a4' ? 'certificates.print.doneA4' : 'certificates.print.doneReceipt');
  }, [copyPrint.value.kind]);
  return (
    <>
      <PrintStatus />
      {!a4 && !receipt && <p class={shared.muted}>{t('certificates.print.unavailable')}</p>}
      <div class={shared.stepActions}>
        {a4 && (
          <Button primary disabled={busy} onClick={() => void printCopy('a4')} testId="print-a4">
            {t('certificates.print.a4')}
          </Button>
        )}
        {receipt && (
          <Button primary={!a4} disabled={busy} onClick={() => void printCopy('receipt')} testId="print-receipt">
            {t('certificates.print.receipt')}
          </Button>
        )}
        <Button onClick={backToList} testId="certificate-back">
          {t('certificates.view.back')}
        </Button>
      </div>
    </>
  );
}

/** One certificate on screen with all its fields: shown, never downloaded. */
export function CertificateViewer() {
  const view = opened.value;
  if (!view) return null;
  return (
    <div class={shared.step} data-testid="certificate-view" data-type={view.typeCode}>
      <article class={styles.document}>
        <ScreenWatermark />
        <h3 class={styles.documentTitle}>{typeName(view.typeCode)}</h3>
        {!view.valid && <p class={styles.expiredNote}>{t('certificates.view.expired')}</p>}
        <dl class={styles.fields}>
          <dt>{t('certificates.field.number')}</dt>
          <dd>{view.number}</dd>
          <dt>{t('certificates.field.holder')}</dt>
          <dd data-testid="certificate-holder">{view.holderName}</dd>
          <dt>{t('certificates.field.holderId')}</dt>
          <dd data-testid="certificate-holder-id">{view.holderIdMasked}</dd>
          {view.fields.map((field) => (
            <Fragment key={field.key}>
              <dt>{localized(field.label)}</dt>
              <dd>{field.value}</dd>
            </Fragment>
          ))}
          <dt>{t('certificates.field.issuer')}</dt>
          <dd>{view.issuer}</dd>
          <dt>{t('certificates.field.issuedOn')}</dt>
          <dd>{view.issuedOn}</dd>
          <dt>{t('certificates.validUntil')}</dt>
          <dd>{validityText(view)}</dd>
        </dl>
      </article>
      <PrintActions />
    </div>
  );
}
