import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { DEVICE_KINDS, type DeviceKind } from '../../core/devices.ts';
import { deviceDetails, deviceStates, reloadKeepingBridge } from '../../platform/bridge-launch.ts';
import { bridgeConnected, demoDevices, insertDemoCard, lastReceiptImage, removeDemoCard, shellTerminal, shellVersion } from '../../platform/bridge-client.ts';
import { networkState } from '../../platform/network.ts';
import { serviceWorkerState, type ServiceWorkerState } from '../../platform/service-worker.ts';
import { storageUsage, type StorageUsage } from '../../platform/storage-usage.ts';
import { Button } from '../components/Button.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { outboxDepth } from '../../platform/outbox.ts';
import { enrollTerminal, terminalName } from '../../platform/terminal.ts';
import { referenceCatalogue, t, type MessageKey } from '../i18n/index.ts';
import { endSession } from '../session/store.ts';
import { forceUpdate } from '../update-policy.ts';
import styles from './AdminScreen.module.css';

const SW_LABEL: Record<ServiceWorkerState, MessageKey> = {
  unsupported: 'sw.unsupported',
  registering: 'sw.registering',
  active: 'sw.active',
  installing: 'sw.installing',
  waiting: 'sw.waiting',
  failed: 'sw.failed',
};

const NETWORK_LABEL = {
  online: 'status.network.online',
  offline: 'status.network.offline',
  'server-unreachable': 'status.network.serverUnreachable',
} as const;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(referenceCatalogue, key);

/** A reason in words where the catalogue has them; otherwise its code (`unknown-status-0x7e`), which the IT staff can look up. */
function reasonText(reason: string): string {
  const key = `device.reason.${reason}`;
  return isMessageKey(key) ? t(key) : reason;
}

/** One peripheral: its state, why (unless the state says it already), and the errors on its line. */
function DeviceLine({ kind }: { kind: DeviceKind }) {
  const state = deviceStates.value[kind];
  const { reason, lineErrors } = deviceDetails.value[kind] ?? {};
  const why = reason && reason !== state ? reasonText(reason) : null;
  return (
    <li data-testid={`admin-device-${kind}`} data-state={state} data-reason={reason}>
      {t(`device.${kind}`)}：{t(`device.state.${state}`)}
      {why && ` · ${why}`}
      {lineErrors && (
        <span class={styles.lineErrors} data-testid={`admin-device-${kind}-line`}>
          {t('admin.lineErrors', { ...lineErrors })}
        </span>
      )}
    </li>
  );
}

/** Enrolls the terminal with a one-time code from `npm run hall -- enroll <name>`. */
function Enrollment() {
  const code = useSignal('');
  const failed = useSignal(false);
  const submit = async () => {
    const result = await enrollTerminal(code.value);
    failed.value = !result.ok;
    if (result.ok) code.value = '';
  };
  return (
    <section class={styles.facts} aria-labelledby="enroll-title">
      <h3 id="enroll-title" class={styles.wide}>
        {t('admin.enroll.title')}
      </h3>
      <p class={styles.wide} data-testid="enroll-state">
        {terminalName.value ? t('admin.enroll.state', { name: terminalName.value }) : t('admin.enroll.none')}
      </p>
      {terminalName.value && (
        <p class={styles.wide} data-testid="enroll-key">
          {shellTerminal.value ? t('admin.enroll.keyBound') : t('admin.enroll.browserOnly')}
        </p>
      )}
      <label for="enroll-code">{t('admin.enroll.code')}</label>
      <div class={styles.row}>
        <input id="enroll-code" class={styles.input} value={code.value} inputMode="none" autoComplete="off" readOnly data-testid="enroll-code" />
        <Button primary disabled={code.value.length < 8} onClick={() => void submit()} testId="enroll-submit">
          {t('admin.enroll.submit')}
        </Button>
      </div>
      {failed.value && (
        <p class={styles.wide} role="alert">
          {t('admin.enroll.failed')}
        </p>
      )}
      <div class={styles.wide}>
        <Keypad read={() => code.value} onChange={(value) => (code.value = value.slice(0, 9))} maxLength={9} letters />
      </div>
    </section>
  );
}

