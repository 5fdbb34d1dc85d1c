import { useEffect } from 'preact/hooks';
import { Button } from '../shared/Button.tsx';
import { categoryName } from '../shared/categories.ts';
import { ConnectionBanner, StaffNotice } from './StaffNotice.tsx';
import { StaffHeader } from './StaffHeader.tsx';
import { busy, changingWindow, loadWindows, member, notice, pickWindow, windows } from './store.ts';
import styles from './Staff.module.css';

/** Each agent says which window they sit at; calls and the hall display use that number. */
export function WindowPicker() {
  useEffect(() => void loadWindows(), []);
  const current = member.value?.windowNumber ?? null;
  return (
    <div class={styles.screen}>
      <StaffHeader title="选择窗口">
        {current !== null && (
          <Button onClick={() => (changingWindow.value = false)} testId="cancel-window">
            返回{current}号窗口
          </Button>
        )}
      </StaffHeader>
      <main class={styles.pickerMain}>
        <p class={styles.lead}>请选择您所在的窗口：</p>
        <ConnectionBanner />
        {notice.value && <StaffNotice />}
        {windows.value === null ? (
          <p class={styles.muted}>正在读取窗口列表…</p>
        ) : (
          <ul class={styles.windowGrid} data-testid="window-list">
            {windows.value.map((window) => (
              <li key={window.number}>
                <button
                  type="button"
                  class={`${styles.windowButton} ${window.number === current ? styles.windowCurrent : ''}`}
                  disabled={busy.value}
                  onClick={() => void pickWindow(window.number)}
                  data-testid={`window-${window.number}`}
                >
                  <span class={styles.windowName}>{window.name}</span>
                  <span class={styles.windowCategories}>{window.categories.map((code) => categoryName(code)).join('、') || '未配置业务'}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}
