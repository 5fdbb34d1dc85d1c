import type { ComponentChildren } from 'preact';
import { beijingDateTime, parseInstant } from '../shared/beijing-time.ts';
import { pageClock } from '../shared/hall-config.ts';
import { reportCsvUrl, type Grouping, type ReportCounts, type ReportRow } from './supervision-api.ts';
import { SupervisionCards } from './SupervisionCards.tsx';
import { SupervisionChart } from './SupervisionChart.tsx';
import { SupervisionExempt } from './SupervisionExempt.tsx';
import { chooseGrouping, choosePeriod, grouping, loading, onTimeRate, period, quarterChoices, quarterName, report } from './supervision-store.ts';
import { notice } from './store.ts';
import styles from './Supervision.module.css';
import admin from './Admin.module.css';

const GROUPINGS: [Grouping, string][] = [
  ['center', '中心'],
  ['department', '部门'],
  ['window', '窗口'],
  ['person', '人员'],
];

const rate = (counts: ReportCounts) => {
  const judged = counts.cases - counts.inProgress;
  return judged === 0 ? '—' : `${((counts.onTime / judged) * 100).toFixed(1)}%`;
};

function Toolbar() {
  const choices = quarterChoices(pageClock.now());
  const current = `${period.value.year}-${period.value.quarter}`;
  return (
    <div class={styles.toolbar}>
      <label class={styles.field}>
        <span>统计季度</span>
        <select
          value={current}
          onChange={(event) => {
            const [year, quarter] = (event.currentTarget as HTMLSelectElement).value.split('-').map(Number) as [number, number];
            choosePeriod({ year, quarter });
          }}
          data-testid="quarter-picker"
        >
          {choices.map((choice, index) => (
            <option key={`${choice.year}-${choice.quarter}`} value={`${choice.year}-${choice.quarter}`}>
              {quarterName(choice)}
              {index === 0 ? '（本季度）' : ''}
            </option>
          ))}
        </select>
      </label>
      <div class={styles.field} role="group" aria-label="统计维度">
        <span aria-hidden="true">统计维度</span>
        <div class={styles.segmented}>
          {GROUPINGS.map(([value, label]) => (
            <button key={value} type="button" aria-pressed={grouping.value === value} class={styles.segment} onClick={() => chooseGrouping(value)} data-testid={`group-${value}`}>
              {label}
            </button>
          ))}
        </div>
      </div>
      <a class={styles.export} href={reportCsvUrl(period.value, grouping.value)} download data-testid="export-csv">
        导出 CSV
      </a>
    </div>
  );
}

function Figures() {
  const total = report.value?.total;
  if (!total) return null;
  const figures: { id: string; label: string; value: string | number; tone?: string; note?: string }[] = [
    { id: 'cases', label: '人工办件', value: total.cases, note: `办理中 ${total.inProgress}` },
    { id: 'on-time-rate', label: '按时办结率', value: onTimeRate.value === null ? '—' : `${onTimeRate.value.toFixed(1)}%`, note: '已办结人工件中' },
    { id: 'yellow', label: '黄牌', value: total.yellow, tone: total.yellow > 0 ? styles.figureYellow : undefined },
    { id: 'red', label: '红牌', value: total.red, tone: total.red > 0 ? styles.figureRed : undefined },
    { id: 'appeals', label: '申诉 / 通过', value: `${total.appealsFiled} / ${total.appealsApproved}`, note: `已撤销牌 ${total.revoked}` },
    { id: 'exempt', label: '免督查办件', value: total.exemptTerminal + total.exemptSmartApproval, tone: styles.figureExempt, note: `自助终端 ${total.exemptTerminal} · 智能审批 ${total.exemptSmartApproval}` },
  ];
  return (
    <dl class={styles.figures} data-testid="supervision-figures">
      {figures.map((figure) => (
        <div key={figure.label} class={figure.tone ?? ''}>
          <dt>{figure.label}</dt>
          <dd data-testid={`figure-${figure.id}`}>{figure.value}</dd>
          {figure.note && <dd class={styles.figureNote}>{figure.note}</dd>}
        </div>
      ))}
    </dl>
  );
}

const Num = ({ value, tone }: { value: number; tone?: string }) => <td class={`${styles.num} ${value > 0 && tone ? tone : ''}`}>{value}</td>;

