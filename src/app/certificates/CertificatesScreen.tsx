import { useEffect } from 'preact/hooks';
import { Button } from '../components/Button.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
import { IdentifyPrompt } from '../identify/IdentifyPrompt.tsx';
import { identity } from '../identify/store.ts';
import { JourneyScreen } from '../journeys/JourneyScreen.tsx';
import { voicePrompt } from '../voice.ts';
import { CertificateList } from './CertificateList.tsx';
import { CertificateViewer } from './CertificateViewer.tsx';
import { ConsentStep } from './ConsentStep.tsx';
import { PurposeStep } from './PurposeStep.tsx';
import { retry, startOver, step } from './store.ts';
import { UsageLog } from './UsageLog.tsx';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Certificates.module.css';

/** Who the certificates are for, masked: the citizen sees that the terminal knows them, nobody else reads it. */
function HolderLine() {
  const masked = identity.value?.masked;
  if (!masked) return null;
  return (
    <p class={shared.hint} data-testid="certificates-holder">
      {t('certificates.holder', { name: masked.name, id: masked.idNumber })}
    </p>
  );
}

function Busy({ messageKey }: { messageKey: MessageKey }) {
  return (
    <p class={shared.busy} role="status" data-testid="certificates-busy">
      {t(messageKey)}
    </p>
  );
}

function Failed({ messageKey, canRetry }: { messageKey: MessageKey; canRetry: boolean }) {
  useEffect(() => voicePrompt(messageKey), [messageKey]);
  return (
    <div class={`${shared.problem} ${styles.failed}`} role="alert" data-testid="certificates-failed" data-message={messageKey}>
      <p>{t(messageKey)}</p>
      <div class={shared.stepActions}>
        {canRetry && (
          <Button primary onClick={retry} testId="certificates-retry">
            {t('certificates.retry')}
          </Button>
        )}
        <Button onClick={startOver} testId="certificates-start-over">
          {t('certificates.startOver')}
        </Button>
      </div>
    </div>
  );
}

function CurrentStep() {
  const current = step.value;
  switch (current.kind) {
    case 'purpose':
      return <PurposeStep />;
    case 'consent':
      return <ConsentStep choice={current.choice} />;
    case 'busy':
      return <Busy messageKey={current.messageKey} />;
    case 'list':
      return <CertificateList />;
    case 'view':
      return <CertificateViewer />;
    case 'usage':
      return <UsageLog />;
    case 'failed':
      return <Failed messageKey={current.messageKey} canRetry={current.retry !== null} />;
  }
}

/** 证照调取 (免证办): identify, choose the purpose, consent, then list, view and print. */
export function CertificatesScreen() {
  const identified = identity.value !== null;
  return (
    <JourneyScreen journey="certificates">
      {identified ? (
        <>
          <HolderLine />
          <CurrentStep />
        </>
      ) : (
        <>
          <p class={shared.muted}>{t('certificates.identifyFirst')}</p>
          <IdentifyPrompt />
        </>
      )}
    </JourneyScreen>
  );
}
