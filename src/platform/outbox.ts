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
export const OUTBOX_WRITE_MEASURE = 'kiosk24:outbox-write';

export async function enqueue(kind: string, id: string, payload: unknown): Promise<void> {
  const started = performance.now();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plaintext = new TextEncoder().encode(JSON.stringify(payload));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await outboxKey(), plaintext);
  // Ordering and backoff of stored entries outlive a reload: the PC's clock, which a reload does
  // not set back, unlike a clock pinned by KIOSK_NOW that starts again at its pin.
  const now = Date.now();
  const record: OutboxRecord = { id, kind, iv, ciphertext, createdAt: nextCreatedAt(now), attempts: 0, nextAttemptAt: now };
  const db = await openKioskDb();
  const tx = db.transaction('outbox', 'readwrite');
  if (!(await tx.store.get(id))) await tx.store.put(record);
  await tx.done;
  await refreshOutboxDepth();
  // For the bench and diagnostics: the cost of keeping one write safe on this terminal.
  performance.measure(OUTBOX_WRITE_MEASURE, { start: started, end: performance.now() });
}

let lastCreatedAt = 0;

/**
 * Enqueue order as the PC's clock in ms, never equal twice: entries written in the same
 * millisecond would otherwise come back by id, not oldest first. A reload takes longer than a
 * millisecond, so the order holds across reloads too.
 */
function nextCreatedAt(now: number): number {
  lastCreatedAt = Math.max(now, lastCreatedAt + 1);
  return lastCreatedAt;
}

async function decrypt(record: OutboxRecord): Promise<unknown> {
  const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv as BufferSource }, await outboxKey(), record.ciphertext);
  return JSON.parse(new TextDecoder().decode(plaintext));
}

/** What a sender says of one entry: acknowledged, try later, or refused for good. */
export type SendOutcome = 'done' | 'retry' | 'refused';
export type OutboxSender = (kind: string, id: string, payload: unknown) => Promise<SendOutcome>;
/**
 * Sends several entries of one kind in one request; answers each entry's outcome, or null when
 * the server could not be reached at all. An entry it says nothing of is tried again later.
 */
export type OutboxBatchSender = (entries: { id: string; payload: unknown }[]) => Promise<ReadonlyMap<string, SendOutcome> | null>;

const BASE_BACKOFF_MS = 2000;
const MAX_BACKOFF_MS = 5 * 60 * 1000;
/** A batch is one request: small enough to be answered within seconds, large enough that 5,000 queued cases drain in well under half a minute. */
export const MAX_BATCH_ENTRIES = 100;

/** Full jitter: fifty terminals coming back online together do not knock on the server in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempts));
}

interface DrainOptions {
  now?: number;
  /** The server is known to answer (a probe just said so): send everything, backoff or not. */
  serverBack?: boolean;
  /** Kinds sent in batches; the others one entry at a time. */
  batchSenders?: Partial<Record<string, OutboxBatchSender>>;
}

/**
 * Sends what is due, oldest first, in batches where a kind has a batch sender. An entry leaves
 * the outbox only when the server acknowledged it (or refused it for good); otherwise it waits
 * with a growing backoff. Once the server has answered anything in a pass, it is back: entries
 * still waiting out the backoff of the outage are sent too, in the same pass, so that the last of
 * them does not wait minutes after the network returned. Returns how many were acknowledged.
 */
export async function drainOutbox(send: OutboxSender, options: DrainOptions | number = {}): Promise<number> {
  const { now = Date.now(), batchSenders = {}, serverBack: knownBack = false } = typeof options === 'number' ? { now: options } : options;
  const db = await openKioskDb();
  const records = await db.getAllFromIndex('outbox', 'by-created');
  let serverBack = knownBack;
  let sent = 0;
  let index = 0;
  /** Entries sent in this pass: one the server asked to retry waits for the next pass. */
  const tried = new Set<string>();
  const due = (record: OutboxRecord) => !tried.has(record.id) && (serverBack || record.nextAttemptAt <= now);
  while (index < records.length) {
    const record = records[index]!;
    if (!due(record)) {
      index++;
      continue;
    }
    const batchSender = batchSenders[record.kind];
    const group = batchSender ? dueRun(records, index, due) : [record];
    for (const member of group) tried.add(member.id);
    const outcomes = batchSender ? await sendBatch(batchSender, group) : await sendOne(send, record);
    const settled = await settle(db, group, outcomes);
    sent += settled.done;
    if (settled.answered && !serverBack) {
      // The server is back: go over the entries skipped for their backoff as well.
      serverBack = true;
      index = 0;
      records.splice(0, records.length, ...(await db.getAllFromIndex('outbox', 'by-created')));
      continue;
    }
    if (!settled.answered) break;
    index += group.length;
  }
  await refreshOutboxDepth();
  return sent;
}

/** The entries from `start` on that are due and of the same kind, up to a batch. */
function dueRun(records: OutboxRecord[], start: number, due: (record: OutboxRecord) => boolean): OutboxRecord[] {
  const kind = records[start]!.kind;
  const run: OutboxRecord[] = [];
  for (let i = start; i < records.length && run.length < MAX_BATCH_ENTRIES; i++) {
    const record = records[i]!;
    if (record.kind !== kind || !due(record)) break;
    run.push(record);
  }
  return run;
}

async function sendOne(send: OutboxSender, record: OutboxRecord): Promise<Map<string, SendOutcome> | null> {
  try {
    const outcome = await send(record.kind, record.id, await decrypt(record));
    return outcome === 'retry' ? null : new Map([[record.id, outcome]]);
  } catch {
    return null;
  }
}

async function sendBatch(batchSender: OutboxBatchSender, group: OutboxRecord[]): Promise<ReadonlyMap<string, SendOutcome> | null> {
  try {
    const entries = await Promise.all(group.map(async (record) => ({ id: record.id, payload: await decrypt(record) })));
    return await batchSender(entries);
  } catch {
    return null;
  }
}

/** Removes what the server acknowledged or refused, in one transaction; backs off the rest. */
async function settle(db: Awaited<ReturnType<typeof openKioskDb>>, group: OutboxRecord[], outcomes: ReadonlyMap<string, SendOutcome> | null): Promise<{ done: number; answered: boolean }> {
  const tx = db.transaction('outbox', 'readwrite');
  let done = 0;
  for (const record of group) {
    const outcome = outcomes?.get(record.id) ?? 'retry';
    if (outcome === 'retry') {
      const attempts = record.attempts + 1;
      await tx.store.put({ ...record, attempts, nextAttemptAt: Date.now() + backoffMs(attempts) });
    } else {
      await tx.store.delete(record.id);
      if (outcome === 'done') done++;
    }
  }
  await tx.done;
  const answered = outcomes !== null && [...outcomes.values()].some((outcome) => outcome !== 'retry');
  return { done, answered };
}
