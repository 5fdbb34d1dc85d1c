import { LoginForm } from '../shared/LoginForm.tsx';
import { loggedIn, loginNotice, view } from './store.ts';
import { WindowPicker } from './WindowPicker.tsx';
import { WorkScreen } from './WorkScreen.tsx';

/** 窗口叫号: login, then the window the agent sits at, then the calling screen. */
export function StaffApp() {
  switch (view.value) {
    case 'checking':
      return null;
    case 'login':
      return <LoginForm title="窗口叫号" subtitle="请使用窗口工作人员账号登录" notice={loginNotice.value} onLoggedIn={loggedIn} />;
    case 'window':
      return <WindowPicker />;
    case 'work':
      return <WorkScreen />;
  }
}
