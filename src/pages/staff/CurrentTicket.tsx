import { Button } from '../shared/Button.tsx';
import { categoryName } from '../shared/categories.ts';
import { PRIORITY_LABELS } from '../shared/wire.ts';
import { StaffNotice } from './StaffNotice.tsx';
import { busy, callNext, queue, updateCurrent } from './store.ts';
import styles from './Staff.module.css';

/** The citizen at this window now, and the four things an agent does with a ticket. */
export function CurrentTicket() {
  const state = queue.value;
  const current = state?.current ?? null;
  const waiting = state?.waiting.length ?? 0;
  return (
    <div class={styles.currentCard} data-testid="current-ticket">
      <h2 class={styles.cardTitle}>正在办理</h2>
      {current ? (
        <div class={styles.currentBody}>
          <p class={styles.currentNumber} data-testid="current-number">
            {current.number}
          </p>
          <p class={styles.currentMeta}>
            <span data-testid="current-category">{categoryName(current.category)}</span>
            {current.priority && (
              <span class={styles.badge} data-testid="current-priority">
                {PRIORITY_LABELS[current.priority]}
              </span>
            )}
          </p>
        </div>
      ) : (
        <div class={styles.currentBody}>
          <p class={styles.currentEmpty} data-testid="current-empty">
            {state === null ? '正在读取…' : waiting > 0 ? '请按“叫号”呼叫下一位' : '暂无等候的号码'}
          </p>
        </div>
      )}
      <StaffNotice idle={current ? '办结或过号后，才能呼叫下一位。' : undefined} />
      <div class={styles.actions}>
        {/* Calling the next citizen while one is still at the window would leave that ticket
            "called" on the hall display for ever: finish or mark it no-show first. */}
        <Button variant="primary" class={styles.callButton} onClick={() => void callNext()} disabled={busy.value || state === null || current !== null} testId="call-next">
          叫号
        </Button>
        <Button onClick={() => void updateCurrent('recall')} disabled={busy.value || !current} testId="recall">
          重呼
        </Button>
        <Button onClick={() => void updateCurrent('no-show')} disabled={busy.value || !current} testId="no-show">
          过号
        </Button>
        <Button variant="primary" onClick={() => void updateCurrent('finish')} disabled={busy.value || !current} testId="finish">
          办结
        </Button>
      </div>
    </div>
  );
}
