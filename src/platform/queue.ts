import { signal } from '@preact/signals';
import type { Localized } from '../core/language.ts';
import { readSetting, writeSetting } from './db.ts';
import { callHall } from './hall-api.ts';

export interface QueueCategoryState {
  code: string;
  prefix: string;
  name: Localized;
  /** People waiting today; null while offline. */
  waiting: number | null;
  open: boolean;
  /** The session a ticket taken now is for. */
  session: { date: string; start: string; end: string } | null;
  quotaFull: boolean;
}

export interface QueueState {
  categories: QueueCategoryState[];
  /** False when this is the last known list, shown while the server cannot be reached. */
  live: boolean;
}

export const queueState = signal<QueueState | null>(null);
/** Why the live queue could not be read, e.g. 'network' or 'unauthorized'. */
export const queueError = signal<string | null>(null);

interface QueueAnswer {
  categories: QueueCategoryState[];
}

/** The live queue; offline, the last known categories without counts. */
export async function loadQueue(): Promise<QueueState | null> {
  const result = await callHall<QueueAnswer>('GET', '/queue');
  queueError.value = result.ok ? null : result.error.code;
  if (result.ok) {
    queueState.value = { categories: result.value.categories, live: true };
    await writeSetting('queueCategories', result.value.categories);
  } else {
    const cached = await readSetting('queueCategories');
    queueState.value = Array.isArray(cached)
      ? { categories: (cached as QueueCategoryState[]).map((c) => ({ ...c, waiting: null })), live: false }
      : null;
  }
  return queueState.value;
}
