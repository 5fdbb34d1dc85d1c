import type { Material, ServiceItem } from '../../core/catalog.ts';
import { referenceCatalogue, t, type MessageKey } from '../i18n/index.ts';

/** A life event the terminal knows in every language, else the catalog's own Chinese word. */
export function lifeEventName(event: string): string {
  const key = `guide.event.${event}`;
  return key in referenceCatalogue ? t(key as MessageKey) : event;
}

/** "3 个工作日", or "当场办结" for a limit of zero days. */
export const limitText = (days: number) => (days === 0 ? t('guide.onTheSpot') : t('guide.days', { n: days }));

export const handlingText = (item: Pick<ServiceItem, 'handling'>) => t(item.handling === 'instant' ? 'guide.instant' : 'guide.promised');

/** "原件 · 1 份 · 必需": how a material is handed in. */
export const materialForm = (material: Material) =>
  [t(`guide.material.${material.form}`), t('guide.material.copies', { n: material.copies }), t(material.required ? 'guide.material.required' : 'guide.material.optional')].join(' · ');
