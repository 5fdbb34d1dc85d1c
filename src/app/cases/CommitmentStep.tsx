import { useEffect } from 'preact/hooks';
import { Button } from '../components/Button.tsx';
import { SignaturePad } from '../components/SignaturePad.tsx';
import { t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { back, commitmentAccepted, continueFromCommitment, item, signature } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Cases.module.css';

/** 告知承诺: the commitment in full, accepted with a deliberate tap and a handwritten signature. */
export function CommitmentStep() {
  const chosen = item.value!;
  useEffect(() => voicePrompt('cases.speech.commitment'), []);
  return (
    <div class={shared.step} data-testid="case-commitment">
      <h3 class={shared.stepTitle}>{t('cases.commitment.title')}</h3>
      <div class={`${shared.panel} ${styles.commitmentText}`} data-testid="case-commitment-text">
        {(chosen.commitmentText ?? t('cases.commitment.default')).split('\n').map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <button
        type="button"
        role="checkbox"
        aria-checked={commitmentAccepted.value}
        class={`${styles.accept} ${commitmentAccepted.value ? styles.chosen : ''}`}
        onClick={() => (commitmentAccepted.value = !commitmentAccepted.value)}
        data-testid="case-commitment-accept"
      >
        <span class={styles.box} aria-hidden="true">
          {commitmentAccepted.value ? '✓' : ''}
        </span>
        {t('cases.commitment.accept')}
      </button>
      <p>{t('cases.commitment.sign')}</p>
      <SignaturePad onChange={(path) => (signature.value = path)} />
      <div class={shared.stepActions}>
        <Button primary disabled={!commitmentAccepted.value || !signature.value} onClick={continueFromCommitment} testId="case-commitment-next">
          {t('cases.next')}
        </Button>
        <Button onClick={back}>{t('cases.back')}</Button>
      </div>
    </div>
  );
}
