import { Button } from '../shared/Button.tsx';
import type { DeskCase, DeskFilter } from './case-api.ts';
import { caseFilter, CHANNEL_LABELS, deskList, HANDLING_LABELS, openCase, overdueCount, selectedCase, showFilter, STATUS_LABELS } from './case-store.ts';
import styles from './CaseDesk.module.css';

const FILTERS: [DeskFilter, string][] = [
  ['open', '未办结'],
  ['finished', '已办结'],
  ['all', '全部'],
];

/** The due-date cell: late cases in red, cases due today in amber, a paused clock said so. */
function DueDate({ item, today }: { item: DeskCase; today: string }) {
  if (item.status === 'supplement-requested') return <span class={styles.paused}>计时暂停</span>;
  if (item.dueDate === null) return <span class={styles.muted}>受理后计算</span>;
  if (item.overdue)
    return (
      <span class={styles.overdue} data-testid="case-overdue">
        {item.dueDate} 已超期
      </span>
    );
  const dueToday = item.dueDate === today && (item.status === 'accepted' || item.status === 'submitted');
  return <span class={dueToday ? styles.dueToday : undefined}>{dueToday ? `${item.dueDate} 今日到期` : item.dueDate}</span>;
}

/** "林** 9901**********0139": the name above, the masked number below it in small type. */
function Applicant({ masked }: { masked: string }) {
  const [name, number] = masked.split(' ');
  return (
    <>
      {name}
      {number && <span class={styles.idNumber}>{number}</span>}
    </>
  );
}

export function ChannelBadges({ item }: { item: Pick<DeskCase, 'channel' | 'handling'> }) {
  return (
    <span class={styles.badges}>
      <span class={`${styles.badge} ${item.channel === 'window' ? styles.badgeWindow : styles.badgeTerminal}`}>{CHANNEL_LABELS[item.channel]}</span>
      <span class={`${styles.badge} ${item.handling === 'manual' ? styles.badgeManual : styles.badgeExempt}`}>{HANDLING_LABELS[item.handling]}</span>
    </span>
  );
}

/** The cases of this window's business, the most urgent first (the server's order). */
export function CaseList() {
  const list = deskList.value;
  const selectedId = selectedCase.value?.id ?? null;
  return (
    <section class={styles.listColumn} aria-labelledby="case-list-title">
      <div class={styles.listHeader}>
        <h2 id="case-list-title" class={styles.cardTitle}>
          本窗口办件 <span data-testid="case-count">{list === null ? '' : `${list.cases.length} 件`}</span>
          {overdueCount.value > 0 && <span class={styles.overdueCount}>超期 {overdueCount.value} 件</span>}
        </h2>
        <div class={styles.filters} role="group" aria-label="筛选">
          {FILTERS.map(([filter, label]) => (
            <button key={filter} type="button" class={`${styles.filter} ${caseFilter.value === filter ? styles.filterOn : ''}`} aria-pressed={caseFilter.value === filter} onClick={() => showFilter(filter)} data-testid={`case-filter-${filter}`}>
              {label}
            </button>
          ))}
        </div>
        <Button variant="primary" onClick={() => openCase(null)} testId="case-new">
          登记办件
        </Button>
      </div>
      <div class={styles.tableWrap}>
        <table class={styles.table} data-testid="case-list">
          <thead>
            <tr>
              <th>办件编号 / 事项</th>
              <th>申请人</th>
              <th>渠道</th>
              <th>状态</th>
              <th>承诺办结日</th>
            </tr>
          </thead>
          <tbody>
            {list?.cases.map((item) => (
              <tr
                key={item.id}
                class={`${styles.row} ${item.id === selectedId ? styles.rowSelected : ''} ${item.overdue ? styles.rowOverdue : ''}`}
                onClick={() => openCase(item)}
                data-testid="case-row"
                data-case-number={item.caseNumber}
              >
                <td>
                  <button type="button" class={styles.rowButton} onClick={() => openCase(item)}>
                    {item.caseNumber}
                  </button>
                  <span class={styles.itemName}>{item.itemName['zh-CN']}</span>
                </td>
                <td class={styles.applicant}>
                  <Applicant masked={item.applicantMasked} />
                </td>
                <td>
                  <ChannelBadges item={item} />
                </td>
                <td class={styles.nowrap} data-testid="case-status">
                  {STATUS_LABELS[item.status]}
                </td>
                <td class={styles.nowrap}>
                  <DueDate item={item} today={list.today} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list === null && <p class={styles.muted}>正在读取…</p>}
        {list !== null && list.cases.length === 0 && <p class={styles.muted}>暂无办件</p>}
      </div>
    </section>
  );
}
