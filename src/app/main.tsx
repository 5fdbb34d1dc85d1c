import { effect } from '@preact/signals';
import { render } from 'preact';
import { installLockdown } from '../platform/lockdown.ts';
import { bridgeLaunch, readBridgeLaunch } from '../platform/bridge-launch.ts';
import { forgetCard, startBridgeClient } from '../platform/bridge-client.ts';
import { startWallTime, monotonic } from '../platform/clock.ts';
import { loadCatalog } from '../platform/catalog.ts';
import { kioskConfig, loadKioskConfig, refreshKioskConfig } from '../platform/config.ts';
import { networkState, watchNetwork } from '../platform/network.ts';
import { forgetScans } from '../platform/scans.ts';
import { checkForUpdatesPeriodically, registerServiceWorker } from '../platform/service-worker.ts';
import { stopSpeaking } from '../platform/speech.ts';
import { startSync } from '../platform/sync.ts';
import { installWedgeScanner } from '../platform/wedge-scanner.ts';
import { enrollTerminal, loadEnrollment, readEnrollmentFragment, terminalName } from '../platform/terminal.ts';
import { App } from './App.tsx';
import { homeInteractive } from './home/interactive.ts';
import { language } from './i18n/index.ts';
import { showNotice } from './notice.ts';
import { installIdentityReactions } from './identify/store.ts';
import { installErrorRecovery } from './recovery.ts';
import { configureSession, elderMode, noteActivity, onSessionEnd, sessionActive } from './session/store.ts';
import { installUpdatePolicy } from './update-policy.ts';
import './global.css';

// The launch fragment is read once: an enrollment code (first start) and the bridge address.
const enrollmentCode = readEnrollmentFragment(window.location.hash);
readBridgeLaunch();
installLockdown(() => showNotice('lockdown.externalLink'));
installErrorRecovery();

// Every touch or key counts as presence; capture phase so no screen can swallow it.
for (const type of ['pointerdown', 'keydown'] as const) {
  document.addEventListener(type, noteActivity, { capture: true, passive: true });
}
installWedgeScanner();
installIdentityReactions();
onSessionEnd(() => {
  stopSpeaking();
  // A card read for this citizen never outlives the session.
  forgetCard();
  forgetScans();
  window.getSelection()?.removeAllRanges();
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
});

effect(() => {
  document.documentElement.lang = language.value;
});
effect(() => {
  document.documentElement.dataset.elder = elderMode.value ? 'on' : 'off';
});
// kiosk-shell's watchdog restarts Chromium at night only while nobody is using the terminal.
effect(() => {
  document.documentElement.dataset.session = sessionActive.value ? 'active' : 'none';
});
// For the shell's diagnostics and the tests: is this browser an enrolled terminal?
effect(() => {
  document.documentElement.dataset.terminal = terminalName.value ? 'enrolled' : 'not-enrolled';
});
effect(() => {
  configureSession({ idleSeconds: kioskConfig.value.idleSeconds, monotonic });
});
/** Provider keys change rarely; a terminal checks for new ones this often, and when it is back online. */
const PROVIDER_REFRESH_MS = 15 * 60 * 1000;

function refreshIdentityProviders(): void {
  void import('../platform/identity-codes.ts').then((codes) => codes.refreshIdentityProviders());
}

/**
 * The provider keys, and the catalog, which the guide and the case journey need offline too:
 * fetched at start, then checked now and then (the catalog answers 304 while unchanged).
 */
function keepReferenceDataFresh(): void {
  const refresh = () => {
    refreshIdentityProviders();
    void loadCatalog();
  };
  refresh();
  setInterval(refresh, PROVIDER_REFRESH_MS);
}

// A terminal that started offline picks up the hall's current settings once it is back.
let wasOnline = networkState.peek() === 'online';
effect(() => {
  const online = networkState.value === 'online';
  if (online && !wasOnline) {
    void refreshKioskConfig();
    refreshIdentityProviders();
  }
  wasOnline = online;
});

/** The longest that start-up work waits for the home screen, should another screen come first. */
const BACKGROUND_START_LIMIT_MS = 3000;

/**
 * Start-up work the first screen does not need (the outbox, reference data, the service
 * worker) waits until the home screen can be tapped, so that it never delays that moment.
 */
function afterHomeInteractive(work: () => void): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    work();
  };
  void homeInteractive.then(start);
  setTimeout(start, BACKGROUND_START_LIMIT_MS);
}

render(<App />, document.getElementById('app')!);

startWallTime();
watchNetwork();
void loadKioskConfig();
// The bridge first: with a shell, enrollment goes through it.
if (bridgeLaunch()) startBridgeClient();
const enrolled = enrollmentCode ? enrollTerminal(enrollmentCode).then(() => undefined) : loadEnrollment();
installUpdatePolicy();
afterHomeInteractive(() => {
  void enrolled.then(() => {
    startSync();
    keepReferenceDataFresh();
  });
  if (import.meta.env.PROD) {
    void registerServiceWorker();
    checkForUpdatesPeriodically();
  }
});
