import { useSignal } from '@preact/signals';
import { beijingDateTime, parseInstant } from '../shared/beijing-time.ts';
import { Button } from '../shared/Button.tsx';
import type { DeskCase } from './case-api.ts';
import { openCase, STATUS_LABELS, stepCase } from './case-store.ts';
import { ChannelBadges } from './CaseList.tsx';
import { busy } from './store.ts';
import styles from './CaseDesk.module.css';

const PROVISION_LABELS = { 'e-certificate': '电子证照', deferred: '容缺后补', commitment: '告知承诺', paper: '纸质' } as const;
const DECISION_LABELS = { approved: '准予办理', refused: '不予办理' } as const;

const EVENT_LABELS: Record<DeskCase['status'], string> = {
  submitted: '提交申请',
  accepted: '受理',
  'supplement-requested': '要求补正',
  decided: '作出决定',
  finished: '办结',
};

/** A step of the timeline; back to accepted after a supplement request is the supplement arriving. */
function eventLabel(timeline: DeskCase['timeline'], index: number): string {
  const event = timeline[index]!;
  if (event.status === 'accepted' && timeline[index - 1]?.status === 'supplement-requested') return '补正材料已收到，恢复计时';
  return EVENT_LABELS[event.status];
}

const when = (iso: string | null) => {
  const ms = parseInstant(iso);
  return ms === null ? '—' : beijingDateTime(ms).slice(0, 16);
};

/** The steps the case's status allows, with the note a step needs. */
function CaseActions({ item }: { item: DeskCase }) {
  const note = useSignal('');
  const act = async (step: Parameters<typeof stepCase>[1]) => {
    if (await stepCase(item.id, step)) note.value = '';
  };
  const noteField = (placeholder: string) => (
    <textarea class={styles.note} value={note.value} maxLength={200} rows={2} placeholder={placeholder} onInput={(event) => (note.value = event.currentTarget.value)} data-testid="case-note" />
  );
  switch (item.status) {
    case 'submitted':
      return (
        <Button variant="primary" disabled={busy.value} onClick={() => void act({ kind: 'accept' })} testId="case-accept">
          受理
        </Button>
      );
    case 'accepted':
      return (
        <div class={styles.actionBox}>
          {noteField('补正内容，或不予办理的理由')}
          <div class={styles.actionRow}>
            <Button disabled={busy.value || note.value.trim() === ''} onClick={() => void act({ kind: 'supplement', note: note.value })} testId="case-supplement">
              要求补正
            </Button>
            <Button variant="primary" disabled={busy.value} onClick={() => void act({ kind: 'decide', decision: 'approved', note: note.value })} testId="case-approve">
              准予办理
            </Button>
            <Button variant="danger" disabled={busy.value || note.value.trim() === ''} onClick={() => void act({ kind: 'decide', decision: 'refused', note: note.value })} testId="case-refuse">
              不予办理
            </Button>
          </div>
        </div>
      );
    case 'supplement-requested':
      return (
        <Button variant="primary" disabled={busy.value} onClick={() => void act({ kind: 'supplement-received' })} testId="case-supplement-received">
          补正材料已收到
        </Button>
      );
    case 'decided':
      return (
        <Button variant="primary" disabled={busy.value} onClick={() => void act({ kind: 'finish' })} testId="case-finish">
          办结
        </Button>
      );
    case 'finished':
      return <p class={styles.muted}>已办结，无需再操作。</p>;
  }
}

/** One case: who, what, by when, its timeline, and what the agent can do with it now. */
export function CaseDetail({ item }: { item: DeskCase }) {
  return (
    <section class={styles.panel} data-testid="case-detail" aria-labelledby="case-detail-title">
      <div class={styles.detailHeader}>
        <h2 id="case-detail-title" class={styles.detailNumber} data-testid="case-detail-number">
          {item.caseNumber}
        </h2>
        <Button onClick={() => openCase(null)} testId="case-close">
          关闭
        </Button>
      </div>
      <p class={styles.detailMeta}>
        <ChannelBadges item={item} />
        <span class={styles.statusBadge} data-testid="case-detail-status">
          {STATUS_LABELS[item.status]}
          {item.decision && `（${DECISION_LABELS[item.decision]}）`}
        </span>
      </p>
      <dl class={styles.facts}>
        <dt>事项</dt>
        <dd>{item.itemName['zh-CN']}</dd>
        <dt>申请人</dt>
        <dd>{item.applicantMasked}</dd>
        <dt>承诺时限</dt>
        <dd>{item.promisedLimitDays === 0 ? '即办件' : `${item.promisedLimitDays} 个工作日`}</dd>
        <dt>承诺办结日</dt>
        <dd class={item.overdue ? styles.overdue : undefined} data-testid="case-detail-due">
          {item.dueDate ?? '受理后计算'}
          {item.overdue && ' 已超期'}
          {item.suspendedSince && `（${when(item.suspendedSince)} 起补正，计时暂停）`}
        </dd>
        <dt>材料</dt>
        <dd>{item.materials.map((m) => `${m.name}（${PROVISION_LABELS[m.provision]}）`).join('；') || '—'}</dd>
        {item.deferred && (
          <>
            <dt>容缺材料</dt>
            <dd class={styles.warnText}>
              {item.deferred.names.join('、')}，须于 {item.deferred.dueDate} 前补交
            </dd>
          </>
        )}
      </dl>
      <ol class={styles.timeline} data-testid="case-timeline">
        {item.timeline.map((event, index) => (
          <li key={index}>
            <span class={styles.timelineAt}>{when(event.at)}</span> {eventLabel(item.timeline, index)}
            {event.note && <span class={styles.timelineNote}>：{event.note}</span>}
          </li>
        ))}
      </ol>
      <CaseActions key={`${item.id}-${item.status}`} item={item} />
    </section>
  );
}