/** With a shell on simulated devices (`npm start`): put demo cards on the reader, see the last receipt. */
function DemoDevices() {
  const demo = demoDevices.value;
  const receipt = useSignal<string | null | undefined>(undefined);
  if (!demo) return null;
  // The card arrives as a citizen's would: on the home screen, after the admin has left.
  const insert = (card: string) => {
    endSession();
    insertDemoCard(card);
  };
  const showReceipt = async () => {
    receipt.value = await lastReceiptImage();
  };
  return (
    <section class={styles.facts} aria-labelledby="demo-title" data-testid="admin-demo">
      <h3 id="demo-title" class={styles.wide}>
        {t('admin.demo.title')}
      </h3>
      {demo.cards.length > 0 && (
        <div class={`${styles.wide} ${styles.actions}`}>
          {demo.cards.map((card) => (
            <Button key={card} onClick={() => insert(card)} testId={`admin-demo-insert-${card}`}>
              {t('admin.demo.insert', { card })}
            </Button>
          ))}
          <Button onClick={() => removeDemoCard()} testId="admin-demo-remove">
            {t('admin.demo.remove')}
          </Button>
        </div>
      )}
      {demo.virtualPrinter && (
        <div class={styles.wide}>
          <Button onClick={() => void showReceipt()} testId="admin-demo-receipt">
            {t('admin.demo.lastReceipt')}
          </Button>
          {receipt.value === null && <p>{t('admin.demo.noReceipt')}</p>}
          {receipt.value && <img class={styles.receipt} src={`data:image/png;base64,${receipt.value}`} alt={t('admin.demo.lastReceipt')} data-testid="admin-demo-receipt-image" />}
        </div>
      )}
    </section>
  );
}

/** The terminal's own facts for the hall's IT staff; every value is read live. */
export function AdminScreen() {
  const usage = useSignal<StorageUsage | null | undefined>(undefined);
  useEffect(() => {
    void storageUsage().then((value) => (usage.value = value));
  }, []);

  const storage = usage.value ? `${megabytes(usage.value.usedBytes)} / ${megabytes(usage.value.quotaBytes)}` : t('admin.storage.unknown');

  return (
    <section class={styles.admin} aria-labelledby="admin-title" data-screen="admin">
      <h2 class={styles.title} id="admin-title">
        {t('admin.title')}
      </h2>
      <dl class={styles.facts}>
        <dt>{t('admin.version')}</dt>
        <dd data-testid="admin-version">{__APP_VERSION__}</dd>
        <dt>{t('admin.serviceWorker')}</dt>
        <dd data-testid="admin-sw">{t(SW_LABEL[serviceWorkerState.value])}</dd>
        <dt>{t('admin.storage')}</dt>
        <dd data-testid="admin-storage">{usage.value === undefined ? '…' : storage}</dd>
        <dt>{t('admin.network')}</dt>
        <dd>{t(NETWORK_LABEL[networkState.value])}</dd>
        <dt>{t('admin.outbox')}</dt>
        <dd data-testid="admin-outbox">{outboxDepth.value}</dd>
        <dt>{t('admin.bridge')}</dt>
        <dd data-testid="admin-bridge">{bridgeConnected.value ? `${t('admin.bridge.connected')} · ${shellVersion.value ?? ''}` : t('admin.bridge.none')}</dd>
        <dt>{t('admin.devices')}</dt>
        <dd>
          <ul class={styles.devices}>
            {DEVICE_KINDS.map((kind) => (
              <DeviceLine key={kind} kind={kind} />
            ))}
          </ul>
        </dd>
      </dl>
      <Enrollment />
      <DemoDevices />
      {serviceWorkerState.value === 'waiting' && <p>{t('admin.updateWaiting')}</p>}
      <div class={styles.actions}>
        <Button primary onClick={() => void forceUpdate()} testId="admin-update">
          {t('admin.update')}
        </Button>
        <Button onClick={reloadKeepingBridge} testId="admin-reload">
          {t('admin.reload')}
        </Button>
        <Button onClick={endSession} testId="admin-exit">
          {t('admin.exit')}
        </Button>
      </div>
    </section>
  );
}
