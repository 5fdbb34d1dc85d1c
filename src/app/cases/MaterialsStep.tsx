import { useEffect } from 'preact/hooks';
import type { MaterialProvision } from '../../core/cases.ts';
import { Button } from '../components/Button.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { back, blocking, certificatesLookedUp, continueFromMaterials, item, plans, setProvision } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Cases.module.css';

const LABEL: Record<MaterialProvision, MessageKey> = {
  'e-certificate': 'cases.materials.eCertificate',
  deferred: 'cases.materials.deferred',
  commitment: 'cases.materials.commitment',
  paper: 'cases.materials.paper',
};

/** Each material of the item and how it is provided: attached, deferred, or covered by the commitment. */
export function MaterialsStep() {
  const chosen = item.value!;
  useEffect(() => voicePrompt('cases.speech.materials'), []);
  const blocked = blocking.value;
  return (
    <div class={shared.step} data-testid="case-materials">
      <h3 class={shared.stepTitle}>{t('cases.materials.title')}</h3>
      {!certificatesLookedUp.value && <p class={styles.notice}>{t('cases.materials.offline')}</p>}
      <ul class={`${shared.list} ${styles.materials}`}>
        {plans.value.map((plan) => (
          <li key={plan.material.name} class={`${shared.panel} ${styles.material}`} data-testid="case-material" data-provision={plan.provision ?? 'none'}>
            <span class={styles.materialName}>
              {plan.material.name}
              {!plan.material.required && <span class={shared.muted}>{t('cases.materials.optional')}</span>}
            </span>
            {plan.atTerminal === 'identity' && <span class={styles.attached}>{t('cases.materials.identity')}</span>}
            {plan.atTerminal === 'form' && <span class={shared.muted}>{t('cases.materials.form')}</span>}
            {!plan.atTerminal && plan.provision === 'e-certificate' && plan.certificateId && <span class={styles.attached}>{t('cases.materials.attached')}</span>}
            {plan.options.length > 1 || (!plan.material.required && plan.options.length > 0) ? (
              <div class={styles.choices} role="radiogroup" aria-label={plan.material.name}>
                {plan.options.map((option) => (
                  <button
                    type="button"
                    role="radio"
                    aria-checked={plan.provision === option}
                    class={`${styles.choice} ${plan.provision === option ? styles.chosen : ''}`}
                    onClick={() => setProvision(plan.material.name, option)}
                    data-testid={`provision-${option}`}
                  >
                    {t(LABEL[option], { days: chosen.missingMaterialDays ?? 5 })}
                  </button>
                ))}
              </div>
            ) : (
              plan.provision &&
              !plan.certificateId &&
              !plan.atTerminal && <span class={shared.muted}>{t(LABEL[plan.provision], { days: chosen.missingMaterialDays ?? 5 })}</span>
            )}
            {plan.material.required && plan.provision === null && !plan.atTerminal && <span class={styles.blocked}>{t('cases.materials.window')}</span>}
          </li>
        ))}
      </ul>
      {blocked.length > 0 && (
        <p class={`${shared.problem} ${styles.problem}`} role="alert" data-testid="case-materials-blocked">
          {t('cases.materials.blocked', { place: chosen.place })}
        </p>
      )}
      <div class={shared.stepActions}>
        <Button primary disabled={blocked.length > 0} onClick={continueFromMaterials} testId="case-materials-next">
          {t('cases.next')}
        </Button>
        <Button onClick={back}>{t('cases.back')}</Button>
      </div>
    </div>
  );
}
