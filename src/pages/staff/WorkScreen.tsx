import { Button } from '../shared/Button.tsx';
import { CaseDesk } from './CaseDesk.tsx';
import { deskTab, overdueCount, type DeskTab } from './case-store.ts';
import { CurrentTicket } from './CurrentTicket.tsx';
import { StaffHeader } from './StaffHeader.tsx';
import { ConnectionBanner } from './StaffNotice.tsx';
import { busy, changingWindow, member, notice } from './store.ts';
import { WaitingList } from './WaitingList.tsx';
import styles from './Staff.module.css';

const TABS: [DeskTab, string][] = [
  ['queue', '叫号'],
  ['cases', '办件'],
];

function switchTab(tab: DeskTab): void {
  if (deskTab.value === tab) return;
  notice.value = null;
  deskTab.value = tab;
}

/** The two desks of a window: calling tickets (叫号) and working cases (办件). */
function DeskTabs() {
  return (
    <nav class={styles.tabs} aria-label="工作台">
      {TABS.map(([tab, label]) => (
        <button key={tab} type="button" class={`${styles.tab} ${deskTab.value === tab ? styles.tabOn : ''}`} aria-current={deskTab.value === tab ? 'page' : undefined} onClick={() => switchTab(tab)} data-testid={`tab-${tab}`}>
          {label}
          {tab === 'cases' && overdueCount.value > 0 && <span class={styles.tabAlert}>{overdueCount.value}</span>}
        </button>
      ))}
    </nav>
  );
}

export function WorkScreen() {
  const tab = deskTab.value;
  return (
    <div class={styles.screen}>
      <StaffHeader title={`${member.value?.windowNumber ?? ''}号窗口 · ${tab === 'queue' ? '叫号' : '办件'}`}>
        <DeskTabs />
        <Button onClick={() => (changingWindow.value = true)} disabled={busy.value} testId="change-window">
          更换窗口
        </Button>
      </StaffHeader>
      {tab === 'queue' ? (
        <main class={styles.workMain}>
          <section class={styles.currentColumn}>
            <ConnectionBanner />
            <CurrentTicket />
          </section>
          <WaitingList />
        </main>
      ) : (
        <CaseDesk />
      )}
    </div>
  );
}
