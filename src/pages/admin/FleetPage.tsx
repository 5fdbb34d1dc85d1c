import { beijingTimeWithSeconds } from '../shared/beijing-time.ts';
import { FleetTable } from './FleetTable.tsx';
import { needsAttention } from './labels.ts';
import { RevokeDialog } from './RevokeDialog.tsx';
import { TerminalDialog } from './TerminalDialog.tsx';
import { connectionLost, fleet, FLEET_REFRESH_MS, notice, refreshedAt } from './store.ts';
import styles from './Admin.module.css';

export function FleetPage() {
  const terminals = fleet.value;
  const active = terminals?.filter((terminal) => terminal.enrolled && !terminal.revoked) ?? [];
  const pending = terminals?.filter((terminal) => !terminal.enrolled && !terminal.revoked).length ?? 0;
  const stale = terminals?.filter(needsAttention).length ?? 0;
  return (
    <main class={styles.main}>
      <div class={styles.summary}>
        <h2 class={styles.sectionTitle}>自助终端</h2>
        {terminals && (
          <span data-testid="fleet-summary">
            在用 {active.length} 台{pending > 0 && `，待注册 ${pending} 台`}
            {stale > 0 && <strong class={styles.staleCount}>，{stale} 台超过2分钟未上报</strong>}
          </span>
        )}
        <span class={styles.refreshed}>
          每 {FLEET_REFRESH_MS / 1000} 秒自动刷新{refreshedAt.value !== null && ` · 更新于 ${beijingTimeWithSeconds(refreshedAt.value)}`}
        </span>
      </div>
      {connectionLost.value && (
        <p class={`${styles.notice} ${styles.noticeError}`} role="alert" data-testid="fleet-offline">
          无法连接服务器，正在重试；下表可能不是最新状态。
        </p>
      )}
      {notice.value && (
        <p class={`${styles.notice} ${notice.value.tone === 'error' ? styles.noticeError : styles.noticeInfo}`} role="status" data-testid="admin-notice">
          {notice.value.text}
        </p>
      )}
      {terminals === null ? <p class={styles.muted}>正在读取终端列表…</p> : <FleetTable terminals={terminals} />}
      <RevokeDialog />
      <TerminalDialog />
    </main>
  );
}
