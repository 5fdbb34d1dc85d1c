/**
 * 免证办 at the terminal: the identified citizen picks a purpose, consents, and sees, views and
 * prints their own electronic certificates. Everything lives in these signals for the session
 * only; the session's end forgets it and ends the consent on the server.
 */
import { batch, computed, effect, signal } from '@preact/signals';
import { certificateSummaryReceipt } from '../../core/certificate-receipt.ts';
import type { CertificateSummary, CertificateView, ConsentGrant, CopyFormat, UsageRecord } from '../../core/certificate-wire.ts';
import { purposeChoices, type PurposeChoice } from '../../core/certificates.ts';
import type { ApiError } from '../../platform/hall-api.ts';
import { print } from '../../platform/bridge-client.ts';
import { loadCatalog } from '../../platform/catalog.ts';
import { endConsent, issueCopy, listCertificates, requestConsent, usageLog, viewCertificate } from '../../platform/certificates.ts';
import { kioskConfig } from '../../platform/config.ts';
import { terminalName } from '../../platform/terminal.ts';
import { language, type MessageKey } from '../i18n/index.ts';
import { identity, proveIdentity } from '../identify/store.ts';
import { endSession, onSessionEnd, sessionGuard } from '../session/store.ts';

export type Step =
  | { kind: 'purpose' }
  | { kind: 'consent'; choice: PurposeChoice }
  | { kind: 'busy'; messageKey: MessageKey }
  | { kind: 'list' }
  | { kind: 'view' }
  | { kind: 'usage' }
  | { kind: 'failed'; messageKey: MessageKey; retry: (() => void) | null };

export type CopyPrint = { kind: 'idle' } | { kind: 'printing'; format: CopyFormat } | { kind: 'done'; format: CopyFormat } | { kind: 'failed'; format: CopyFormat; messageKey: MessageKey };

export const step = signal<Step>({ kind: 'purpose' });
export const purposes = signal<PurposeChoice[] | null>(null);
export const grant = signal<ConsentGrant | null>(null);
export const certificates = signal<CertificateSummary[]>([]);
export const opened = signal<CertificateView | null>(null);
export const usage = signal<UsageRecord[]>([]);
export const copyPrint = signal<CopyPrint>({ kind: 'idle' });

/** The consent is made for whoever is identified now; another card or code starts over. */
const holderKey = computed(() => {
  const citizen = identity.value;
  return citizen ? (citizen.via.kind === 'card' ? `card:${citizen.subject}` : `code:${citizen.via.code}`) : null;
});

/** The client id of the consent being requested: a retry after a lost answer reuses it. */
let consentClientId: string | null = null;
/** Changes whenever the journey is reset: an answer to a request of before is dropped. */
let generation = 0;

/** Whether the visit and the journey a request was made for are still the current ones. */
function currentGuard(): () => boolean {
  const session = sessionGuard();
  const made = generation;
  return () => session() && generation === made;
}

function fail(messageKey: MessageKey, retry: (() => void) | null = null): void {
  step.value = { kind: 'failed', messageKey, retry };
}

const retryList = () => void openList();

/** What the citizen is told about a failed call, by the server's error code. */
export function errorMessage(error: ApiError): MessageKey {
  if (error.code === 'network' || (error.status ?? 0) >= 500) return 'certificates.error.network';
  if (error.code === 'identity-code-refused') {
    const reason = error.details?.reason;
    return (typeof reason === 'string' ? `code.${reason}` : 'code.malformed') as MessageKey;
  }
  if (error.code === 'consent-expired' || error.code === 'consent-required') return 'certificates.error.consentExpired';
  if (error.code === 'card-assertion-refused') return 'certificates.error.cardNotVerified';
  if (error.code === 'terminal-suspended') return 'certificates.error.suspended';
  if (error.code === 'unauthorized') return 'certificates.error.notEnrolled';
  return 'certificates.error.other';
}

export async function loadPurposes(): Promise<void> {
  const kind = identity.peek()?.kind;
  if (!kind) return;
  const current = currentGuard();
  const catalog = await loadCatalog();
  if (!current()) return;
  // Without the catalog the citizen can still view their own certificates.
  purposes.value = purposeChoices(catalog.ok ? catalog.value.items : [], kind);
}

export function choosePurpose(choice: PurposeChoice): void {
  consentClientId = null;
  step.value = { kind: 'consent', choice };
}

/** Declining returns home and ends the visit: nothing was fetched. */
export function declineConsent(): void {
  endSession();
}

