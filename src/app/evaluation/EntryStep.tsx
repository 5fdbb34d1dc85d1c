import { useSignal, useSignalEffect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Button } from '../components/Button.tsx';
import { CameraScanner } from '../components/CameraScanner.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { useNewScans } from '../components/useNewScans.ts';
import { t } from '../i18n/index.ts';
import { IdentifyPrompt } from '../identify/IdentifyPrompt.tsx';
import { identity } from '../identify/store.ts';
import { voicePrompt } from '../voice.ts';
import { acceptScan, backToEntry, CASE_NUMBER_MAX, caseNumber, continueWithCaseNumber, phase, scanNotService, setCaseNumber } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './EvaluationScreen.module.css';

/** A ticket's or receipt's QR code from any scanner (serial, wedge, or the camera opened here). */
function ScanPanel() {
  const cameraOpen = useSignal(false);
  useNewScans(acceptScan);
  return (
    <section class={`${shared.panel} ${styles.panel}`} aria-labelledby="evaluation-scan">
      <h3 class={styles.panelTitle} id="evaluation-scan">
        {t('evaluation.entry.scan')}
      </h3>
      <p class={shared.hint}>{t('evaluation.entry.scanHint')}</p>
      {scanNotService.value && (
        <p class={shared.notice} role="alert" data-testid="evaluation-not-service">
          {t('evaluation.entry.notService')}
        </p>
      )}
      {cameraOpen.value ? (
        <CameraScanner onClose={() => (cameraOpen.value = false)} />
      ) : (
        <div>
          <Button onClick={() => (cameraOpen.value = true)} testId="evaluation-camera">
            {t('evaluation.entry.camera')}
          </Button>
        </div>
      )}
    </section>
  );
}

function CaseNumberPanel() {
  return (
    <section class={`${shared.panel} ${styles.panel}`} aria-labelledby="evaluation-case-number-label">
      <h3 class={styles.panelTitle}>
        <label id="evaluation-case-number-label" for="evaluation-case-number">
          {t('evaluation.entry.caseNumber')}
        </label>
      </h3>
      <p class={shared.hint}>{t('evaluation.entry.caseHint')}</p>
      <div class={styles.row}>
        <input
          id="evaluation-case-number"
          class={shared.keypadInput}
          value={caseNumber.value}
          onInput={(event) => setCaseNumber(event.currentTarget.value)}
          inputMode="none"
          autoComplete="off"
          spellcheck={false}
          maxLength={CASE_NUMBER_MAX}
          data-testid="evaluation-case-number"
        />
        <Button primary disabled={caseNumber.value.length < 4} onClick={continueWithCaseNumber} testId="evaluation-case-next">
          {t('evaluation.entry.next')}
        </Button>
      </div>
      <Keypad read={() => caseNumber.value} onChange={setCaseNumber} maxLength={CASE_NUMBER_MAX} letters />
    </section>
  );
}

/** 好差评 from the home tile: the citizen names the service by its QR code or its case number. */
export function EntryStep() {
  useEffect(() => voicePrompt('evaluation.speech.entry'), []);
  return (
    <div class={styles.entry} data-testid="evaluation-entry">
      <h3 class={shared.stepTitle}>{t('evaluation.entry.title')}</h3>
      <ScanPanel />
      <CaseNumberPanel />
    </div>
  );
}

/** A typed case number: the applicant places their card or shows their code, then it goes on by itself. */
export function IdentifyStep() {
  useSignalEffect(() => {
    if (phase.value === 'identify' && identity.value) continueWithCaseNumber();
  });
  return (
    <div class={styles.entry} data-testid="evaluation-identify">
      <h3 class={shared.stepTitle}>{t('evaluation.identify.title', { caseNumber: caseNumber.value })}</h3>
      <IdentifyPrompt />
      <div class={`${shared.centeredActions} ${styles.actions}`}>
        <Button onClick={backToEntry} testId="evaluation-back">
          {t('nav.back')}
        </Button>
      </div>
    </div>
  );
}
