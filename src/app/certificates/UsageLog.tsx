import { useEffect } from 'preact/hooks';
import { formatChinaDateTime } from '../../core/china-time.ts';
import { Button } from '../components/Button.tsx';
import { t, type MessageKey } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { typeName } from './labels.ts';
import { backToList, usage } from './store.ts';
import { groupUsage } from './usage-groups.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Certificates.module.css';

const when = (iso: string) => formatChinaDateTime(Date.parse(iso));

/** 用证记录: every use of the citizen's certificates — who, when, what for — newest first. */
export function UsageLog() {
  const records = groupUsage(usage.value);
  useEffect(() => voicePrompt('certificates.usage.title'), []);
  return (
    <div class={shared.step} data-testid="certificates-usage-log">
      <h3 class={shared.stepTitle}>{t('certificates.usage.title')}</h3>
      <p class={shared.muted}>{t('certificates.usage.explain')}</p>
      {records.length === 0 ? (
        <p class={shared.empty}>{t('certificates.usage.empty')}</p>
      ) : (
        <ol class={`${shared.list} ${styles.usage}`}>
          {records.map((record, index) => (
            <li key={index} data-testid="usage-record" data-action={record.action}>
              <span class={shared.hint}>{when(record.at)}</span>
              <span class={styles.usageWhat}>
                {t('certificates.usage.line', { action: t(`certificates.usage.action.${record.action}` as MessageKey), types: record.typeCodes.map(typeName).join(t('list.separator')) })}
              </span>
              <span class={styles.usageWho}>
                {record.user} · {t('certificates.usage.for', { purpose: record.purpose })}
              </span>
            </li>
          ))}
        </ol>
      )}
      <div class={shared.stepActions}>
        <Button onClick={backToList} testId="usage-back">
          {t('certificates.view.back')}
        </Button>
      </div>
    </div>
  );
}
