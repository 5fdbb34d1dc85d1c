import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../shared/Button.tsx';
import { beijingDateTime, parseInstant } from '../shared/beijing-time.ts';
import { USE_ACTIONS } from './labels.ts';
import { terminalDialog } from './store.ts';
import styles from './Admin.module.css';

const when = (iso: string) => {
  const at = parseInstant(iso);
  return at === null ? iso : beijingDateTime(at);
};

function EnrollmentCode({ code, expiresAt }: { code: string; expiresAt: string }) {
  return (
    <>
      <p>
        一次性注册码（{when(expiresAt)} 前有效，只显示这一次）：<strong class={styles.enrollmentCode} data-testid="enrollment-code">{code}</strong>
      </p>
      <p>在该终端上用它重新注册：终端管理界面输入注册码，或 kiosk-shell 以 <code>--enroll {code}</code> 启动。kiosk-shell 会生成新的设备密钥，终端原有的令牌和会话随即失效。</p>
    </>
  );
}

function CertificateUses({ uses }: { uses: { at: string; certificateType: string; action: string; purpose: string }[] }) {
  if (uses.length === 0) return <p class={styles.muted}>该终端还没有用证记录。</p>;
  return (
    <div class={styles.tableWrap}>
      <table class={styles.table} data-testid="certificate-uses-table">
        <thead>
          <tr>
            <th scope="col">时间（北京时间）</th>
            <th scope="col">证照类型</th>
            <th scope="col">用证方式</th>
            <th scope="col">用途</th>
          </tr>
        </thead>
        <tbody>
          {uses.map((use, index) => (
            <tr key={index}>
              <td>{when(use.at)}</td>
              <td>{use.certificateType}</td>
              <td>{USE_ACTIONS[use.action] ?? use.action}</td>
              <td>{use.purpose}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A terminal's new enrollment code, or the certificates it opened (never whose: the log holds no one's name). */
export function TerminalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = terminalDialog.value;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} class={styles.dialog} onClose={() => (terminalDialog.value = null)} aria-labelledby="terminal-dialog-title" data-testid="terminal-dialog">
      {open && (
        <>
          <h2 id="terminal-dialog-title" class={styles.dialogTitle}>
            {open.kind === 'enrollment' ? `重新注册终端“${open.terminal.name}”` : `终端“${open.terminal.name}”的用证记录`}
          </h2>
          {open.kind === 'enrollment' ? <EnrollmentCode code={open.code.code} expiresAt={open.code.expiresAt} /> : <CertificateUses uses={open.uses} />}
          <div class={styles.dialogActions}>
            <Button onClick={() => (terminalDialog.value = null)} testId="terminal-dialog-close">
              关闭
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}
