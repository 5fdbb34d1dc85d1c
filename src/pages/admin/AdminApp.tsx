import { Button } from '../shared/Button.tsx';
import { hallName } from '../shared/hall-config.ts';
import { LoginForm } from '../shared/LoginForm.tsx';
import { AuditPage } from './AuditPage.tsx';
import { DemoCodePage } from './DemoCodePage.tsx';
import { EvaluationsPage } from './EvaluationsPage.tsx';
import { FleetPage } from './FleetPage.tsx';
import { SupervisionPage } from './SupervisionPage.tsx';
import { loggedIn, loginNotice, logOutNow, member, openSection, section, SECTION_PATHS, view, type AdminSection } from './store.ts';
import styles from './Admin.module.css';

/** 管理后台 (/admin, /admin/fleet): the fleet of terminals; /admin/audit: the audit trail; /admin/demo-code: demo identity codes. */
export function AdminApp() {
  switch (view.value) {
    case 'checking':
      return null;
    case 'login':
      return <LoginForm title="管理后台" subtitle="请使用管理员账号登录" notice={loginNotice.value} onLoggedIn={loggedIn} />;
    case 'forbidden':
      return <NotAdministrator />;
    case 'fleet':
    case 'demo-code':
    case 'evaluations':
    case 'supervision':
    case 'audit':
      return (
        <div class={styles.page}>
          <AdminHeader />
          <SectionPage section={view.value} />
        </div>
      );
  }
}

function SectionPage({ section: shown }: { section: AdminSection }) {
  switch (shown) {
    case 'fleet':
      return <FleetPage />;
    case 'evaluations':
      return <EvaluationsPage />;
    case 'supervision':
      return <SupervisionPage />;
    case 'audit':
      return <AuditPage />;
    case 'demo-code':
      return <DemoCodePage />;
  }
}

function NavLink({ to, children }: { to: AdminSection; children: string }) {
  const follow = (event: MouseEvent) => {
    // A middle click or Ctrl+click opens a new tab as usual.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    openSection(to);
  };
  return (
    <a class={styles.navLink} href={SECTION_PATHS[to]} aria-current={section.value === to ? 'page' : undefined} onClick={follow} data-testid={`nav-${to}`}>
      {children}
    </a>
  );
}

export function AdminHeader() {
  return (
    <header class={styles.header}>
      <h1 class={styles.title}>
        管理后台<span class={styles.hall}>{hallName.value?.['zh-CN'] ?? ''}</span>
      </h1>
      <nav class={styles.nav} aria-label="管理功能">
        <NavLink to="fleet">终端管理</NavLink>
        <NavLink to="evaluations">好差评</NavLink>
        <NavLink to="supervision">效能督查</NavLink>
        <NavLink to="audit">安全审计</NavLink>
        <NavLink to="demo-code">演示身份码</NavLink>
      </nav>
      <span class={styles.who}>{member.value?.displayName}</span>
      <Button onClick={() => void logOutNow()} testId="logout">
        退出登录
      </Button>
    </header>
  );
}

function NotAdministrator() {
  return (
    <main class={styles.forbiddenPage}>
      <div class={styles.forbiddenCard} role="alert" data-testid="not-admin">
        <h1 class={styles.forbiddenTitle}>无权访问管理后台</h1>
        <p>
          当前登录的账号“{member.value?.displayName}（{member.value?.username}）”不是管理员，无法使用管理后台。
        </p>
        <p>请退出后使用管理员账号登录。</p>
        <Button variant="primary" onClick={() => void logOutNow()} testId="switch-account">
          退出并更换账号
        </Button>
      </div>
    </main>
  );
}
