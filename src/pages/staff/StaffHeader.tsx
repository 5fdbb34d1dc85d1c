import type { ComponentChildren } from 'preact';
import { Button } from '../shared/Button.tsx';
import { busy, logOutNow, member } from './store.ts';
import styles from './Staff.module.css';

/** The bar on every logged-in staff screen: where the agent is, who is logged in, and the way out. */
export function StaffHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <header class={styles.header}>
      <h1 class={styles.title} data-testid="staff-title">
        {title}
      </h1>
      <span class={styles.who} data-testid="staff-who">
        {member.value?.displayName}（{member.value?.username}）
      </span>
      {children}
      <Button onClick={() => void logOutNow()} disabled={busy.value} testId="logout">
        退出登录
      </Button>
    </header>
  );
}
