import { signal } from '@preact/signals';
import { kioskConfig } from '../../platform/config.ts';
import { terminalName } from '../../platform/terminal.ts';
import { navigate } from '../router.ts';
import { onSessionEnd } from '../session/store.ts';

export const pinDialogOpen = signal(false);

export function openPinDialog(): void {
  pinDialogOpen.value = true;
}

/**
 * The hidden admin entry. A terminal that is not enrolled yet has nothing to protect and no PIN
 * hash (the server sends it to enrolled terminals only): it opens straight to enrollment.
 */
export function openAdminEntry(): void {
  if (terminalName.value === null && kioskConfig.value.adminPinHash === null) navigate('admin');
  else openPinDialog();
}

export function closePinDialog(): void {
  pinDialogOpen.value = false;
}

onSessionEnd(closePinDialog);
