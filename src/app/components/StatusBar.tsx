import { chinaTimeParts, formatChinaDate, formatChinaTime } from '../../core/china-time.ts';
import { DEVICE_KINDS, type DeviceState } from '../../core/devices.ts';
import { deviceStates } from '../../platform/bridge-launch.ts';
import { wallTime } from '../../platform/clock.ts';
import { kioskConfig } from '../../platform/config.ts';
import { networkState, type NetworkState } from '../../platform/network.ts';
import { openAdminEntry } from '../admin/store.ts';
import { localized, t, type MessageKey } from '../i18n/index.ts';
import { useLongPress } from './useLongPress.ts';
import styles from './StatusBar.module.css';

const NETWORK_LABEL: Record<NetworkState, MessageKey> = {
  online: 'status.network.online',
  offline: 'status.network.offline',
  'server-unreachable': 'status.network.serverUnreachable',
};

const levelOf = (state: DeviceState | NetworkState) =>
  state === 'ready' || state === 'online' ? 'ok' : state === 'absent' ? 'off' : state === 'paper-near-end' ? 'warn' : 'bad';

/** The hidden admin entry: hold the hall name for three seconds. */
const ADMIN_HOLD_MS = 3000;

/** Its own component: the clock ticks every second, and only the clock should re-render then. */
function Clock() {
  const parts = chinaTimeParts(wallTime.value);
  return (
    <div class={styles.clock} aria-label={t('status.clock')} data-testid="clock">
      <time class={styles.time} dateTime={`${formatChinaDate(parts)}T${formatChinaTime(parts)}+08:00`}>
        {formatChinaTime(parts)}
      </time>
      <span class={styles.date}>
        {formatChinaDate(parts)} {t(`weekday.${parts.weekday}` as MessageKey)}
      </span>
    </div>
  );
}

export function StatusBar() {
  const hold = useLongPress(ADMIN_HOLD_MS, openAdminEntry);
  const network = networkState.value;
  return (
    <header class={styles.bar}>
      <h1 class={styles.hall} {...hold} data-testid="hall-name">
        {localized(kioskConfig.value.hallName)}
      </h1>
      <Clock />
      <ul class={styles.states} aria-label={t('status.devices')}>
        <li class={styles.state} data-testid="network-state" data-state={network}>
          <span class={styles.dot} data-level={levelOf(network)} />
          {t(NETWORK_LABEL[network])}
        </li>
        {DEVICE_KINDS.map((kind) => (
          <li key={kind} class={styles.state} data-testid={`device-${kind}`} data-state={deviceStates.value[kind]}>
            <span class={styles.dot} data-level={levelOf(deviceStates.value[kind])} />
            {t(`device.${kind}`)} {t(`device.state.${deviceStates.value[kind]}`)}
          </li>
        ))}
      </ul>
    </header>
  );
}
