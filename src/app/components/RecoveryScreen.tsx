import { t } from '../i18n/index.ts';
import styles from './Overlay.module.css';

/** What a citizen sees instead of an error: a calm wait, then a fresh home screen. */
export function RecoveryScreen() {
  return (
    <div class={styles.backdrop} data-testid="recovering">
      <div class={styles.dialog} role="alert">
        <h2 class={styles.title}>{t('error.title')}</h2>
        <p>{t('error.body')}</p>
      </div>
    </div>
  );
}
