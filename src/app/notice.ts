import { signal } from '@preact/signals';
import type { MessageKey } from './i18n/index.ts';
import { onSessionEnd } from './session/store.ts';

/** A short message at the bottom of the screen, e.g. why a link did not open. */
export const notice = signal<MessageKey | null>(null);

const NOTICE_MS = 5000;
let hideTimer: ReturnType<typeof setTimeout> | undefined;

export function showNotice(key: MessageKey): void {
  clearTimeout(hideTimer);
  notice.value = key;
  hideTimer = setTimeout(() => (notice.value = null), NOTICE_MS);
}

onSessionEnd(() => {
  clearTimeout(hideTimer);
  notice.value = null;
});
