import { useEffect } from 'preact/hooks';
import { Button } from '../components/Button.tsx';
import { JourneyIcon } from '../components/JourneyIcon.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
import type { JourneyId } from '../journeys/journeys.ts';
import { kioskConfig } from '../../platform/config.ts';
import { navigate } from '../router.ts';
import { voicePrompt } from '../voice.ts';
import { IdentifyPrompt } from './IdentifyPrompt.tsx';
import { identifyPurpose, maskedIdentity, type MaskedIdentity } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './IdentifyScreen.module.css';

/** What an identified citizen can go on to from a card placed at home. */
const NEXT_JOURNEYS: JourneyId[] = ['ticket', 'certificates', 'cases', 'progress'];

function Identified({ identity }: { identity: MaskedIdentity }) {
  const purpose = identifyPurpose.value;
  useEffect(() => voicePrompt('identify.speech.done'), []);
  return (
    <div class={shared.step} data-testid="identified">
      <p class={styles.done} role="status">
        {t('identify.done')}
      </p>
      <dl class={`${shared.summary} ${styles.fields}`}>
        <dt>{t('identify.name')}</dt>
        {/* elementtiming: the bench reads when the identified name was painted. */}
        <dd data-testid="identified-name" elementtiming="identified">
          {identity.name}
        </dd>
        <dt>{t('identify.idNumber')}</dt>
        <dd data-testid="identified-id">{identity.idNumber}</dd>
        <dt>{t('identify.cardType')}</dt>
        <dd>{t(`identify.cardType.${identity.documentType}` as MessageKey)}</dd>
      </dl>
      {kioskConfig.value.cardRemovalEndsSession && !identity.documentType.endsWith('-code') && <p class={shared.muted}>{t('identify.removalEnds')}</p>}
      {purpose ? (
        <div class={shared.actions}>
          <Button primary onClick={() => navigate(purpose)} testId="identify-continue">
            {t('identify.continue')}
          </Button>
        </div>
      ) : (
        <>
          <h3 class={styles.choose}>{t('identify.choose')}</h3>
          <ul class={styles.next}>
            {NEXT_JOURNEYS.map((journey) => (
              <li key={journey}>
                <button type="button" class={styles.nextButton} onClick={() => navigate(journey)} data-testid={`identify-next-${journey}`}>
                  <JourneyIcon journey={journey} />
                  <span>{t(`journey.${journey}`)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** "Place your ID card on the reader, or show your code" until one identifies the citizen; then who it is, masked. */
export function IdentifyScreen() {
  const identity = maskedIdentity.value;
  return (
    <section class={styles.screen} aria-labelledby="identify-title" data-screen="identify">
      <h2 class={styles.title} id="identify-title">
        {t('identify.title')}
      </h2>
      {identity ? <Identified identity={identity} /> : <IdentifyPrompt />}
    </section>
  );
}
