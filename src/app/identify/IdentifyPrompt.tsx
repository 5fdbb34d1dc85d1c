import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { deviceStates } from '../../platform/bridge-launch.ts';
import { Button } from '../components/Button.tsx';
import { CameraScanner } from '../components/CameraScanner.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { checkingCode, codeRefusal, refusal } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './IdentifyScreen.module.css';

/** A card sliding down onto the reader, drawn in CSS; still when the system asks for less motion. */
function PlaceCardAnimation() {
  return (
    <div class={styles.stage} aria-hidden="true">
      <div class={styles.card}>
        <span class={styles.chip} />
        <span class={styles.line} />
        <span class={styles.line} />
      </div>
      <div class={styles.reader} />
    </div>
  );
}

/** Why the last card or code identified nobody, in the citizen's language. */
function Refusals() {
  const card = refusal.value;
  const code = codeRefusal.value;
  return (
    <>
      {card && (
        <p class={shared.problem} role="alert" data-testid="card-refused" data-reason={card}>
          {t(`card.${card}` as MessageKey)}
        </p>
      )}
      {code && (
        <p class={shared.problem} role="alert" data-testid="code-refused" data-reason={code}>
          {t(`code.${code}` as MessageKey)}
        </p>
      )}
    </>
  );
}

/**
 * "Place your ID card on the reader, or show your identity code": what every screen that needs
 * the citizen identified shows until a card or a code does it.
 */
export function IdentifyPrompt() {
  const readerReady = deviceStates.value.reader === 'ready';
  const cameraOpen = useSignal(false);
  useEffect(() => voicePrompt(readerReady ? 'identify.speech.place' : 'identify.speech.code'), [readerReady]);
  return (
    <div class={styles.waiting} data-testid="identify-waiting">
      <Refusals />
      {readerReady ? (
        <>
          <PlaceCardAnimation />
          <p class={styles.instruction}>{t('identify.place')}</p>
          <p class={shared.muted}>{t('identify.placeHint')}</p>
        </>
      ) : (
        <p class={shared.problem} role="alert" data-testid="identify-reader-unavailable" data-state={deviceStates.value.reader}>
          {t('identify.readerUnavailable')}
        </p>
      )}
      <div class={styles.codeOption}>
        <p class={styles.codeHint}>{t('identify.code')}</p>
        {checkingCode.value ? (
          <p class={shared.muted} role="status" data-testid="code-checking">
            {t('identify.code.checking')}
          </p>
        ) : (
          !cameraOpen.value && (
            <Button onClick={() => (cameraOpen.value = true)} testId="identify-camera">
              {t('identify.code.camera')}
            </Button>
          )
        )}
        {cameraOpen.value && <CameraScanner onClose={() => (cameraOpen.value = false)} />}
      </div>
    </div>
  );
}
