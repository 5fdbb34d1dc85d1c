import { useEffect } from 'preact/hooks';
import { certificateType, type PurposeChoice } from '../../core/certificates.ts';
import { localized, t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { choosePurpose, loadPurposes, purposes } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Certificates.module.css';

const typeNames = (choice: PurposeChoice) => choice.typeCodes.map((code) => (certificateType(code) ? localized(certificateType(code)!.name) : code)).join(' · ');

function PurposeButton({ choice, own }: { choice: PurposeChoice; own?: boolean }) {
  const id = choice.purpose.kind === 'item' ? choice.purpose.itemCode : 'own-view';
  return (
    <button type="button" class={`${shared.tile} ${styles.purpose} ${own ? styles.own : ''}`} onClick={() => choosePurpose(choice)} data-testid={`purpose-${id}`}>
      <span class={`${shared.tileName} ${styles.purposeName}`}>{localized(choice.name)}</span>
      <span class={shared.hint}>{own ? t('certificates.purpose.ownHint') : typeNames(choice)}</span>
    </button>
  );
}

/** Why the certificates are retrieved: one's own view first, then the service items that take them. */
export function PurposeStep() {
  useEffect(() => {
    void loadPurposes();
    voicePrompt('certificates.speech.purpose');
  }, []);
  const choices = purposes.value;
  if (!choices) {
    return (
      <p class={shared.busy} role="status">
        {t('certificates.busy.purposes')}
      </p>
    );
  }
  const own = choices.find((choice) => choice.purpose.kind === 'own-view');
  const items = choices.filter((choice) => choice.purpose.kind === 'item');
  return (
    <div class={shared.step} data-testid="certificates-purpose">
      <h3 class={shared.stepTitle}>{t('certificates.purpose.title')}</h3>
      {own && <PurposeButton choice={own} own />}
      {items.length > 0 && (
        <>
          <h4 class={styles.subTitle}>{t('certificates.purpose.items')}</h4>
          <ul class={`${shared.tiles} ${styles.purposes}`}>
            {items.map((choice) => (
              <li key={choice.purpose.kind === 'item' ? choice.purpose.itemCode : 'own'}>
                <PurposeButton choice={choice} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
