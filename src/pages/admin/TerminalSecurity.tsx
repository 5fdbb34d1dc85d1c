import { Button } from '../shared/Button.tsx';
import { beijingDateTime, parseInstant } from '../shared/beijing-time.ts';
import type { FleetEntry } from './api.ts';
import { alertText, suspensionText } from './labels.ts';
import { busy, liftSuspension, reenroll, showCertificateUses } from './store.ts';
import styles from './Admin.module.css';

const when = (iso: string) => {
  const at = parseInstant(iso);
  return at === null ? iso : beijingDateTime(at);
};

/**
 * A terminal's part in certificate-free retrieval: whether it holds a device key (only then can
 * it identify citizens by ID card), whether its identity limits suspended it and why, and how
 * many certificates it opened today, with what an administrator can do about each.
 */
export function TerminalSecurity({ terminal }: { terminal: FleetEntry }) {
  if (!terminal.enrolled || terminal.revoked) return <span class={styles.muted}>—</span>;
  return (
    <div class={styles.security} data-testid="terminal-security">
      {terminal.keyBound ? (
        <span class={`${styles.tag} ${styles.ok}`}>设备密钥</span>
      ) : (
        <span class={`${styles.tag} ${styles.warn}`} data-testid="no-device-key">
          无设备密钥：不能凭身份证调证
        </span>
      )}
      {terminal.suspended && (
        <span class={`${styles.tag} ${styles.danger}`} data-testid="suspended">
          {suspensionText(terminal.suspended.reason)}（{when(terminal.suspended.at)}）
        </span>
      )}
      {terminal.alerts.length > 0 && (
        <ul class={styles.alerts} data-testid="alerts">
          {terminal.alerts.map((alert) => (
            <li key={`${alert.at}-${alert.kind}`}>
              {when(alert.at)} {alertText(alert)}
            </li>
          ))}
        </ul>
      )}
      <div class={styles.securityActions}>
        <Button variant="plain" disabled={busy.value} onClick={() => void showCertificateUses(terminal)} testId="certificate-uses">
          24小时用证 {terminal.certificateUses24h} 次
        </Button>
        {terminal.suspended && (
          <Button variant="plain" disabled={busy.value} onClick={() => void liftSuspension(terminal)} testId="resume">
            恢复证照业务
          </Button>
        )}
        <Button variant="plain" disabled={busy.value} onClick={() => void reenroll(terminal)} testId="reenroll">
          重新注册
        </Button>
      </div>
    </div>
  );
}
