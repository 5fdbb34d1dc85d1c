import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { beijingLongDate, beijingTimeWithSeconds } from '../shared/beijing-time.ts';
import { hallConfigLoaded, pageClock } from '../shared/hall-config.ts';
import styles from './Display.module.css';

/** Beijing time, following the hall server's pinned clock in demos; only this component re-renders each second. */
export function Clock() {
  const tick = useSignal(0);
  useEffect(() => {
    const timer = setInterval(() => tick.value++, 1000);
    return () => clearInterval(timer);
  }, []);
  // Read in render so both the tick and the arrival of a pinned clock repaint the time at once.
  void tick.value;
  void hallConfigLoaded.value;
  const now = pageClock.now();
  return (
    <div class={styles.clock} data-testid="display-clock">
      <span class={styles.date}>{beijingLongDate(now)}</span>
      <time class={styles.time}>{beijingTimeWithSeconds(now)}</time>
    </div>
  );
}
