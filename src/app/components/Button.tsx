import type { ComponentChildren } from 'preact';
import styles from './Button.module.css';

interface ButtonProps {
  onClick: () => void;
  children: ComponentChildren;
  primary?: boolean;
  disabled?: boolean;
  pressed?: boolean;
  label?: string;
  lang?: string;
  testId?: string;
}

/** Every control a citizen touches: at least 64 px each way, larger in elder mode. */
export function Button(props: ButtonProps) {
  return (
    <button
      type="button"
      class={`${styles.button} ${props.primary ? styles.primary : ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-pressed={props.pressed}
      aria-label={props.label}
      lang={props.lang}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
}
