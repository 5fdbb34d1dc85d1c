import { effect, signal } from '@preact/signals';
import { AUDIT_PAGE_DEFAULT, type AuditEntryView } from '../../core/audit-wire.ts';
import { pageClock } from '../shared/hall-config.ts';
import { repeatEvery } from '../shared/polling.ts';
import { fetchAudit } from './audit-api.ts';
import { handleFailure, view } from './store.ts';

/** Logins and lockouts happen while an administrator watches: half a minute is soon enough. */
export const AUDIT_REFRESH_MS = 30_000;

export const entries = signal<AuditEntryView[] | null>(null);
/** Where the next older page starts; null when the oldest entry is shown. */
export const older = signal<string | null>(null);
export const refreshedAt = signal<number | null>(null);
export const connectionLost = signal(false);
export const loadingOlder = signal(false);

let refreshes = 0;

/** The newest page; pages loaded below it are dropped, since the refresh moves their start. */
export async function refreshAudit(): Promise<void> {
  const mine = ++refreshes;
  const result = await fetchAudit(null);
  if (mine !== refreshes) return;
  connectionLost.value = !result.ok && result.error.code === 'network';
  if (result.ok) {
    entries.value = result.value.entries;
    older.value = result.value.next;
    refreshedAt.value = pageClock.now();
  } else if (!connectionLost.value) {
    handleFailure(result.error);
  }
}

export async function loadOlder(): Promise<void> {
  const start = older.value;
  if (start === null || loadingOlder.value) return;
  loadingOlder.value = true;
  const mine = refreshes;
  const result = await fetchAudit(start);
  loadingOlder.value = false;
  // A refresh meanwhile replaced the list this page would continue.
  if (mine !== refreshes) return;
  if (result.ok) {
    entries.value = [...(entries.value ?? []), ...result.value.entries];
    older.value = result.value.next;
  } else {
    handleFailure(result.error);
  }
}

// Polls the newest page while the section is open and nobody is reading older pages.
effect(() => {
  if (view.value !== 'audit') return;
  return repeatEvery(AUDIT_REFRESH_MS, async () => {
    if ((entries.value?.length ?? 0) <= AUDIT_PAGE_DEFAULT) await refreshAudit();
  });
});
