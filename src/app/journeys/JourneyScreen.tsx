import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { JourneyIcon } from '../components/JourneyIcon.tsx';
import { t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import type { JourneyId } from './journeys.ts';
import styles from './JourneyScreen.module.css';

/** The frame of every journey screen: its icon and title, then the journey's own content. */
export function JourneyScreen({ journey, children }: { journey: JourneyId; children: ComponentChildren }) {
  return (
    <section class={styles.screen} aria-labelledby="journey-title" data-screen={journey}>
      <div class={styles.heading}>
        <JourneyIcon journey={journey} />
        <h2 class={styles.title} id="journey-title">
          {t(`journey.${journey}`)}
        </h2>
      </div>
      {children}
    </section>
  );
}

/** Said plainly to the citizen when a later release brings this service to the terminal. */
export function ServiceUnavailable() {
  useEffect(() => voicePrompt('journey.unavailable.speech'), []);
  return (
    <div class={styles.unavailable} role="status" data-testid="service-unavailable">
      <h3>{t('journey.unavailable.title')}</h3>
      <p>{t('journey.unavailable.body')}</p>
    </div>
  );
}
