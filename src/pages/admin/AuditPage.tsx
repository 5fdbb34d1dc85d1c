import type { AuditEntryView } from '../../core/audit-wire.ts';
import { beijingDateTime, beijingTimeWithSeconds, parseInstant } from '../shared/beijing-time.ts';
import { Button } from '../shared/Button.tsx';
import { actionText, actorText, detailText, outcomeOf } from './audit-labels.ts';
import { AUDIT_REFRESH_MS, connectionLost, entries, loadingOlder, loadOlder, older, refreshAudit, refreshedAt } from './audit-store.ts';
import { notice } from './store.ts';
import styles from './Audit.module.css';
import admin from './Admin.module.css';

const at = (iso: string) => {
  const ms = parseInstant(iso);
  return ms === null ? '—' : beijingDateTime(ms);
};

function AuditRow({ entry }: { entry: AuditEntryView }) {
  const outcome = outcomeOf(entry.outcome);
  const detail = detailText(entry.detail);
  return (
    <tr data-testid="audit-row" data-action={entry.action} data-outcome={entry.outcome}>
      <td class={styles.nowrap}>{at(entry.at)}</td>
      <th scope="row" class={styles.actor}>
        {actorText(entry)}
      </th>
      <td>{actionText(entry.action)}</td>
      <td class={styles.target}>{entry.target ?? <span class={admin.muted}>—</span>}</td>
      <td>
        <span class={`${admin.tag} ${admin[outcome.tone]}`}>{outcome.text}</span>
        {detail && <span class={styles.detail}>{detail}</span>}
      </td>
      <td class={styles.nowrap}>{entry.clientAddress ?? <span class={admin.muted}>—</span>}</td>
    </tr>
  );
}

function AuditTable({ rows }: { rows: AuditEntryView[] }) {
  if (rows.length === 0) return <p class={admin.muted}>暂无审计记录。</p>;
  return (
    <div class={admin.tableWrap}>
      <table class={admin.table} data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作人</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
            <th scope="col">结果</th>
            <th scope="col">来源地址</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <AuditRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 安全审计: logins, lockouts, revocations and every administrator's write, newest first. */
export function AuditPage() {
  const rows = entries.value;
  return (
    <main class={admin.main}>
      <div class={admin.summary}>
        <h2 class={admin.sectionTitle}>安全审计</h2>
        <span class={admin.muted}>登录、锁定、吊销终端及管理员的每一项操作</span>
        <span class={admin.refreshed}>
          每 {AUDIT_REFRESH_MS / 1000} 秒自动刷新{refreshedAt.value !== null && ` · 更新于 ${beijingTimeWithSeconds(refreshedAt.value)}`}
        </span>
        <Button onClick={() => void refreshAudit()} testId="audit-refresh">
          刷新
        </Button>
      </div>
      {connectionLost.value && (
        <p class={`${admin.notice} ${admin.noticeError}`} role="alert" data-testid="audit-offline">
          无法连接服务器，正在重试；下表可能不是最新记录。
        </p>
      )}
      {notice.value && (
        <p class={`${admin.notice} ${notice.value.tone === 'error' ? admin.noticeError : admin.noticeInfo}`} role="status" data-testid="admin-notice">
          {notice.value.text}
        </p>
      )}
      {rows === null ? <p class={admin.muted}>正在读取审计记录…</p> : <AuditTable rows={rows} />}
      {older.value !== null && (
        <div class={styles.more}>
          <Button onClick={() => void loadOlder()} disabled={loadingOlder.value} testId="audit-older">
            {loadingOlder.value ? '正在读取…' : '加载更早的记录'}
          </Button>
        </div>
      )}
    </main>
  );
}
