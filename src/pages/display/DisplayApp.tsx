import { hallName } from '../shared/hall-config.ts';
import { CallBoard } from './CallBoard.tsx';
import { Clock } from './Clock.tsx';
import { connection, speechBlocked } from './store.ts';
import { WaitingPanel } from './WaitingPanel.tsx';
import styles from './Display.module.css';

/** The hall's big landscape screen: who is called to which window, and how many are waiting. */
export function DisplayApp() {
  return (
    <div class={styles.display}>
      <header class={styles.header}>
        <h1 class={styles.hallName} data-testid="hall-name">
          {hallName.value?.['zh-CN'] ?? ''}
        </h1>
        <Clock />
      </header>
      <main class={styles.main}>
        <CallBoard />
        <WaitingPanel />
      </main>
      <footer class={styles.footer}>
        <span>请留意叫号，听到您的号码后请到对应窗口办理；过号请重新取号。</span>
        {connection.value === 'lost' && (
          <span class={styles.connectionLost} role="status" data-testid="connection-lost">
            连接中断，正在重连…
          </span>
        )}
        {speechBlocked.value && (
          <span class={styles.speechBlocked} data-testid="speech-blocked">
            语音播报未开启，请轻触屏幕
          </span>
        )}
      </footer>
    </div>
  );
}
