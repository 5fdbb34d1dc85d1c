/**
 * 办事指南 at the terminal: browse the catalog by department or by life event, or search it by
 * Chinese text, English or pinyin; read an item's whole guide; print its 一次性告知单; go on to
 * apply at this terminal where the item allows it. Works offline from the stored catalog.
 */
import { batch, computed, signal } from '@preact/signals';
import { itemsByDepartment, itemsByLifeEvent, searchGuide } from '../../core/guide-search.ts';
import type { ReceiptDocument } from '../../core/receipt.ts';
import { bridgeConnected, print } from '../../platform/bridge-client.ts';
import { currentCatalog, loadCatalog } from '../../platform/catalog.ts';
import { navigate } from '../router.ts';
import { onSessionEnd } from '../session/store.ts';

/**
 * The item the citizen chose to apply for from its guide ("在本机申办"): the code of a
 * kiosk-submittable item. The case journey starts with it preselected and sets it back to null.
 */
export const requestedItem = signal<string | null>(null);

export type BrowseTab = 'department' | 'life-event' | 'search';
export type GroupKind = 'department' | 'life-event';

export type GuideView = { kind: 'browse' } | { kind: 'group'; by: GroupKind; name: string } | { kind: 'item'; code: string };

export type CatalogPhase = 'loading' | 'ready' | 'failed';

/**
 * The checklist on paper: 'screen' without a printer (shown on screen instead), else printing,
 * then done or failed with the printer's reason (and shown on screen).
 */
export type ChecklistPrint = { kind: 'idle' } | { kind: 'screen' } | { kind: 'printing' } | { kind: 'done' } | { kind: 'failed'; reason: string };

export const tab = signal<BrowseTab>('department');
export const query = signal('');
/** Where the citizen has been inside the guide; "back" pops it. */
export const trail = signal<GuideView[]>([{ kind: 'browse' }]);
export const catalogPhase = signal<CatalogPhase>('loading');
export const checklistPrint = signal<ChecklistPrint>({ kind: 'idle' });

export const view = computed(() => trail.value[trail.value.length - 1]!);
export const items = computed(() => currentCatalog.value?.items ?? []);
export const departments = computed(() => itemsByDepartment(items.value));
export const lifeEvents = computed(() => itemsByLifeEvent(items.value));
export const results = computed(() => searchGuide(items.value, query.value).map((hit) => hit.item));

export const groupItems = computed(() => {
  const current = view.value;
  if (current.kind !== 'group') return [];
  return (current.by === 'department' ? departments.value : lifeEvents.value).get(current.name) ?? [];
});

export const openedItem = computed(() => {
  const current = view.value;
  return current.kind === 'item' ? (items.value.find((item) => item.code === current.code) ?? null) : null;
});

/** A fresh guide home each time the guide is opened; the catalog is shown as soon as one is known. */
export async function openGuide(): Promise<void> {
  reset();
  catalogPhase.value = currentCatalog.peek() ? 'ready' : 'loading';
  // Offline, the platform answers with the stored catalog; without one there is nothing to show.
  const loaded = await loadCatalog();
  catalogPhase.value = loaded.ok || currentCatalog.peek() ? 'ready' : 'failed';
}

export function chooseTab(next: BrowseTab): void {
  tab.value = next;
}

export function setQuery(text: string): void {
  query.value = text;
}

function go(next: GuideView): void {
  batch(() => {
    trail.value = [...trail.value, next];
    checklistPrint.value = { kind: 'idle' };
  });
}

export const openGroup = (by: GroupKind, name: string) => go({ kind: 'group', by, name });
export const openItem = (code: string) => go({ kind: 'item', code });

export function goBack(): void {
  if (trail.value.length > 1) {
    batch(() => {
      trail.value = trail.value.slice(0, -1);
      checklistPrint.value = { kind: 'idle' };
    });
  }
}

/**
 * Sends the checklist to the receipt printer once per tap; without a kiosk-shell it is shown on
 * screen. Each print() is a fresh job.
 */
export async function printChecklist(receipt: ReceiptDocument): Promise<void> {
  if (checklistPrint.peek().kind === 'printing') return;
  if (!bridgeConnected.peek()) {
    checklistPrint.value = { kind: 'screen' };
    return;
  }
  const printing = { kind: 'printing' } as const;
  checklistPrint.value = printing;
  const outcome = await print('receipt', receipt);
  // The citizen may have gone on to another item meanwhile.
  if (checklistPrint.peek() !== printing) return;
  checklistPrint.value = outcome.ok ? { kind: 'done' } : { kind: 'failed', reason: outcome.reason };
}

/** "在本机申办": on to the case journey with this item chosen. */
export function applyAtTerminal(code: string): void {
  requestedItem.value = code;
  navigate('cases');
}

function reset(): void {
  batch(() => {
    tab.value = 'department';
    query.value = '';
    trail.value = [{ kind: 'browse' }];
    checklistPrint.value = { kind: 'idle' };
  });
}

onSessionEnd(() => {
  reset();
  requestedItem.value = null;
});
