import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../shared/Button.tsx';
import { beijingDateTime, parseInstant } from '../shared/beijing-time.ts';
import type { Card, CardStatusFilter } from './supervision-api.ts';
import {
  appealError,
  appealing,
  appealReason,
  busy,
  cardFilter,
  cards,
  chooseCardFilter,
  confirmDecision,
  deciding,
  startAppeal,
  submitAppeal,
} from './supervision-store.ts';
import styles from './Supervision.module.css';
import cardStyles from './SupervisionCards.module.css';
import admin from './Admin.module.css';

const FILTERS: [CardStatusFilter, string][] = [
  ['all', '全部'],
  ['live', '有效'],
  ['appeal-pending', '申诉待审'],
  ['revoked', '已撤销'],
];
const COLOR_NAMES = { yellow: '黄牌', red: '红牌' } as const;
const APPEAL_STATES = { pending: '待审核', approved: '已批准', rejected: '已驳回' } as const;

const minute = (iso: string | null) => {
  const ms = parseInstant(iso);
  return ms === null ? '—' : beijingDateTime(ms).slice(0, 16);
};

function CardTag({ card }: { card: Card }) {
  return <span class={`${cardStyles.cardTag} ${card.color === 'red' ? cardStyles.cardRed : cardStyles.cardYellow} ${card.revokedAt ? cardStyles.cardRevoked : ''}`}>{COLOR_NAMES[card.color]}</span>;
}

function StatusCell({ card }: { card: Card }) {
  if (card.revokedAt) {
    return (
      <span class={`${styles.tag} ${styles.tagMuted}`} data-testid="card-status">
        已撤销
      </span>
    );
  }
  return (
    <span class={`${styles.tag} ${card.color === 'red' ? styles.tagRed : styles.tagYellow}`} data-testid="card-status">
      有效
    </span>
  );
}

function AppealCell({ card }: { card: Card }) {
  const appeal = card.appeal;
  return (
    <div class={cardStyles.appealCell}>
      {appeal ? (
        <span class={`${styles.tag} ${appeal.status === 'approved' ? styles.tagOk : appeal.status === 'rejected' ? styles.tagMuted : styles.tagPending}`} title={appeal.reason} data-testid="appeal-status">
          {APPEAL_STATES[appeal.status]}
        </span>
      ) : (
        <span class={admin.muted}>未申诉</span>
      )}
      {!card.revokedAt && <span class={cardStyles.deadline}>{card.appealOpen ? `申诉截止 ${card.appealLastDay}` : '申诉期已过'}</span>}
    </div>
  );
}

function Actions({ card }: { card: Card }) {
  if (card.appeal?.status === 'pending') {
    return (
      <div class={cardStyles.actions}>
        <Button variant="primary" class={styles.small} disabled={busy.value} onClick={() => (deciding.value = { card, approve: true })} testId="approve-appeal">
          批准
        </Button>
        <Button class={`${styles.small} ${cardStyles.rejectButton}`} disabled={busy.value} onClick={() => (deciding.value = { card, approve: false })} testId="reject-appeal">
          驳回
        </Button>
      </div>
    );
  }
  if (card.revokedAt || !card.appealOpen) return null;
  return (
    <Button class={styles.small} disabled={busy.value} onClick={() => startAppeal(card)} testId="file-appeal">
      申诉
    </Button>
  );
}

function CardRow({ card }: { card: Card }) {
  return (
    <tr class={card.revokedAt ? cardStyles.revokedRow : ''} data-testid="card-row" data-case={card.caseNumber} data-color={card.color}>
      <td>
        <CardTag card={card} />
      </td>
      <td class={styles.caseNumber}>{card.caseNumber}</td>
      <td class={styles.itemName}>{card.itemName}</td>
      <td>{card.department}</td>
      <td class={styles.nowrap}>{card.windowNumber === null ? '—' : `${card.windowNumber}号窗口`}</td>
      <td class={styles.nowrap}>{card.staffName ?? '—'}</td>
      <td class={styles.nowrap}>{card.dueDate}</td>
      <td class={`${styles.num} ${styles.nowrap}`}>{card.overdueWorkingDays} 个工作日</td>
      <td class={styles.nowrap}>{minute(card.issuedAt)}</td>
      <td>
        <StatusCell card={card} />
      </td>
      <td>
        <AppealCell card={card} />
      </td>
      <td>
        <Actions card={card} />
      </td>
    </tr>
  );
}

function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return ref;
}

