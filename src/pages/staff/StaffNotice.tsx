import { connectionLost, notice } from './store.ts';
import styles from './Staff.module.css';

/** A steady warning while the server cannot be reached: the list on screen may be old. */
export function ConnectionBanner() {
  if (!connectionLost.value) return null;
  return (
    <p class={`${styles.notice} ${styles.noticeError}`} role="alert" data-testid="staff-offline">
      与服务器的连接中断，正在重试…（等候列表可能不是最新）
    </p>
  );
}

/** The outcome of the last action, or `idle` text when there is none; its slot never changes height. */
export function StaffNotice({ idle }: { idle?: string | undefined }) {
  const current = notice.value;
  return (
    <p
      class={`${styles.notice} ${current === null ? styles.noticeIdle : current.tone === 'error' ? styles.noticeError : styles.noticeInfo}`}
      role={current?.tone === 'error' ? 'alert' : 'status'}
      data-testid={current === null ? undefined : 'staff-notice'}
    >
      {current?.text ?? idle ?? ''}
    </p>
  );
}
