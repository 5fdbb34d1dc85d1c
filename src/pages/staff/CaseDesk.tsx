import { selectedCase } from './case-store.ts';
import { CaseDetail } from './CaseDetail.tsx';
import { CaseList } from './CaseList.tsx';
import { ConnectionBanner, StaffNotice } from './StaffNotice.tsx';
import { RegisterCase } from './RegisterCase.tsx';
import { notice } from './store.ts';
import styles from './CaseDesk.module.css';

/** 办件: the window's cases on the left; the chosen case, or the registration of a new one, on the right. */
export function CaseDesk() {
  const selected = selectedCase.value;
  return (
    <main class={styles.deskMain}>
      <CaseList />
      <div class={styles.sideColumn}>
        <ConnectionBanner />
        {notice.value && <StaffNotice />}
        {selected ? <CaseDetail item={selected} /> : <RegisterCase />}
      </div>
    </main>
  );
}
