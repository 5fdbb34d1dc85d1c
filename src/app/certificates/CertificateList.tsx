import { useEffect } from 'preact/hooks';
import { Button } from '../components/Button.tsx';
import { localized, t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { typeName, validityText } from './labels.ts';
import { certificates, grant, openCertificate, openUsage, startOver } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Certificates.module.css';

/** The consented certificates of the citizen; a tap opens one. */
export function CertificateList() {
  const list = certificates.value;
  useEffect(() => voicePrompt(list.length > 0 ? 'certificates.speech.list' : 'certificates.list.empty'), [list.length]);
  const purpose = grant.value?.purpose;
  return (
    <div class={shared.step} data-testid="certificates-list">
      <h3 class={shared.stepTitle}>{t('certificates.list.title', { n: list.length })}</h3>
      {purpose && <p class={shared.muted}>{t('certificates.list.purpose', { purpose: localized(purpose.name) })}</p>}
      {list.length === 0 ? (
        <p class={shared.empty} data-testid="certificates-empty">
          {t('certificates.list.empty')}
        </p>
      ) : (
        <ul class={shared.list}>
          {list.map((certificate) => (
            <li key={certificate.id}>
              <button type="button" class={`${shared.tile} ${styles.certificate}`} onClick={() => void openCertificate(certificate.id)} data-testid="certificate-item" data-type={certificate.typeCode}>
                <span class={styles.certificateName}>{typeName(certificate.typeCode)}</span>
                {!certificate.valid && <span class={styles.expired}>{t('certificates.expired')}</span>}
                <span class={`${shared.hint} ${styles.certificateLine}`}>{certificate.number}</span>
                <span class={`${shared.hint} ${styles.certificateLine}`}>
                  {certificate.issuer} · {t('certificates.validUntil')} {validityText(certificate)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class={shared.stepActions}>
        <Button onClick={() => void openUsage()} testId="certificates-usage">
          {t('certificates.usage.open')}
        </Button>
        <Button onClick={startOver} testId="certificates-other-purpose">
          {t('certificates.otherPurpose')}
        </Button>
      </div>
    </div>
  );
}
