import { useEffect } from 'preact/hooks';
import { Button } from '../components/Button.tsx';
import { t } from '../i18n/index.ts';
import { JourneyScreen } from '../journeys/JourneyScreen.tsx';
import { voicePrompt } from '../voice.ts';
import { GroupView, GuideHome } from './GuideBrowse.tsx';
import { ItemGuide } from './ItemGuide.tsx';
import { catalogPhase, items, openGuide, view } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Guide.module.css';

function CurrentView() {
  switch (view.value.kind) {
    case 'browse':
      return <GuideHome />;
    case 'group':
      return <GroupView />;
    case 'item':
      return <ItemGuide />;
  }
}

/** 办事指南: loaded lazily (lazy-screen.tsx); the catalog comes from storage at once when the terminal has one. */
export function GuideScreen() {
  useEffect(() => {
    void openGuide();
    voicePrompt('guide.speech');
  }, []);
  const phase = catalogPhase.value;
  return (
    <JourneyScreen journey="guide">
      {items.value.length > 0 ? (
        <CurrentView />
      ) : phase === 'failed' ? (
        <div class={`${shared.notice} ${styles.failed}`} role="alert" data-testid="guide-unavailable">
          <p>{t('guide.unavailable')}</p>
          <Button onClick={() => void openGuide()} testId="guide-retry">
            {t('screen.retry')}
          </Button>
        </div>
      ) : (
        <p class={`${shared.status} ${styles.status}`} role="status">
          {t('guide.loading')}
        </p>
      )}
    </JourneyScreen>
  );
}
