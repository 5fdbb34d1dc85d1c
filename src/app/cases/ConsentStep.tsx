import { useEffect } from 'preact/hooks';
import { certificateType, itemPurposeTypes } from '../../core/certificates.ts';
import { Button } from '../components/Button.tsx';
import { localized, t } from '../i18n/index.ts';
import { identity } from '../identify/store.ts';
import { endSession } from '../session/store.ts';
import { voicePrompt } from '../voice.ts';
import { consentAndRetrieve, item, problem, retrieving } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Cases.module.css';

/** What the application will use: the citizen's consent before any certificate is retrieved. */
export function ConsentStep() {
  const chosen = item.value!;
  const types = itemPurposeTypes(chosen, identity.value?.kind ?? 'person').map((code) => (certificateType(code) ? localized(certificateType(code)!.name) : code));
  useEffect(() => voicePrompt('cases.speech.consent'), []);
  return (
    <div class={shared.step} data-testid="case-consent">
      <h3 class={shared.stepTitle}>{t('cases.consent.title')}</h3>
      <div class={`${shared.panel} ${styles.card}`}>
        <p>{t('cases.consent.item', { item: localized(chosen.name) })}</p>
        {types.length > 0 ? (
          <p data-testid="case-consent-types">{t('cases.consent.types', { types: types.join(t('list.separator')) })}</p>
        ) : (
          <p>{t('cases.consent.noTypes')}</p>
        )}
        <p class={shared.muted}>{t('cases.consent.explain')}</p>
      </div>
      {problem.value && (
        <p class={`${shared.problem} ${styles.problem}`} role="alert" data-testid="case-consent-problem">
          {t(problem.value)}
        </p>
      )}
      <div class={shared.stepActions}>
        <Button primary disabled={retrieving.value} onClick={() => void consentAndRetrieve()} testId="case-consent-agree">
          {retrieving.value ? t('cases.busy.retrieving') : t('cases.consent.agree')}
        </Button>
        <Button onClick={endSession} testId="case-consent-decline">
          {t('certificates.consent.decline')}
        </Button>
      </div>
    </div>
  );
}
