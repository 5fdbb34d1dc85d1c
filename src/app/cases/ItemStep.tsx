import { useEffect } from 'preact/hooks';
import { localized, t } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { chooseItem, items, loadItems } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Cases.module.css';

/** The items a citizen can apply for at this terminal. */
export function ItemStep() {
  useEffect(() => {
    void loadItems();
    voicePrompt('cases.speech.item');
  }, []);
  const list = items.value;
  if (!list) return <p class={shared.busy}>{t('cases.busy.items')}</p>;
  if (list.length === 0) return <p class={`${shared.empty} ${styles.empty}`}>{t('cases.items.none')}</p>;
  return (
    <div class={shared.step} data-testid="cases-items">
      <h3 class={shared.stepTitle}>{t('cases.items.title')}</h3>
      <ul class={shared.tiles}>
        {list.map((candidate) => (
          <li key={candidate.code}>
            <button type="button" class={`${shared.tile} ${styles.item}`} onClick={() => chooseItem(candidate)} data-testid={`case-item-${candidate.code}`}>
              <span class={`${shared.tileName} ${styles.itemName}`}>{localized(candidate.name)}</span>
              <span class={shared.hint}>
                {candidate.department} ·{' '}
                {candidate.handling === 'instant' ? t('cases.items.instant') : t('cases.items.promised', { days: candidate.promisedLimitDays })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
