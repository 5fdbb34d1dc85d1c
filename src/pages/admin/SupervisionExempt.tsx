import { useSignal } from '@preact/signals';
import { Button } from '../shared/Button.tsx';
import { beijingDateTime, parseInstant } from '../shared/beijing-time.ts';
import { exempt, exemptSearch, searchExempt } from './supervision-store.ts';
import styles from './Supervision.module.css';
import admin from './Admin.module.css';

const CHANNEL_NAMES = { 'self-service-terminal': '自助终端', 'smart-approval': '智能审批' } as const;
const STATUS_NAMES: Record<string, string> = { submitted: '已提交', accepted: '已受理', 'supplement-requested': '待补正', decided: '已决定', finished: '已办结' };

/** Terminal and smart-approval cases of the quarter, each marked 免督查, newest first; a case number finds one. */
export function SupervisionExempt() {
  const typed = useSignal(exemptSearch.value);
  const list = exempt.value;
  return (
    <>
      <form
        class={styles.search}
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          searchExempt(typed.value);
        }}
      >
        <label for="exempt-search">办件编号</label>
        <input id="exempt-search" value={typed.value} placeholder="如 ZW20261124000001" onInput={(event) => (typed.value = (event.currentTarget as HTMLInputElement).value)} data-testid="exempt-search" />
        <Button type="submit" class={styles.small}>
          查询
        </Button>
        {exemptSearch.value && (
          <Button
            class={styles.small}
            onClick={() => {
              typed.value = '';
              searchExempt('');
            }}
          >
            显示全部
          </Button>
        )}
        {list && <span class={styles.count}>{exemptSearch.value ? `找到 ${list.total} 件` : `本季度共 ${list.total} 件，显示最近 ${list.cases.length} 件`}</span>}
      </form>
      {list && list.cases.length === 0 ? (
        <p class={styles.empty}>{exemptSearch.value ? '本季度没有该编号的免督查办件。' : '本季度没有免督查办件。'}</p>
      ) : (
        list && (
          <div class={admin.tableWrap}>
            <table class={admin.table} data-testid="exempt-table">
              <thead>
                <tr>
                  <th scope="col">办件编号</th>
                  <th scope="col">事项</th>
                  <th scope="col">部门</th>
                  <th scope="col">办理渠道</th>
                  <th scope="col">提交时间</th>
                  <th scope="col">状态</th>
                  <th scope="col">效能督查</th>
                </tr>
              </thead>
              <tbody>
                {list.cases.map((entry) => (
                  <tr key={entry.caseNumber} data-testid="exempt-row" data-case={entry.caseNumber}>
                    <td class={styles.caseNumber}>{entry.caseNumber}</td>
                    <td class={styles.itemName}>{entry.itemName}</td>
                    <td>{entry.department}</td>
                    <td>
                      <span class={`${styles.tag} ${entry.channel === 'smart-approval' ? styles.tagSmart : styles.tagTerminal}`}>{CHANNEL_NAMES[entry.channel]}</span>
                    </td>
                    <td class={styles.nowrap}>{beijingDateTime(parseInstant(entry.submittedAt) ?? 0).slice(0, 16)}</td>
                    <td>{STATUS_NAMES[entry.status] ?? entry.status}</td>
                    <td>
                      <span class={`${styles.tag} ${styles.tagExempt}`} data-testid="exempt-tag">
                        免督查
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </>
  );
}
