import { t } from '../i18n/index.ts';
import styles from './Keypad.module.css';

const DIGITS = '1234567890'.split('');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

interface KeypadProps {
  /**
   * Reads the field's current value when a key is pressed. Not a value prop: two taps faster than
   * a render would both edit the same stale value, and a digit would be lost.
   */
  read: () => string;
  onChange: (value: string) => void;
  maxLength: number;
  letters?: boolean;
  /** Keys besides the digits, e.g. the X of an ID number's check character. */
  extraKeys?: string[];
}

/** The terminal has no keyboard: digits, and Latin letters where a field needs them. */
export function Keypad({ read, onChange, maxLength, letters = false, extraKeys = [] }: KeypadProps) {
  const keys = letters ? [...DIGITS, ...LETTERS] : [...DIGITS, ...extraKeys];
  const type = (key: string) => {
    const value = read();
    if (value.length < maxLength) onChange(value + key);
  };
  return (
    <div
      class={styles.keypad}
      style={{ '--columns': letters ? 9 : 3 }}
      role="group"
      aria-label={t('keypad.label')}
      data-testid="keypad"
    >
      {keys.map((key) => (
        <button type="button" key={key} class={styles.key} onClick={() => type(key)} data-key={key}>
          {key}
        </button>
      ))}
      <button type="button" class={`${styles.key} ${styles.wide}`} onClick={() => onChange(read().slice(0, -1))}>
        {t('keypad.backspace')}
      </button>
      <button type="button" class={`${styles.key} ${styles.wide}`} onClick={() => onChange('')}>
        {t('keypad.clear')}
      </button>
    </div>
  );
}
