import { useEffect, useRef } from 'preact/hooks';
import { isBadLevel, LEVEL_LABELS, reasonLabel } from '../../core/evaluation.ts';
import { Button } from '../shared/Button.tsx';
import { beijingDateTime, beijingTimeWithSeconds, parseInstant } from '../shared/beijing-time.ts';
import type { AdminEvaluation, EvaluationFilter } from './evaluations-api.ts';
import {
  busy,
  cancelResolving,
  chooseFilter,
  confirmResolve,
  connectionLost,
  evaluations,
  EVALUATIONS_REFRESH_MS,
  filter,
  outcome,
  refreshedAt,
  resolveError,
  resolving,
  startResolving,
  summary,
} from './evaluations-store.ts';
import { notice } from './store.ts';
import styles from './Evaluations.module.css';
import admin from './Admin.module.css';

const FILTERS: [EvaluationFilter, string][] = [
  ['open', '待整改'],
  ['all-rectifications', '全部整改'],
  ['all', '全部评价'],
];

const at = (iso: string | null) => {
  const ms = parseInstant(iso);
  return ms === null ? '—' : beijingDateTime(ms).slice(0, 16);
};

/** The due working day of a rectification: the server gives the first instant past it. */
const dueText = (iso: string) => {
  const ms = parseInstant(iso);
  return ms === null ? '—' : `${beijingDateTime(ms - 1).slice(0, 10)} 下班前`;
};

function Summary() {
  const figures = summary.value;
  if (!figures) return null;
  const good = figures.byLevel.filter((entry) => entry.level >= 4).reduce((sum, entry) => sum + entry.count, 0);
  return (
    <dl class={styles.figures} data-testid="evaluation-summary">
      <div>
        <dt>评价总数</dt>
        <dd>{figures.total}</dd>
      </div>
      <div>
        <dt>满意率</dt>
        <dd>{figures.total === 0 ? '—' : `${((good / figures.total) * 100).toFixed(1)}%`}</dd>
      </div>
      {figures.byLevel.map((entry) => (
        <div key={entry.level}>
          <dt>{LEVEL_LABELS[entry.level]['zh-CN']}</dt>
          <dd class={isBadLevel(entry.level) && entry.count > 0 ? styles.badFigure : ''}>{entry.count}</dd>
        </div>
      ))}
      <div>
        <dt>待整改</dt>
        <dd data-testid="open-rectifications">{figures.openRectifications}</dd>
      </div>
      <div>
        <dt>已超期</dt>
        <dd class={figures.overdueRectifications > 0 ? styles.badFigure : ''} data-testid="overdue-rectifications">
          {figures.overdueRectifications}
        </dd>
      </div>
    </dl>
  );
}

function RectificationCell({ entry }: { entry: AdminEvaluation }) {
  const rectification = entry.rectification;
  if (!rectification) return <span class={admin.muted}>—</span>;
  return (
    <div class={styles.rectification}>
      {rectification.status === 'open' ? (
        <span class={`${admin.tag} ${admin.warn}`}>整改中</span>
      ) : (
        <span class={`${admin.tag} ${admin.ok}`}>已办结</span>
      )}
      {rectification.overdue && (
        <span class={admin.stale} data-testid="overdue">
          超期
        </span>
      )}
      <span class={styles.due}>时限：{dueText(rectification.dueAt)}</span>
      {rectification.status === 'resolved' && (
        <span class={styles.outcome} data-testid="rectification-outcome">
          {rectification.outcome}
          <span class={admin.muted}>
            （{rectification.resolvedBy ?? '—'}，{at(rectification.resolvedAt)}）
          </span>
        </span>
      )}
    </div>
  );
}

function EvaluationRow({ entry }: { entry: AdminEvaluation }) {
  const bad = isBadLevel(entry.level);
  return (
    <tr class={entry.rectification?.overdue && entry.rectification.status === 'open' ? admin.staleRow : ''} data-testid="evaluation-row" data-reference={entry.reference}>
      <td class={styles.nowrap}>{at(entry.createdAt)}</td>
      <th scope="row">
        <span class={admin.name}>{entry.reference}</span>
        <span class={styles.secondary}>
          {entry.subjectKind === 'ticket' ? '号票' : '办件'} · {entry.title}
        </span>
      </th>
      <td>{entry.department}</td>
      <td>
        <span class={`${admin.tag} ${bad ? admin.danger : entry.level === 3 ? admin.warn : admin.ok}`}>{LEVEL_LABELS[entry.level]['zh-CN']}</span>
      </td>
      <td>
        {entry.reason && <strong>{reasonLabel(entry.reason)?.['zh-CN'] ?? entry.reason}</strong>}
        {entry.comment && <span class={styles.comment}>{entry.comment}</span>}
        {!entry.reason && !entry.comment && <span class={admin.muted}>—</span>}
      </td>
      <td class={styles.nowrap}>{entry.source === 'terminal' ? '自助终端' : '手机扫码'}</td>
      <td>
        <RectificationCell entry={entry} />
      </td>
      <td>
        {entry.rectification?.status === 'open' && (
          <Button variant="primary" onClick={() => startResolving(entry)} disabled={busy.value} testId="resolve">
            办结整改
          </Button>
        )}
      </td>
    </tr>
  );
}

