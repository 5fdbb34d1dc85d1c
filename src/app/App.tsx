import type { FunctionComponent } from 'preact';
import { networkState } from '../platform/network.ts';
import { AdminScreen } from './admin/AdminScreen.tsx';
import { PinDialog } from './admin/PinDialog.tsx';
import { pinDialogOpen } from './admin/store.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { IdleCountdown } from './components/IdleCountdown.tsx';
import { Notice } from './components/Notice.tsx';
import { RecoveryScreen } from './components/RecoveryScreen.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { Toolbar } from './components/Toolbar.tsx';
import { HomeScreen } from './home/HomeScreen.tsx';
import { IdentifyScreen } from './identify/IdentifyScreen.tsx';
import { t } from './i18n/index.ts';
import { lazyScreen } from './lazy-screen.tsx';
import { recovering } from './recovery.ts';
import { TicketScreen } from './ticket/TicketScreen.tsx';
import { screen, type ScreenId } from './router.ts';
import { elderMode, sessionEpoch } from './session/store.ts';
import styles from './App.module.css';

const SCREENS: Record<ScreenId, FunctionComponent> = {
  home: HomeScreen,
  admin: AdminScreen,
  identify: IdentifyScreen,
  ticket: TicketScreen,
  certificates: lazyScreen('certificates', () => import('./certificates/CertificatesScreen.tsx').then((module) => module.CertificatesScreen)),
  cases: lazyScreen('cases', () => import('./cases/CasesScreen.tsx').then((module) => module.CasesScreen)),
  progress: lazyScreen('progress', () => import('./progress/ProgressScreen.tsx').then((module) => module.ProgressScreen)),
  evaluation: lazyScreen('evaluation', () => import('./evaluation/EvaluationScreen.tsx').then((module) => module.EvaluationScreen)),
  guide: lazyScreen('guide', () => import('./guide/GuideScreen.tsx').then((module) => module.GuideScreen)),
};

export function App() {
  const Screen = SCREENS[screen.value];
  return (
    <div class={styles.kiosk}>
      <StatusBar />
      {networkState.value !== 'online' && (
        <p class={styles.offline} role="status" data-testid="offline-banner">
          {t('offline.banner')}
        </p>
      )}
      {elderMode.value && <p class={styles.elderNote}>{t('mode.elder.on')}</p>}
      {/* Keyed by session: a new session starts with fresh component state everywhere. */}
      <main class={styles.main} key={sessionEpoch.value}>
        {recovering.value ? (
          <RecoveryScreen />
        ) : (
          <ErrorBoundary>
            <Screen />
          </ErrorBoundary>
        )}
      </main>
      <Toolbar />
      <IdleCountdown />
      {pinDialogOpen.value && <PinDialog />}
      <Notice />
    </div>
  );
}
