import { useEffect } from 'preact/hooks';
import { deviceStates } from '../../platform/bridge-launch.ts';
import { Button } from '../components/Button.tsx';
import { JourneyIcon } from '../components/JourneyIcon.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
import type { JourneyId } from '../journeys/journeys.ts';
import { kioskConfig } from '../../platform/config.ts';
import { navigate } from '../router.ts';
import { voicePrompt } from '../voice.ts';
import { identifyPurpose, maskedIdentity, refusal, type MaskedIdentity } from './store.ts';
import styles from './IdentifyScreen.module.css';

/** What an identified citizen can go on to from a card placed at home. */
const NEXT_JOURNEYS: JourneyId[] = ['ticket', 'certificates', 'cases', 'progress'];

/** A card sliding down onto the reader, drawn in CSS; still when the system asks for less motion. */
function PlaceCardAnimation() {
  return (
    <div class={styles.stage} aria-hidden="true">
      <div class={styles.card}>
        <span class={styles.chip} />
        <span class={styles.line} />
        <span class={styles.line} />
      </div>
      <div class={styles.reader} />
    </div>
  );
}

function WaitingForCard() {
  const readerState = deviceStates.value.reader;
  useEffect(() => voicePrompt('identify.speech.place'), []);
  if (readerState !== 'ready') {
    return (
      <p class={styles.problem} role="alert" data-testid="identify-reader-unavailable" data-state={readerState}>
        {t('identify.readerUnavailable')}
      </p>
    );
  }
  return (
    <div class={styles.waiting} data-testid="identify-waiting">
      <PlaceCardAnimation />
      <p class={styles.instruction}>{t('identify.place')}</p>
      <p class={styles.hint}>{t('identify.placeHint')}</p>
    </div>
  );
}

function Identified({ identity }: { identity: MaskedIdentity }) {
  const purpose = identifyPurpose.value;
  useEffect(() => voicePrompt('identify.speech.done'), []);
  return (
    <div class={styles.identified} data-testid="identified">
      <p class={styles.done} role="status">
        {t('identify.done')}
      </p>
      <dl class={styles.fields}>
        <dt>{t('identify.name')}</dt>
        {/* elementtiming: the bench reads when the identified name was painted. */}
        <dd data-testid="identified-name" elementtiming="identified">
          {identity.name}
        </dd>
        <dt>{t('identify.idNumber')}</dt>
        <dd data-testid="identified-id">{identity.idNumber}</dd>
        <dt>{t('identify.cardType')}</dt>
        <dd>{t(`identify.cardType.${identity.cardType}` as MessageKey)}</dd>
      </dl>
      {kioskConfig.value.cardRemovalEndsSession && <p class={styles.hint}>{t('identify.removalEnds')}</p>}
      {purpose ? (
        <div class={styles.actions}>
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

/** "Place your ID card on the reader" until the shell reports a card; then who was identified, masked. */
export function IdentifyScreen() {
  const identity = maskedIdentity.value;
  const refused = refusal.value;
  return (
    <section class={styles.screen} aria-labelledby="identify-title" data-screen="identify">
      <h2 class={styles.title} id="identify-title">
        {t('identify.title')}
      </h2>
      {identity ? (
        <Identified identity={identity} />
      ) : (
        <>
          {refused && (
            <p class={styles.problem} role="alert" data-testid="card-refused" data-reason={refused}>
              {t(`card.${refused}` as MessageKey)}
            </p>
          )}
          <WaitingForCard />
        </>
      )}
    </section>
  );
}
