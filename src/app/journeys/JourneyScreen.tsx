import type { ComponentChildren } from 'preact';
import { JourneyIcon } from '../components/JourneyIcon.tsx';
import { t } from '../i18n/index.ts';
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
