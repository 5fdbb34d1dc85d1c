import { useEffect } from 'preact/hooks';
import { certificateType, type PurposeChoice } from '../../core/certificates.ts';
import { formatChinaDateTime } from '../../core/china-time.ts';
import { clock } from '../../platform/clock.ts';
import { kioskConfig } from '../../platform/config.ts';
import { terminalName } from '../../platform/terminal.ts';
import { Button } from '../components/Button.tsx';
import { localized, t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { declineConsent, giveConsent } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Certificates.module.css';

const nowText = () => formatChinaDateTime(clock.now());

/**
 * The explicit consent: purpose, certificate types, terminal and time are named, and nothing is
 * fetched before the citizen taps "同意并调取". Declining ends the visit.
 */
export function ConsentStep({ choice }: { choice: PurposeChoice }) {
  useEffect(() => voicePrompt('certificates.speech.consent'), []);
  const types = choice.typeCodes.map((code) => (certificateType(code) ? localized(certificateType(code)!.name) : code));
  return (
    <div class={shared.step} data-testid="certificates-consent">
      <h3 class={shared.stepTitle}>{t('certificates.consent.title')}</h3>
      <dl class={`${shared.summary} ${styles.consent}`}>
        <dt>{t('certificates.consent.purpose')}</dt>
        <dd data-testid="consent-purpose">{localized(choice.name)}</dd>
        <dt>{t('certificates.consent.types')}</dt>
        <dd data-testid="consent-types">{types.join(t('list.separator'))}</dd>
        <dt>{t('certificates.consent.terminal')}</dt>
        <dd>{t('certificates.consent.terminalName', { hall: localized(kioskConfig.value.hallName), terminal: terminalName.value ?? '—' })}</dd>
        <dt>{t('certificates.consent.time')}</dt>
        <dd>{nowText()}</dd>
      </dl>
      <p class={styles.explain}>{t('certificates.consent.explain')}</p>
      <div class={shared.stepActions}>
        <Button primary onClick={() => void giveConsent()} testId="consent-agree">
          {t('certificates.consent.agree')}
        </Button>
        <Button onClick={declineConsent} testId="consent-decline">
          {t('certificates.consent.decline')}
        </Button>
      </div>
    </div>
  );
}
