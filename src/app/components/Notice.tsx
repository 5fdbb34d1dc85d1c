import { t } from '../i18n/index.ts';
import { notice } from '../notice.ts';
import styles from './Overlay.module.css';

export function Notice() {
  const key = notice.value;
  return (
    <div role="status" aria-live="polite">
      {key && (
        <p class={styles.notice} data-testid="notice">
          {t(key)}
        </p>
      )}
    </div>
  );
}
