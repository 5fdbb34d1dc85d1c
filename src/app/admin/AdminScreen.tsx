import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { DEVICE_KINDS } from '../../core/devices.ts';
import { deviceStates } from '../../platform/bridge-launch.ts';
import { networkState } from '../../platform/network.ts';
import { serviceWorkerState, type ServiceWorkerState } from '../../platform/service-worker.ts';
import { storageUsage, type StorageUsage } from '../../platform/storage-usage.ts';
import { Button } from '../components/Button.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
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
        <dt>{t('admin.devices')}</dt>
        <dd>
          <ul class={styles.devices}>
            {DEVICE_KINDS.map((kind) => (
              <li key={kind} data-testid={`admin-device-${kind}`}>
                {t(`device.${kind}`)}：{t(`device.state.${deviceStates.value[kind]}`)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {serviceWorkerState.value === 'waiting' && <p>{t('admin.updateWaiting')}</p>}
      <div class={styles.actions}>
        <Button primary onClick={() => void forceUpdate()} testId="admin-update">
          {t('admin.update')}
        </Button>
        <Button onClick={() => window.location.reload()} testId="admin-reload">
          {t('admin.reload')}
        </Button>
        <Button onClick={endSession} testId="admin-exit">
          {t('admin.exit')}
        </Button>
      </div>
    </section>
  );
}