function EvaluationTable({ entries }: { entries: AdminEvaluation[] }) {
  if (entries.length === 0) return <p class={admin.muted}>{filter.value === 'open' ? '没有待整改的差评。' : '暂无评价。'}</p>;
  return (
    <div class={admin.tableWrap}>
      <table class={admin.table} data-testid="evaluation-table">
        <thead>
          <tr>
            <th scope="col">评价时间</th>
            <th scope="col">服务</th>
            <th scope="col">责任部门</th>
            <th scope="col">评价</th>
            <th scope="col">原因与意见</th>
            <th scope="col">渠道</th>
            <th scope="col">整改（1个工作日内）</th>
            <th scope="col">
              <span class="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <EvaluationRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The outcome is what the citizen reads on the evaluation page: ask for it in full. */
function ResolveDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const entry = resolving.value;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (entry && !element.open) element.showModal();
    if (!entry && element.open) element.close();
  }, [entry]);
  return (
    <dialog ref={dialog} class={admin.dialog} onClose={cancelResolving} aria-labelledby="resolve-title" data-testid="resolve-dialog">
      {entry && (
        <>
          <h2 id="resolve-title" class={admin.dialogTitle}>
            办结 {entry.reference} 的整改
          </h2>
          <p class={admin.muted}>
            {LEVEL_LABELS[entry.level]['zh-CN']} · {entry.reason ? reasonLabel(entry.reason)?.['zh-CN'] : ''} {entry.comment ?? ''}
          </p>
          <label class={styles.outcomeLabel} for="resolve-outcome">
            整改结果（群众可在评价页面看到）
          </label>
          <textarea
            id="resolve-outcome"
            class={styles.outcomeInput}
            rows={4}
            maxLength={500}
            value={outcome.value}
            onInput={(event) => (outcome.value = event.currentTarget.value)}
            data-testid="resolve-outcome"
          />
          {resolveError.value && (
            <p class={`${admin.notice} ${admin.noticeError}`} role="alert" data-testid="resolve-error">
              {resolveError.value}
            </p>
          )}
          <div class={admin.dialogActions}>
            <Button onClick={cancelResolving} disabled={busy.value} testId="resolve-cancel">
              取消
            </Button>
            <Button variant="primary" onClick={() => void confirmResolve()} disabled={busy.value} testId="resolve-confirm">
              提交整改结果
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}

export function EvaluationsPage() {
  const entries = evaluations.value;
  return (
    <main class={admin.main}>
      <div class={admin.summary}>
        <h2 class={admin.sectionTitle}>好差评</h2>
        <span class={admin.refreshed}>
          每 {EVALUATIONS_REFRESH_MS / 1000} 秒自动刷新{refreshedAt.value !== null && ` · 更新于 ${beijingTimeWithSeconds(refreshedAt.value)}`}
        </span>
      </div>
      <Summary />
      <div class={styles.filters} role="group" aria-label="显示范围">
        {FILTERS.map(([value, label]) => (
          <button type="button" key={value} class={styles.filter} aria-pressed={filter.value === value} onClick={() => chooseFilter(value)} data-testid={`filter-${value}`}>
            {label}
          </button>
        ))}
      </div>
      {connectionLost.value && (
        <p class={`${admin.notice} ${admin.noticeError}`} role="alert">
          无法连接服务器，正在重试；下表可能不是最新状态。
        </p>
      )}
      {notice.value && (
        <p class={`${admin.notice} ${notice.value.tone === 'error' ? admin.noticeError : admin.noticeInfo}`} role="status" data-testid="admin-notice">
          {notice.value.text}
        </p>
      )}
      {entries === null ? <p class={admin.muted}>正在读取评价…</p> : <EvaluationTable entries={entries} />}
      <ResolveDialog />
    </main>
  );
}