export async function giveConsent(): Promise<void> {
  const current = step.peek();
  const citizen = identity.peek();
  if (current.kind !== 'consent' || !citizen) return;
  consentClientId ??= crypto.randomUUID();
  step.value = { kind: 'busy', messageKey: 'certificates.busy.opening' };
  const still = currentGuard();
  const proof = await proveIdentity(citizen);
  if (!still()) return;
  if (!proof) return fail('certificates.error.cardNotVerified');
  const granted = await requestConsent(consentClientId, proof, current.choice.purpose);
  if (!still()) {
    // The citizen left meanwhile: the consent opens nothing for anyone.
    if (granted.ok) void endConsent(granted.value.consentToken);
    return;
  }
  // After a network failure the same consent (same clientId) may be given again.
  if (!granted.ok) return fail(errorMessage(granted.error), granted.error.code === 'network' ? () => (step.value = current) : null);
  grant.value = granted.value;
  await openList();
}

export async function openList(): Promise<void> {
  const token = grant.peek()?.consentToken;
  if (!token) return;
  step.value = { kind: 'busy', messageKey: 'certificates.busy.opening' };
  const still = currentGuard();
  const listed = await listCertificates(token);
  if (!still()) return;
  if (!listed.ok) return fail(errorMessage(listed.error), listed.error.code === 'network' ? retryList : null);
  batch(() => {
    certificates.value = listed.value;
    step.value = { kind: 'list' };
  });
}

export async function openCertificate(id: string): Promise<void> {
  const token = grant.peek()?.consentToken;
  if (!token) return;
  step.value = { kind: 'busy', messageKey: 'certificates.busy.viewing' };
  const still = currentGuard();
  const viewed = await viewCertificate(token, id);
  if (!still()) return;
  if (!viewed.ok) return fail(errorMessage(viewed.error), retryList);
  batch(() => {
    opened.value = viewed.value;
    copyPrint.value = { kind: 'idle' };
    step.value = { kind: 'view' };
  });
}

export async function openUsage(): Promise<void> {
  const token = grant.peek()?.consentToken;
  if (!token) return;
  step.value = { kind: 'busy', messageKey: 'certificates.busy.usage' };
  const still = currentGuard();
  const records = await usageLog(token);
  if (!still()) return;
  if (!records.ok) return fail(errorMessage(records.error), retryList);
  batch(() => {
    usage.value = records.value;
    step.value = { kind: 'usage' };
  });
}

export function backToList(): void {
  opened.value = null;
  step.value = { kind: 'list' };
}

/** After a failure: try the failed step again where that makes sense, else start over with the purpose. */
export function retry(): void {
  const current = step.peek();
  if (current.kind !== 'failed') return;
  if (current.retry) current.retry();
  else startOver();
}

/** Copies asked for and not printed yet, by certificate and format: their client ids. */
const copyClientIds = new Map<string, string>();

export function startOver(): void {
  const token = grant.peek()?.consentToken;
  if (token) void endConsent(token);
  consentClientId = null;
  copyClientIds.clear();
  generation++;
  batch(() => {
    grant.value = null;
    certificates.value = [];
    opened.value = null;
    usage.value = [];
    step.value = { kind: 'purpose' };
  });
}

/** Prints the opened certificate: an A4 copy on the document printer, or a summary slip on the receipt printer. */
export async function printCopy(format: CopyFormat): Promise<void> {
  const view = opened.peek();
  const token = grant.peek()?.consentToken;
  if (!view || !token || copyPrint.peek().kind === 'printing') return;
  copyPrint.value = { kind: 'printing', format };
  const still = currentGuard();
  // One id per copy until it is printed: a tap again after a lost answer is the same copy.
  const key = `${view.id}:${format}`;
  copyClientIds.set(key, copyClientIds.get(key) ?? crypto.randomUUID());
  const copy = await issueCopy(copyClientIds.get(key)!, token, view.id, format);
  if (!still()) return;
  if (!copy.ok) {
    copyPrint.value = { kind: 'failed', format, messageKey: errorMessage(copy.error) };
    return;
  }
  const outcome =
    format === 'a4'
      ? await print('document', { pdf: copy.value.pdf ?? '' })
      : await print('receipt', certificateSummaryReceipt(view, copy.value, { hallName: kioskConfig.peek().hallName, terminalName: terminalName.peek() ?? '' }, language.peek()));
  if (!still()) return;
  if (outcome.ok) copyClientIds.delete(key);
  copyPrint.value = outcome.ok ? { kind: 'done', format } : { kind: 'failed', format, messageKey: 'certificates.print.failed' };
}

function forget(): void {
  batch(() => {
    startOver();
    purposes.value = null;
    copyPrint.value = { kind: 'idle' };
  });
}

// Another citizen identified at the same terminal never sees the first one's certificates.
let lastHolder: string | null = null;
effect(() => {
  const holder = holderKey.value;
  if (lastHolder !== null && holder !== lastHolder) forget();
  lastHolder = holder;
});

onSessionEnd(forget);
