import { Button } from '../shared/Button.tsx';
import { CurrentTicket } from './CurrentTicket.tsx';
import { StaffHeader } from './StaffHeader.tsx';
import { ConnectionBanner } from './StaffNotice.tsx';
import { busy, changingWindow, member } from './store.ts';
import { WaitingList } from './WaitingList.tsx';
import styles from './Staff.module.css';

export function WorkScreen() {
  return (
    <div class={styles.screen}>
      <StaffHeader title={`${member.value?.windowNumber ?? ''}号窗口 · 叫号`}>
        <Button onClick={() => (changingWindow.value = true)} disabled={busy.value} testId="change-window">
          更换窗口
        </Button>
      </StaffHeader>
      <main class={styles.workMain}>
        <section class={styles.currentColumn}>
          <ConnectionBanner />
          <CurrentTicket />
        </section>
        <WaitingList />
      </main>
    </div>
  );
}
