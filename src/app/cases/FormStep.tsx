import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { FormField } from '../../core/cases.ts';
import { Button } from '../components/Button.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { localized, t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { back, continueFromForm, formErrors, formValues, item, setFormValue } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Cases.module.css';

/** Fields typed on the terminal's own keypad: digits, phone numbers, dates, Latin letters. */
const KEYPAD_KINDS: ReadonlySet<FormField['kind']> = new Set(['digits', 'phone', 'date', 'latin']);
const DEFAULT_KEYPAD_MAX = 40;

function FieldError({ field }: { field: FormField }) {
  const error = formErrors.value.find((candidate) => candidate.field === field.key);
  if (!error) return null;
  return (
    <p class={styles.fieldError} role="alert" data-testid={`field-error-${field.key}`}>
      {t(error.messageKey, { label: localized(field.label) })}
    </p>
  );
}

function ChoiceField({ field }: { field: FormField }) {
  const value = formValues.value[field.key];
  return (
    <div class={styles.choices} role="radiogroup" aria-labelledby={`label-${field.key}`}>
      {(field.choices ?? []).map((choice) => (
        <button
          type="button"
          role="radio"
          aria-checked={value === choice.value}
          class={`${styles.choice} ${value === choice.value ? styles.chosen : ''}`}
          onClick={() => setFormValue(field.key, choice.value)}
          data-testid={`field-${field.key}-${choice.value}`}
        >
          {localized(choice.label)}
        </button>
      ))}
    </div>
  );
}

/** The item's form, field by field, each checked as the hall server will check it. */
export function FormStep() {
  const fields = item.value?.formFields ?? [];
  const active = useSignal<string | null>(fields.find((field) => KEYPAD_KINDS.has(field.kind))?.key ?? null);
  useEffect(() => voicePrompt('cases.speech.form'), []);
  const activeField = fields.find((field) => field.key === active.value);
  return (
    <div class={shared.step} data-testid="case-form">
      <h3 class={shared.stepTitle}>{t('cases.form.title')}</h3>
      {fields.length === 0 && <p>{t('cases.form.none')}</p>}
      {fields.map((field) => (
        <div key={field.key} class={`${styles.field} ${active.value === field.key ? styles.activeField : ''}`}>
          <label id={`label-${field.key}`} for={`field-${field.key}`} class={styles.fieldLabel}>
            {localized(field.label)}
            {field.required && <span class={styles.required}> *</span>}
          </label>
          {field.kind === 'choice' ? (
            <ChoiceField field={field} />
          ) : (
            <input
              id={`field-${field.key}`}
              class={styles.input}
              value={formValues.value[field.key] ?? ''}
              // The keypad fields take the terminal's keypad; text takes the system's input method.
              inputMode={KEYPAD_KINDS.has(field.kind) ? 'none' : 'text'}
              autoComplete="off"
              spellcheck={false}
              maxLength={field.maxLength}
              placeholder={field.kind === 'date' ? 'YYYY-MM-DD' : field.hint ? localized(field.hint) : ''}
              onFocus={() => (active.value = field.key)}
              onInput={(event) => setFormValue(field.key, event.currentTarget.value)}
              data-testid={`field-${field.key}`}
            />
          )}
          <FieldError field={field} />
        </div>
      ))}
      {activeField && KEYPAD_KINDS.has(activeField.kind) && (
        <Keypad
          read={() => formValues.peek()[activeField.key] ?? ''}
          onChange={(value) => setFormValue(activeField.key, value)}
          maxLength={activeField.maxLength ?? DEFAULT_KEYPAD_MAX}
          letters={activeField.kind === 'latin'}
          extraKeys={activeField.kind === 'date' || activeField.kind === 'phone' ? ['-'] : []}
        />
      )}
      <div class={shared.stepActions}>
        <Button primary onClick={continueFromForm} testId="case-form-next">
          {t('cases.next')}
        </Button>
        <Button onClick={back}>{t('cases.back')}</Button>
      </div>
    </div>
  );
}