function ReportTableRow({ row, total }: { row: ReportRow | (ReportCounts & { label: string; key: string }); total?: boolean }) {
  const exemptOnly = row.cases === 0 && row.exemptTerminal + row.exemptSmartApproval > 0;
  const Cell = total ? 'th' : 'td';
  return (
    <tr class={total ? styles.totalRow : ''} data-testid={total ? 'report-total' : 'report-row'} data-group={row.label}>
      <th scope="row" class={styles.groupName}>
        {row.label}
        {exemptOnly && <span class={`${styles.tag} ${styles.tagExempt}`}>免督查</span>}
      </th>
      <Num value={row.cases} />
      <Num value={row.onTime} />
      <Num value={row.inProgress} />
      <Num value={row.yellow} tone={styles.yellowText} />
      <Num value={row.red} tone={styles.redText} />
      <Cell class={styles.num}>{rate(row)}</Cell>
      <Num value={row.revoked} />
      <td class={styles.num}>
        {row.appealsFiled} / {row.appealsApproved}
      </td>
      <Num value={row.exemptTerminal} tone={styles.exemptText} />
      <Num value={row.exemptSmartApproval} tone={styles.exemptText} />
    </tr>
  );
}

function ReportTable() {
  const data = report.value;
  if (!data) return null;
  return (
    <div class={admin.tableWrap}>
      <table class={`${admin.table} ${styles.reportTable}`} data-testid="report-table">
        <caption class="visually-hidden">{`${quarterName(data)}效能督查统计（按${GROUPINGS.find(([value]) => value === data.by)![1]}）`}</caption>
        <thead>
          <tr>
            <th scope="col">{GROUPINGS.find(([value]) => value === data.by)![1]}</th>
            {['人工办件', '按时办结', '办理中', '黄牌', '红牌', '按时办结率', '已撤销牌', '申诉 / 通过', '自助终端件（免督查）', '智能审批件（免督查）'].map((title) => (
              <th key={title} scope="col" class={styles.num}>
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <ReportTableRow key={row.key} row={row} />
          ))}
        </tbody>
        {data.rows.length > 1 && (
          <tfoot>
            <ReportTableRow row={{ ...data.total, key: 'total', label: '合计' }} total />
          </tfoot>
        )}
      </table>
    </div>
  );
}

function Panel({ title, note, children, testId }: { title: string; note?: string; children: ComponentChildren; testId?: string }) {
  return (
    <section class={styles.panel} data-testid={testId}>
      <header class={styles.panelHeader}>
        <h3 class={styles.panelTitle}>{title}</h3>
        {note && <span class={styles.panelNote}>{note}</span>}
      </header>
      {children}
    </section>
  );
}

/** 效能督查: the quarterly report (chart, table, CSV), the cards with their appeals, and the exempt cases. */
export function SupervisionPage() {
  const data = report.value;
  const generated = parseInstant(data?.generatedAt ?? null);
  const groupName = GROUPINGS.find(([value]) => value === grouping.value)![1];
  return (
    <main class={admin.main}>
      <div class={styles.titleRow}>
        <h2 class={admin.sectionTitle}>效能督查</h2>
        <span class={styles.period} data-testid="supervision-period">
          {quarterName(period.value)}
          {data && `（${data.firstDay} 至 ${data.lastDay}）`}
        </span>
        <span class={admin.refreshed}>{loading.value ? '正在统计…' : generated !== null && `统计时间 ${beijingDateTime(generated)}`}</span>
      </div>
      <p class={styles.rule}>
        人工办理件超过承诺时限 1 个工作日亮黄牌，2 个工作日及以上亮红牌（受理次日起按工作日计，节假日及补正期间不计）；自助终端件和智能审批件为非人工办理，免于督查。被出牌部门可在出牌之日起 15 个自然日内申诉。
      </p>
      <Toolbar />
      {notice.value && (
        <p class={`${admin.notice} ${notice.value.tone === 'error' ? admin.noticeError : admin.noticeInfo}`} role={notice.value.tone === 'error' ? 'alert' : 'status'} data-testid="admin-notice">
          {notice.value.text}
        </p>
      )}
      {data === null ? (
        <p class={admin.muted}>正在读取督查数据…</p>
      ) : (
        <>
          <Figures />
          <div class={styles.reportGrid}>
            <Panel title={`按${groupName}统计`} note="上：人工办件；下：免督查办件（同一比例）" testId="chart-panel">
              <SupervisionChart rows={data.rows} title={`${quarterName(data)}效能督查：按${groupName}的办件与督查牌`} />
            </Panel>
            <Panel title="统计表" note="按时办结率 = 按时办结 ÷ 已办结人工件">
              <ReportTable />
            </Panel>
          </div>
          <Panel title="督查牌与申诉" testId="cards-panel">
            <SupervisionCards />
          </Panel>
          <Panel title="免督查办件" note="自助终端、智能审批等非人工办理件，不计入效能督查" testId="exempt-panel">
            <SupervisionExempt />
          </Panel>
        </>
      )}
    </main>
  );
}
