import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * The terminal's IndexedDB. Only non-personal data is stored in plaintext here (configuration,
 * admin lockout); later stores that hold citizen data keep it encrypted.
 */
export interface KioskDbSchema extends DBSchema {
  settings: { key: SettingKey; value: unknown };
}

export type SettingKey = 'config' | 'adminPinLock';

export const KIOSK_DB_NAME = 'kiosk24';
const KIOSK_DB_VERSION = 1;

let opening: Promise<IDBPDatabase<KioskDbSchema>> | null = null;

export function openKioskDb(): Promise<IDBPDatabase<KioskDbSchema>> {
  opening ??= openDB<KioskDbSchema>(KIOSK_DB_NAME, KIOSK_DB_VERSION, {
    upgrade(db) {
      if (!db.objectStoreNames.contains('settings')) db.createObjectStore('settings');
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
