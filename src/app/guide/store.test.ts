import { describe, expect, it } from 'vitest';
import type { Catalog, ServiceItem } from '../../core/catalog.ts';
import { currentCatalog } from '../../platform/catalog.ts';
import { screen } from '../router.ts';
import { endSession } from '../session/store.ts';
import {
  applyAtTerminal,
  checklistPrint,
  departments,
  goBack,
  groupItems,
  lifeEvents,
  openedItem,
  openGroup,
  openItem,
  printChecklist,
  query,
  requestedItem,
  results,
  setQuery,
  trail,
  view,
} from './store.ts';

const item = (code: string, zh: string, department: string, lifeEvents: string[], initials: string): ServiceItem =>
  ({
    code,
    name: { 'zh-CN': zh, 'zh-TW': zh, en: code },
    department,
    lifeEvents,
    kioskSubmittable: true,
    searchKeys: [{ text: zh, pinyin: '', initials }],
  }) as unknown as ServiceItem;

const CATALOG: Catalog = {
  categories: [],
  items: [
    item('transfer', '户口迁移', '示例市公安局', ['购房'], 'hkqy'),
    item('newborn', '新生儿出生登记', '示例市公安局', ['出生'], 'xsecsdj'),
    item('invoice', '发票领用', '示例市税务局', ['开办企业'], 'fply'),
  ],
};
currentCatalog.value = CATALOG;

describe('service guide store', () => {
  it('groups the catalog by department and by life event', () => {
    expect([...departments.value.keys()]).toEqual(['示例市公安局', '示例市税务局']);
    expect([...lifeEvents.value.keys()]).toEqual(['购房', '出生', '开办企业']);
  });

  it('walks from a group to an item and back', () => {
    openGroup('department', '示例市公安局');
    expect(groupItems.value.map((entry) => entry.code)).toEqual(['transfer', 'newborn']);
    openItem('newborn');
    expect(openedItem.value?.code).toBe('newborn');
    goBack();
    expect(view.value).toEqual({ kind: 'group', by: 'department', name: '示例市公安局' });
    goBack();
    goBack();
    expect(trail.value).toEqual([{ kind: 'browse' }]);
  });

  it('searches as the query changes', () => {
    setQuery('HKQY');
    expect(results.value.map((entry) => entry.code)).toEqual(['transfer']);
    setQuery('出生');
    expect(results.value.map((entry) => entry.code)).toEqual(['newborn']);
  });

  it('shows the checklist on screen when no kiosk-shell is connected', async () => {
    await printChecklist({ items: [{ type: 'text', text: '一次性告知单' }] });
    expect(checklistPrint.value).toEqual({ kind: 'screen' });
  });

  it('hands the chosen item to the case journey', () => {
    applyAtTerminal('transfer');
    expect(requestedItem.value).toBe('transfer');
    expect(screen.value).toBe('cases');
  });

  it('forgets where the citizen was, what they typed and what they chose when the session ends', () => {
    openItem('invoice');
    setQuery('fp');
    applyAtTerminal('invoice');
    endSession();
    expect(trail.value).toEqual([{ kind: 'browse' }]);
    expect(query.value).toBe('');
    expect(requestedItem.value).toBeNull();
    expect(checklistPrint.value).toEqual({ kind: 'idle' });
  });
});
