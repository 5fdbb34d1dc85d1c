import { Fragment } from 'preact';
import { useEffect } from 'preact/hooks';
import { providedMaterials } from '../../core/case-materials.ts';
import { Button } from '../components/Button.tsx';
import { localized, t, type MessageKey } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { back, commitmentNeeded, formValues, item, plans, problem, step, submit } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Cases.module.css';

/** Everything the application says, once more, before it is submitted. */
export function ReviewStep() {
  const chosen = item.value!;
  const submitting = step.value === 'submitting';
  useEffect(() => voicePrompt('cases.speech.review'), []);
  const valueText = (key: string) => {
    const field = chosen.formFields?.find((candidate) => candidate.key === key);
    const value = formValues.value[key] ?? '';
    const choice = field?.choices?.find((candidate) => candidate.value === value);
    return choice ? localized(choice.label) : value;
  };
  return (
    <div class={shared.step} data-testid="case-review">
      <h3 class={shared.stepTitle}>{t('cases.review.title')}</h3>
      <dl class={shared.summary}>
        <dt>{t('cases.review.item')}</dt>
        <dd>{localized(chosen.name)}</dd>
        <dt>{t('cases.review.materials')}</dt>
        <dd>
          <ul class={styles.plain}>
            {providedMaterials(plans.value).map((material) => (
              <li key={material.name}>
                {material.name} · {t(`cases.materials.${material.provision === 'e-certificate' ? 'eCertificate' : material.provision}` as MessageKey, { days: chosen.missingMaterialDays ?? 5 })}
              </li>
            ))}
          </ul>
        </dd>
        {commitmentNeeded.value && (
          <>
            <dt>{t('cases.review.commitment')}</dt>
            <dd>{t('cases.review.signed')}</dd>
          </>
        )}
        {(chosen.formFields ?? []).map((field) => (
          <Fragment key={field.key}>
            <dt>{localized(field.label)}</dt>
            <dd>{valueText(field.key) || '—'}</dd>
          </Fragment>
        ))}
      </dl>
      {problem.value && (
        <p class={`${shared.problem} ${styles.problem}`} role="alert" data-testid="case-problem">
          {t(problem.value)}
        </p>
      )}
      <div class={shared.stepActions}>
        <Button primary disabled={submitting} onClick={() => void submit()} testId="case-submit">
          {submitting ? t('cases.busy.submitting') : t('cases.review.submit')}
        </Button>
        <Button onClick={back}>{t('cases.back')}</Button>
      </div>
    </div>
  );
}
