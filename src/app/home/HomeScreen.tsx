import { useEffect } from 'preact/hooks';
import { JourneyIcon } from '../components/JourneyIcon.tsx';
import { t } from '../i18n/index.ts';
import { journeys } from '../journeys/journeys.ts';
import { navigate } from '../router.ts';
import { markHomeInteractive } from './interactive.ts';
import styles from './HomeScreen.module.css';

export function HomeScreen() {
  useEffect(markHomeInteractive, []);
  return (
    <section class={styles.home} aria-labelledby="home-greeting" data-screen="home">
      <h2 class={styles.greeting} id="home-greeting">
        {t('home.greeting')}
      </h2>
      <p class={styles.hint}>{t('home.hint')}</p>
      <ul class={styles.tiles} aria-label={t('home.heading')}>
        {journeys.map((journey) => (
          <li key={journey.id}>
            <button type="button" class={styles.tile} onClick={() => navigate(journey.id)} data-testid={`tile-${journey.id}`}>
              <span class={styles.icon}>
                <JourneyIcon journey={journey.id} />
              </span>
              <span class={styles.title}>{t(journey.title)}</span>
              <span class={styles.tileHint}>{t(journey.hint)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
