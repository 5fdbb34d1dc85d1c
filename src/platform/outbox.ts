import { signal } from '@preact/signals';
import { openKioskDb, readSetting, writeSetting, type OutboxRecord } from './db.ts';

/**
 * Writes the server has not acknowledged yet (offline tickets; later cases and evaluations)
 * wait here until it has. Payloads are encrypted with an AES-GCM key that cannot be exported
 * from this browser profile, so a copied disk shows no citizen's data.
 */
export const outboxDepth = signal(0);

let keyPromise: Promise<CryptoKey> | null = null;

function outboxKey(): Promise<CryptoKey> {
  keyPromise ??= (async () => {
    const stored = await readSetting('outboxKey');
    if (stored instanceof CryptoKey) return stored;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await writeSetting('outboxKey', key);
    return key;
  })();
  return keyPromise;
}

export async function refreshOutboxDepth(): Promise<number> {
  try {
    outboxDepth.value = await (await openKioskDb()).count('outbox');
  } catch {
    // Keep the last known depth.
  }
  return outboxDepth.value;
}

/** Stores a write under its client id; a second enqueue of the same id replaces nothing. */
export async function enqueue(kind: string, id: string, payload: unknown): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plaintext = new TextEncoder().encode(JSON.stringify(payload));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await outboxKey(), plaintext);
  // Ordering and backoff of stored entries outlive a reload: the PC's clock, which a reload does
  // not set back, unlike a clock pinned by KIOSK_NOW that starts again at its pin.
  const now = Date.now();
  const record: OutboxRecord = { id, kind, iv, ciphertext, createdAt: now, attempts: 0, nextAttemptAt: now };
  const db = await openKioskDb();
  const tx = db.transaction('outbox', 'readwrite');
  if (!(await tx.store.get(id))) await tx.store.put(record);
  await tx.done;
  await refreshOutboxDepth();
}

async function decrypt(record: OutboxRecord): Promise<unknown> {
  const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv as BufferSource }, await outboxKey(), record.ciphertext);
  return JSON.parse(new TextDecoder().decode(plaintext));
}

/** What a sender says of one entry: acknowledged, try later, or refused for good. */
export type SendOutcome = 'done' | 'retry' | 'refused';
export type OutboxSender = (kind: string, id: string, payload: unknown) => Promise<SendOutcome>;

const BASE_BACKOFF_MS = 2000;
const MAX_BACKOFF_MS = 5 * 60 * 1000;

/** Full jitter: fifty terminals coming back online together do not knock on the server in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempts));
}

/**
 * Sends due entries one at a time, oldest first. An entry leaves the outbox only when the
 * server acknowledged it (or refused it for good); otherwise it waits with a growing backoff.
 * Returns how many entries were acknowledged.
 */
export async function drainOutbox(send: OutboxSender, now = Date.now()): Promise<number> {
  const db = await openKioskDb();
  let sent = 0;
  for (const record of await db.getAllFromIndex('outbox', 'by-created')) {
    if (record.nextAttemptAt > now) continue;
    let outcome: SendOutcome;
    try {
      outcome = await send(record.kind, record.id, await decrypt(record));
    } catch {
      outcome = 'retry';
    }
    if (outcome === 'retry') {
      const attempts = record.attempts + 1;
      await db.put('outbox', { ...record, attempts, nextAttemptAt: Date.now() + backoffMs(attempts) });
      break;
    }
    await db.delete('outbox', record.id);
    if (outcome === 'done') sent++;
  }
  await refreshOutboxDepth();
  return sent;
}