function AppealDialog() {
  const card = appealing.value;
  const ref = useModal(card !== null);
  return (
    <dialog ref={ref} class={`${admin.dialog} ${cardStyles.wideDialog}`} onClose={() => (appealing.value = null)} aria-labelledby="appeal-title" data-testid="appeal-dialog">
      {card && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void submitAppeal();
          }}
        >
          <h2 id="appeal-title" class={admin.dialogTitle}>
            登记申诉：{card.department}
          </h2>
          <p class={cardStyles.dialogFacts}>
            <CardTag card={card} /> 办件 {card.caseNumber}（{card.itemName}），应办结 {card.dueDate}，超期 {card.overdueWorkingDays} 个工作日。申诉截止 {card.appealLastDay}。
          </p>
          <label class={cardStyles.reasonLabel} for="appeal-reason">
            申诉理由（部门书面申诉的要点及证明材料）
          </label>
          <textarea
            id="appeal-reason"
            class={cardStyles.reason}
            rows={5}
            maxLength={500}
            value={appealReason.value}
            onInput={(event) => (appealReason.value = (event.currentTarget as HTMLTextAreaElement).value)}
            data-testid="appeal-reason"
          />
          <div class={cardStyles.reasonMeta}>
            <span>由督查办代部门登记；批准后该督查牌撤销，不计入统计。</span>
            <span>{appealReason.value.length} / 500</span>
          </div>
          {appealError.value && (
            <p class={`${admin.notice} ${admin.noticeError}`} role="alert" data-testid="appeal-error">
              {appealError.value}
            </p>
          )}
          <div class={admin.dialogActions}>
            <Button onClick={() => (appealing.value = null)} disabled={busy.value} testId="appeal-cancel">
              取消
            </Button>
            <Button variant="primary" type="submit" disabled={busy.value} testId="appeal-submit">
              提交申诉
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}

function DecisionDialog() {
  const pending = deciding.value;
  const ref = useModal(pending !== null);
  return (
    <dialog ref={ref} class={`${admin.dialog} ${cardStyles.wideDialog}`} onClose={() => (deciding.value = null)} aria-labelledby="decision-title" data-testid="decision-dialog">
      {pending && (
        <>
          <h2 id="decision-title" class={admin.dialogTitle}>
            {pending.approve ? '批准申诉并撤销督查牌？' : '驳回申诉？'}
          </h2>
          <p class={cardStyles.dialogFacts}>
            <CardTag card={pending.card} /> {pending.card.department}，办件 {pending.card.caseNumber}
          </p>
          <blockquote class={cardStyles.quote}>{pending.card.appeal?.reason}</blockquote>
          <p>{pending.approve ? '批准后该督查牌即撤销，不再计入本季度黄牌、红牌统计；此操作不可撤回。' : '驳回后该督查牌继续有效；申诉期内部门可补充材料再次申诉。'}</p>
          <div class={admin.dialogActions}>
            <Button onClick={() => (deciding.value = null)} disabled={busy.value} testId="decision-cancel">
              取消
            </Button>
            <Button variant={pending.approve ? 'primary' : 'danger'} onClick={() => void confirmDecision()} disabled={busy.value} testId="decision-confirm">
              {pending.approve ? '确认批准' : '确认驳回'}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}

export function SupervisionCards() {
  const list = cards.value;
  return (
    <>
      <div class={cardStyles.filters} role="group" aria-label="督查牌筛选">
        {FILTERS.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={cardFilter.value === value} class={cardStyles.filter} onClick={() => chooseCardFilter(value)} data-testid={`cards-${value}`}>
            {label}
          </button>
        ))}
        {list && <span class={styles.count}>共 {list.total} 张{list.total > list.cards.length && `，显示最近 ${list.cards.length} 张`}</span>}
      </div>
      {list === null ? null : list.cards.length === 0 ? (
        <p class={styles.empty}>本季度没有{cardFilter.value === 'all' ? '' : FILTERS.find(([value]) => value === cardFilter.value)![1]}督查牌。</p>
      ) : (
        <div class={admin.tableWrap}>
          <table class={`${admin.table} ${cardStyles.cardsTable}`} data-testid="cards-table">
            <thead>
              <tr>
                <th scope="col">督查牌</th>
                <th scope="col">办件编号</th>
                <th scope="col">事项</th>
                <th scope="col">部门</th>
                <th scope="col">窗口</th>
                <th scope="col">经办人</th>
                <th scope="col">应办结日</th>
                <th scope="col">超期</th>
                <th scope="col">出牌时间</th>
                <th scope="col">状态</th>
                <th scope="col">申诉</th>
                <th scope="col">
                  <span class="visually-hidden">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.cards.map((card) => (
                <CardRow key={card.id} card={card} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AppealDialog />
      <DecisionDialog />
    </>
  );
}
