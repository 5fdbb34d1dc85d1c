import { localized, t } from '../i18n/index.ts';
import { IdentifyPrompt } from '../identify/IdentifyPrompt.tsx';
import { identity } from '../identify/store.ts';
import { JourneyScreen } from '../journeys/JourneyScreen.tsx';
import { CommitmentStep } from './CommitmentStep.tsx';
import { ConsentStep } from './ConsentStep.tsx';
import { DoneStep } from './DoneStep.tsx';
import { FormStep } from './FormStep.tsx';
import { ItemStep } from './ItemStep.tsx';
import { MaterialsStep } from './MaterialsStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { item, step } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Cases.module.css';

function CurrentStep() {
  switch (step.value) {
    case 'item':
      return <ItemStep />;
    case 'consent':
      return <ConsentStep />;
    case 'materials':
      return <MaterialsStep />;
    case 'commitment':
      return <CommitmentStep />;
    case 'form':
      return <FormStep />;
    case 'review':
    case 'submitting':
      return <ReviewStep />;
    case 'done':
      return <DoneStep />;
  }
}

/** 自助申办: an item, the applicant identified, then step by step to a submitted case and its receipt. */
export function CasesScreen() {
  const chosen = item.value;
  const citizen = identity.value;
  return (
    <JourneyScreen journey="cases">
      {chosen && step.value !== 'item' && (
        <p class={styles.itemLine} data-testid="case-item">
          {localized(chosen.name)}
          {citizen && <span class={`${shared.hint} ${styles.applicant}`}> · {t('cases.applicant', { name: citizen.masked.name, id: citizen.masked.idNumber })}</span>}
        </p>
      )}
      {step.value !== 'item' && !citizen ? (
        <>
          <p class={shared.muted}>{t('cases.identifyFirst')}</p>
          <IdentifyPrompt />
        </>
      ) : (
        <CurrentStep />
      )}
    </JourneyScreen>
  );
}
