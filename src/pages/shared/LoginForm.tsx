import { useSignal } from '@preact/signals';
import { Button } from './Button.tsx';
import { loginErrorText } from './login-messages.ts';
import { logIn } from './session.ts';
import type { StaffMember } from './wire.ts';
import styles from './LoginForm.module.css';

interface LoginFormProps {
  title: string;
  subtitle: string;
  /** Why the form is shown again, e.g. an expired session; replaced by the form's own errors. */
  notice?: string | null;
  onLoggedIn: (member: StaffMember) => void;
}

/** The staff login of the hall pages, shared by window agents (/staff) and administrators (/admin). */
export function LoginForm({ title, subtitle, notice, onLoggedIn }: LoginFormProps) {
  const username = useSignal('');
  const password = useSignal('');
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    const result = await logIn(username.value.trim(), password.value);
    busy.value = false;
    // The password never stays in the page longer than the request that needed it.
    password.value = '';
    if (result.ok) onLoggedIn(result.value);
    else error.value = loginErrorText(result.error);
  };

  const shown = error.value ?? notice ?? null;
  return (
    <main class={styles.page}>
      <form class={styles.card} onSubmit={(event) => void submit(event)} data-testid="login-form">
        <h1 class={styles.title}>{title}</h1>
        <p class={styles.subtitle}>{subtitle}</p>
        {shown && (
          <p class={styles.error} role="alert" data-testid="login-message">
            {shown}
          </p>
        )}
        <label class={styles.field}>
          用户名
          <input
            class={styles.input}
            name="username"
            autoComplete="username"
            required
            maxLength={64}
            value={username.value}
            onInput={(event) => (username.value = event.currentTarget.value)}
            data-testid="login-username"
          />
        </label>
        <label class={styles.field}>
          密码
          <input
            class={styles.input}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            maxLength={256}
            value={password.value}
            onInput={(event) => (password.value = event.currentTarget.value)}
            data-testid="login-password"
          />
        </label>
        <Button type="submit" variant="primary" class={styles.submit} disabled={busy.value} testId="login-submit">
          {busy.value ? '正在登录…' : '登录'}
        </Button>
      </form>
    </main>
  );
}
