import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The terminal's IndexedDB. Plaintext only for what is not personal (configuration, admin
 * lockout, the device token, number leases); outbox payloads are stored encrypted.
 */
export interface KioskDbSchema extends DBSchema {
  settings: { key: SettingKey; value: unknown };
  /** Writes waiting for the server: AES-GCM ciphertext of their payload. */
  outbox: { key: string; value: OutboxRecord; indexes: { 'by-created': number } };
  /** Blocks of ticket numbers leased per queue category, for issuing while offline. */
  leases: { key: string; value: unknown };
  /**
   * Identity QR codes accepted on this terminal, by `${issuer}\n${jti}`, kept while the code could
   * still be presented, so it is accepted once. Never the code itself, its subject or its name.
   */
  seenCodes: { key: string; value: SeenCode };
}

export interface SeenCode {
  /** Seconds since the epoch: the code's exp plus the allowed clock skew. */
  expiresAt: number;
}

export interface OutboxRecord {
  id: string;
  kind: string;
  iv: Uint8Array;
  ciphertext: ArrayBuffer;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
}

export type SettingKey = 'config' | 'adminPinLock' | 'deviceToken' | 'terminalName' | 'outboxKey' | 'queueCategories' | 'identityProviders' | 'catalog';

export const KIOSK_DB_NAME = 'kiosk24';
const KIOSK_DB_VERSION = 3;

let opening: Promise<IDBPDatabase<KioskDbSchema>> | null = null;

export function openKioskDb(): Promise<IDBPDatabase<KioskDbSchema>> {
  opening ??= openDB<KioskDbSchema>(KIOSK_DB_NAME, KIOSK_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('settings');
      if (oldVersion < 2) {
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        db.createObjectStore('leases');
      }
      if (oldVersion < 3) db.createObjectStore('seenCodes');
    },
    // Another tab (an old version during an update) holds the database open: let it go.
    blocking() {
      void opening?.then((db) => db.close());
      opening = null;
    },
    terminated() {
      opening = null;
    },
  });
  return opening;
}

export async function readSetting(key: SettingKey): Promise<unknown> {
  try {
    return await (await openKioskDb()).get('settings', key);
  } catch {
    return undefined;
  }
}

export async function writeSetting(key: SettingKey, value: unknown): Promise<void> {
  try {
    await (await openKioskDb()).put('settings', value, key);
  } catch {
    // Storage full or unavailable: the terminal keeps working from memory.
  }
}
