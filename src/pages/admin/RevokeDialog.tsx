import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../shared/Button.tsx';
import { busy, confirmRevoke, pendingRevoke } from './store.ts';
import styles from './Admin.module.css';

/** Revoking cannot be undone from this page (the terminal must be enrolled again): ask first. */
export function RevokeDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const terminal = pendingRevoke.value;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (terminal && !element.open) element.showModal();
    if (!terminal && element.open) element.close();
  }, [terminal]);
  return (
    <dialog ref={dialog} class={styles.dialog} onClose={() => (pendingRevoke.value = null)} aria-labelledby="revoke-title" data-testid="revoke-dialog">
      {terminal && (
        <>
          <h2 id="revoke-title" class={styles.dialogTitle}>
            吊销终端“{terminal.name}”？
          </h2>
          <p>吊销后，该终端的设备令牌立即失效：不能再取号、上报心跳或提交办件，需要重新注册才能使用。</p>
          <div class={styles.dialogActions}>
            <Button onClick={() => (pendingRevoke.value = null)} disabled={busy.value} testId="revoke-cancel">
              取消
            </Button>
            <Button variant="danger" onClick={() => void confirmRevoke()} disabled={busy.value} testId="revoke-confirm">
              确认吊销
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
