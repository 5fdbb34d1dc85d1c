import { useEffect } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { idle, noteActivity } from '../session/store.ts';
import { voicePrompt } from '../voice.ts';
import { Button } from './Button.tsx';
import styles from './Overlay.module.css';

/** The visible last ten seconds before an idle session ends; any touch keeps the session. */
export function IdleCountdown() {
  const phase = idle.value;
  const warning = phase.kind === 'warning';
  useEffect(() => {
    if (warning) voicePrompt('idle.speech');
  }, [warning]);
  if (phase.kind !== 'warning') return null;
  return (
    <div class={styles.backdrop}>
      <div class={styles.dialog} role="alertdialog" aria-modal="true" aria-labelledby="idle-title" data-testid="idle-countdown">
        <h2 class={styles.title} id="idle-title">
          {t('idle.title')}
        </h2>
        <div class={styles.big} aria-hidden="true" data-testid="idle-seconds">
          {phase.secondsLeft}
        </div>
        <p aria-live="polite">{t('idle.body', { seconds: phase.secondsLeft })}</p>
        <Button primary onClick={noteActivity} testId="idle-continue">
          {t('idle.continue')}
        </Button>
      </div>
    </div>
  );
}
