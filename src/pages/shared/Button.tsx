import type { ComponentChildren } from 'preact';
import styles from './Button.module.css';

interface ButtonProps {
  onClick?: () => void;
  children: ComponentChildren;
  variant?: 'primary' | 'danger' | 'plain';
  type?: 'button' | 'submit';
  disabled?: boolean;
  class?: string;
  testId?: string;
}

/** Every control of the hall pages: at least --touch (56 px) each way, for touch screens at windows. */
export function Button({ onClick, children, variant = 'plain', type = 'button', disabled, class: extra, testId }: ButtonProps) {
  const variantClass = variant === 'plain' ? '' : styles[variant];
  return (
    <button type={type} class={`${styles.button} ${variantClass ?? ''} ${extra ?? ''}`} onClick={onClick} disabled={disabled} data-testid={testId}>
      {children}
    </button>
  );
}
