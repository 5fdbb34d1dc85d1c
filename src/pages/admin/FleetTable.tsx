import { Button } from '../shared/Button.tsx';
import { beijingDateTime, parseInstant } from '../shared/beijing-time.ts';
import type { FleetEntry } from './api.ts';
import { DEVICE_NAMES, deviceStateText, deviceTone, needsAttention, paperText, paperTone, terminalStatus, type Tone } from './labels.ts';
import { busy, pendingRevoke } from './store.ts';
import { TerminalSecurity } from './TerminalSecurity.tsx';
import styles from './Admin.module.css';

const TONES: Record<Tone, string | undefined> = { ok: styles.ok, warn: styles.warn, danger: styles.danger, muted: styles.mutedTag };

function Tag({ tone, children }: { tone: Tone; children: string }) {
  return <span class={`${styles.tag} ${TONES[tone] ?? ''}`}>{children}</span>;
}

function Heartbeat({ terminal }: { terminal: FleetEntry }) {
  const at = parseInstant(terminal.lastHeartbeatAt);
  return (
    <div class={styles.heartbeat}>
      <span>{at === null ? '从未上报' : beijingDateTime(at)}</span>
      {terminal.stale && at !== null && (
        <span class={styles.stale} data-testid="stale">
          超过2分钟未上报
        </span>
      )}
    </div>
  );
}

/** Always in the same order, whatever order the terminal reported them in, so rows compare at a glance. */
const DEVICE_ORDER = Object.keys(DEVICE_NAMES);

function Devices({ devices }: { devices: Record<string, string> }) {
  const rank = (kind: string) => (DEVICE_ORDER.includes(kind) ? DEVICE_ORDER.indexOf(kind) : DEVICE_ORDER.length);
  const entries = Object.entries(devices).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return <span class={styles.muted}>—</span>;
  return (
    <ul class={styles.devices}>
      {entries.map(([kind, state]) => (
        <li key={kind}>
          {DEVICE_NAMES[kind] ?? kind}：<Tag tone={deviceTone(state)}>{deviceStateText(state)}</Tag>
        </li>
      ))}
    </ul>
  );
}

function HeartbeatCell({ terminal }: { terminal: FleetEntry }) {
  if (terminal.lastHeartbeatAt !== null) return <Heartbeat terminal={terminal} />;
  // A terminal waiting for its technician has not failed to report: it has not started yet.
  if (!terminal.enrolled || terminal.revoked) return <span class={styles.muted}>从未上报</span>;
  return (
    <span class={styles.stale} data-testid="stale">
      注册后从未上报
    </span>
  );
}

function TerminalRow({ terminal }: { terminal: FleetEntry }) {
  const status = terminalStatus(terminal);
  return (
    <tr class={needsAttention(terminal) || terminal.suspended ? styles.staleRow : ''} data-testid="terminal-row" data-terminal={terminal.name}>
      <th scope="row" class={styles.name}>
        {terminal.name}
      </th>
      <td>
        <Tag tone={status.tone}>{status.text}</Tag>
      </td>
      <td>
        <HeartbeatCell terminal={terminal} />
      </td>
      <td>{terminal.appVersion ?? '—'}</td>
      <td>
        <Devices devices={terminal.devices} />
      </td>
      <td>
        <Tag tone={paperTone(terminal.paper)}>{paperText(terminal.paper)}</Tag>
      </td>
      <td class={(terminal.outboxDepth ?? 0) > 0 ? styles.backlog : ''}>{terminal.outboxDepth ?? '—'}</td>
      <td>{terminal.lastErrorCode ? <code class={styles.errorCode}>{terminal.lastErrorCode}</code> : '—'}</td>
      <td>
        <TerminalSecurity terminal={terminal} />
      </td>
      <td>
        {terminal.enrolled && !terminal.revoked && (
          <Button variant="plain" class={styles.revoke} disabled={busy.value} onClick={() => (pendingRevoke.value = terminal)} testId="revoke">
            吊销
          </Button>
        )}
      </td>
    </tr>
  );
}

export function FleetTable({ terminals }: { terminals: FleetEntry[] }) {
  if (terminals.length === 0) return <p class={styles.muted}>还没有终端。请用 npm run hall -- enroll &lt;终端名称&gt; 生成注册码。</p>;
  return (
    <div class={styles.tableWrap}>
      <table class={styles.table} data-testid="fleet-table">
        <thead>
          <tr>
            <th scope="col">终端</th>
            <th scope="col">状态</th>
            <th scope="col">最后心跳（北京时间）</th>
            <th scope="col">版本</th>
            <th scope="col">设备</th>
            <th scope="col">凭条纸</th>
            <th scope="col">待发送</th>
            <th scope="col">最近错误</th>
            <th scope="col">证照安全</th>
            <th scope="col">
              <span class="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {terminals.map((terminal) => (
            <TerminalRow key={terminal.id} terminal={terminal} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
