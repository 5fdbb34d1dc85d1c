import { beijingTime, parseInstant } from '../shared/beijing-time.ts';
import { categoryName } from '../shared/categories.ts';
import { PRIORITY_LABELS } from '../shared/wire.ts';
import { queue } from './store.ts';
import styles from './Staff.module.css';

/** The tickets this window may call, in the order 叫号 will call them (priority first). */
export function WaitingList() {
  const waiting = queue.value?.waiting ?? null;
  return (
    <section class={styles.waitingColumn} aria-labelledby="waiting-title">
      <h2 id="waiting-title" class={styles.cardTitle}>
        等候叫号 <span data-testid="waiting-count">{waiting === null ? '' : `${waiting.length} 人`}</span>
      </h2>
      {waiting !== null && waiting.length === 0 && <p class={styles.muted}>暂无等候</p>}
      <ol class={styles.waitingList} data-testid="waiting-list">
        {waiting?.map((ticket) => {
          const issued = parseInstant(ticket.issuedAt);
          return (
            <li key={ticket.id} class={styles.waitingRow} data-testid="waiting-ticket">
              <span class={styles.waitingNumber}>{ticket.number}</span>
              <span class={styles.waitingCategory}>{categoryName(ticket.category)}</span>
              {ticket.priority && <span class={styles.badge}>{PRIORITY_LABELS[ticket.priority]}</span>}
              <span class={styles.waitingTime}>{issued === null ? '' : `${beijingTime(issued)} 取号`}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
