import { signal } from '@preact/signals';
import { onSessionEnd } from '../session/store.ts';

export const pinDialogOpen = signal(false);

export function openPinDialog(): void {
  pinDialogOpen.value = true;
}

export function closePinDialog(): void {
  pinDialogOpen.value = false;
}

onSessionEnd(closePinDialog);
