import { effect } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Button } from './components/Button.tsx';
import { prefetchCatalogues, t } from './i18n/index.ts';
import { JourneyScreen } from './journeys/JourneyScreen.tsx';
import type { JourneyId } from './journeys/journeys.ts';
import { screen } from './router.ts';

/**
 * Screens kept out of the kiosk's initial JS (its budget is 60 KB gzip): a screen is imported on
 * its first render, with the journey's frame and a short "opening" line meanwhile, and fetched
 * ahead once the home screen is idle, so a tap on its tile seldom waits.
 */

/** Long enough for the home screen's first paint and the start-up requests to finish first. */
const PREFETCH_IDLE_TIMEOUT_MS = 3000;

// The other languages' catalogues are fetched ahead like the screens.
const prefetches: (() => void)[] = [prefetchCatalogues];

export function lazyScreen(journey: JourneyId, load: () => Promise<FunctionComponent>): FunctionComponent {
  let loaded: FunctionComponent | null = null;
  let loading: Promise<FunctionComponent> | null = null;
  const start = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A failed chunk (an update under way, storage evicted) is tried again on the next visit.
        loading = null;
        throw error;
      },
    ));
  prefetches.push(() => void start().catch(() => undefined));

  function LazyScreen() {
    const [failed, setFailed] = useState(false);
    // A function given to useState is called as its initializer: the component must be wrapped, or it runs here.
    const [, setLoaded] = useState<FunctionComponent | null>(() => loaded);
    useEffect(() => {
      // Also when the screen arrived between this render and this effect: the render showed
      // "opening", and only a state change renders it again.
      let mounted = true;
      start().then(
        (component) => mounted && setLoaded(() => component),
        () => mounted && setFailed(true),
      );
      return () => {
        mounted = false;
      };
    }, [failed]);
    if (loaded) {
      const Screen = loaded;
      return <Screen />;
    }
    return (
      <JourneyScreen journey={journey}>
        <p role="status" data-testid="screen-loading">
          {t(failed ? 'screen.loadFailed' : 'screen.loading')}
        </p>
        {failed && (
          <Button onClick={() => setFailed(false)} testId="screen-retry">
            {t('screen.retry')}
          </Button>
        )}
      </JourneyScreen>
    );
  }
  return LazyScreen;
}

/**
 * One fetch started per idle period (each one's start-up, stylesheets and module preloads, is a
 * task of its own), so that a tap on the home screen never waits behind all of them at once.
 */
effect(() => {
  if (screen.value !== 'home' || prefetches.length === 0) return;
  let idle = 0;
  const next = () => {
    prefetches.shift()?.();
    if (prefetches.length > 0) idle = requestIdleCallback(next, { timeout: PREFETCH_IDLE_TIMEOUT_MS });
  };
  idle = requestIdleCallback(next, { timeout: PREFETCH_IDLE_TIMEOUT_MS });
  return () => cancelIdleCallback(idle);
});
