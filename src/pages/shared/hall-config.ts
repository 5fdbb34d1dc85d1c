import { signal } from '@preact/signals';
import { clockFromPin, systemClock, type Clock } from '../../core/clock.ts';
import type { Localized } from '../../core/language.ts';
import { requestJson } from './api.ts';
import { nullable, object, string } from './parse.ts';

const HallConfig = object({
  hallName: object({ 'zh-CN': string, 'zh-TW': string, en: string }),
  pinnedNow: nullable(string),
});

/** Until the server answers, a page shows no hall name rather than a made-up one. */
export const hallName = signal<Localized | null>(null);
/** Set once the server answered: a clock shown before then must be read again (it may have been pinned). */
export const hallConfigLoaded = signal(false);

let current: Clock = systemClock;

/** The pages' clock: it follows KIOSK_NOW when the hall server pins its time, like the kiosk does. */
export const pageClock: Clock = { now: () => current.now() };

/** A hall display is switched on before the server in a power cut; it keeps asking. */
const RETRY_MS = 15_000;

export async function loadHallConfig(): Promise<void> {
  const result = await requestJson('/kiosk/config', HallConfig);
  if (!result.ok) {
    setTimeout(() => void loadHallConfig(), RETRY_MS);
    return;
  }
  current = clockFromPin(result.value.pinnedNow, () => performance.now());
  hallName.value = result.value.hallName;
  hallConfigLoaded.value = true;
}
