import { callKey } from './new-calls.ts';
import { calls } from './store.ts';
import styles from './Display.module.css';

/** The newest call large and flashing, the ones before it smaller: a citizen who looked away can catch up. */
export function CallBoard() {
  const [newest, ...earlier] = calls.value;
  return (
    <section class={styles.calls} aria-live="polite" aria-labelledby="calls-title">
      <h2 id="calls-title" class={styles.sectionTitle}>
        正在呼叫
      </h2>
      {newest ? (
        // Keyed by number and time so a recall restarts the highlight animation.
        <div key={callKey(newest)} class={styles.newest} data-testid="newest-call">
          <span class={styles.newestNumber}>{newest.number}</span>
          <span class={styles.arrow} aria-hidden="true">
            →
          </span>
          <span class={styles.newestWindow}>{newest.windowNumber}号窗口</span>
        </div>
      ) : (
        <p class={styles.noCalls} data-testid="no-calls">
          暂无叫号
        </p>
      )}
      {earlier.length > 0 && (
        <ul class={styles.earlier} data-testid="earlier-calls">
          {earlier.map((call) => (
            <li key={callKey(call)} class={styles.earlierCall}>
              <span class={styles.earlierNumber}>{call.number}</span>
              <span class={styles.arrowSmall} aria-hidden="true">
                →
              </span>
              <span>{call.windowNumber}号窗口</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
