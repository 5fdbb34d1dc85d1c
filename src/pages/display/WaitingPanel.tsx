import { waiting } from './store.ts';
import styles from './Display.module.css';

export function WaitingPanel() {
  return (
    <section class={styles.waiting} aria-labelledby="waiting-title">
      <h2 id="waiting-title" class={styles.sectionTitle}>
        等候人数
      </h2>
      {/* The row count caps the list's height, so a hall with few categories does not get giant rows. */}
      <ul class={styles.waitingList} style={`--rows: ${waiting.value.length}`} data-testid="waiting-counts">
        {waiting.value.map((category) => (
          <li key={category.category} class={styles.waitingRow} data-testid={`waiting-${category.category}`}>
            <span>{category.name}</span>
            <span class={styles.waitingCount}>
              {category.waiting}
              <small> 人</small>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
