import type { ServiceItem } from '../../core/catalog.ts';
import { Button } from '../components/Button.tsx';
import { Keypad } from '../components/Keypad.tsx';
import { localized, t, type MessageKey } from '../i18n/index.ts';
import { handlingText, lifeEventName } from './labels.ts';
import { chooseTab, departments, goBack, groupItems, lifeEvents, openGroup, openItem, query, results, setQuery, tab, view, type BrowseTab, type GroupKind } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Guide.module.css';

const TABS: { id: BrowseTab; label: MessageKey }[] = [
  { id: 'department', label: 'guide.byDepartment' },
  { id: 'life-event', label: 'guide.byLifeEvent' },
  { id: 'search', label: 'guide.search' },
];

/** Long enough for any item name in pinyin initials or a few words of English. */
const MAX_QUERY = 32;

const groupName = (by: GroupKind, name: string) => (by === 'life-event' ? lifeEventName(name) : name);

/** One row per item: its name, how it is decided, and whether it can be applied for here. */
export function ItemList({ items }: { items: ServiceItem[] }) {
  return (
    <ul class={shared.list}>
      {items.map((item) => (
        <li key={item.code}>
          <button type="button" class={`${shared.tile} ${styles.item}`} onClick={() => openItem(item.code)} data-testid="guide-item" data-code={item.code}>
            <span class={shared.tileName}>{localized(item.name)}</span>
            <span class={styles.itemMeta}>
              <span>{item.department}</span>
              <span class={styles.badge}>{handlingText(item)}</span>
              <span class={`${styles.badge} ${item.kioskSubmittable ? styles.kiosk : ''}`}>{t(item.kioskSubmittable ? 'guide.kiosk' : 'guide.windowOnly')}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function GroupGrid({ by, groups }: { by: GroupKind; groups: Map<string, ServiceItem[]> }) {
  return (
    <ul class={`${shared.tiles} ${styles.groups}`} data-testid={`guide-groups-${by}`}>
      {[...groups].map(([name, members]) => (
        <li key={name}>
          <button type="button" class={`${shared.tile} ${styles.group}`} onClick={() => openGroup(by, name)} data-testid="guide-group" data-name={name}>
            <span class={`${shared.tileName} ${styles.groupName}`}>{groupName(by, name)}</span>
            <span class={shared.hint}>{t('guide.count', { n: members.length })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Letters from the on-screen keyboard (pinyin, initials, English); a physical keyboard types here too. */
function SearchPanel() {
  const text = query.value;
  const found = results.value;
  return (
    <div class={`${shared.step} ${styles.search}`}>
      <label class={styles.searchLabel} for="guide-query">
        {t('guide.search.label')}
      </label>
      <input
        id="guide-query"
        class={styles.query}
        value={text}
        onInput={(event) => setQuery(event.currentTarget.value.slice(0, MAX_QUERY))}
        placeholder={t('guide.search.placeholder')}
        inputMode="none"
        autoComplete="off"
        spellcheck={false}
        autoFocus
        data-testid="guide-query"
      />
      <Keypad letters read={() => query.value} onChange={setQuery} maxLength={MAX_QUERY} />
      {text.trim() !== '' &&
        (found.length > 0 ? (
          <>
            <p class={shared.hint} role="status" data-testid="guide-result-count">
              {t('guide.count', { n: found.length })}
            </p>
            <ItemList items={found} />
          </>
        ) : (
          <p class={`${shared.notice} ${styles.none}`} role="status" data-testid="guide-no-result">
            {t('guide.search.none')}
          </p>
        ))}
    </div>
  );
}

export function GuideHome() {
  const current = tab.value;
  return (
    <>
      <div class={styles.tabs} role="tablist">
        {TABS.map(({ id, label }) => (
          <button key={id} type="button" role="tab" aria-selected={current === id} class={styles.tab} onClick={() => chooseTab(id)} data-testid={`guide-tab-${id}`}>
            {t(label)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {current === 'department' && <GroupGrid by="department" groups={departments.value} />}
        {current === 'life-event' && <GroupGrid by="life-event" groups={lifeEvents.value} />}
        {current === 'search' && <SearchPanel />}
      </div>
    </>
  );
}

/** The items of one department or life event. */
export function GroupView() {
  const current = view.value;
  if (current.kind !== 'group') return null;
  const members = groupItems.value;
  return (
    <>
      <div class={styles.bar}>
        <Button onClick={goBack} testId="guide-back">
          {t('nav.back')}
        </Button>
        <h3 class={styles.barTitle} data-testid="guide-group-title">
          {groupName(current.by, current.name)}
        </h3>
        <span class={shared.hint}>{t('guide.count', { n: members.length })}</span>
      </div>
      <ItemList items={members} />
    </>
  );
}
