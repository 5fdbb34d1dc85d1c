/**
 * Preferences the shell writes into the kiosk profile before each Chromium start, merged into
 * what Chromium keeps there (`<profile>/Default/Preferences`). They are what an administrator
 * would set as policies, but the shell runs without root and cannot write
 * /etc/chromium/policies; the profile's own file needs no one. Written at every start, so a
 * value Chromium or anything else changed comes back.
 *
 * Names checked against Chromium's policy-to-pref mapping tests
 * (components/policy/test/data/pref_mapping/*.json).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

type PrefObject = { [key: string]: PrefValue };
type PrefValue = boolean | number | string | null | PrefValue[] | PrefObject;

/** DownloadPrefs::DownloadRestriction::ALL_FILES (chrome/browser/download/download_prefs.h). */
const BLOCK_ALL_DOWNLOADS = 3;

export const KIOSK_PREFERENCES: PrefObject = {
  // SavingBrowserHistoryDisabled: no History, hence no Top Sites or visited links, of what
  // citizens did at the terminal.
  history: { saving_disabled: true },
  // PasswordManagerEnabled: never offer to save the admin PIN or a citizen's login.
  credentials_enable_service: false,
  // AutofillAddressEnabled, AutofillCreditCardEnabled: typed names and phone numbers are
  // neither stored nor offered to the next citizen.
  autofill: { profile_enabled: false, credit_card_enabled: false },
  // DownloadRestrictions: the kiosk downloads nothing; a download would open a browser shelf.
  download_restrictions: BLOCK_ALL_DOWNLOADS,
  // TranslateEnabled: no translate bubble over the kiosk (the page has its own languages).
  translate: { enabled: false },
};

function isPrefObject(value: unknown): value is PrefObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with every leaf of `overrides` set, nested objects merged; neither argument changes. */
export function mergePreferences(base: unknown, overrides: PrefObject): PrefObject {
  const merged: PrefObject = isPrefObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(overrides)) {
    merged[key] = isPrefObject(value) ? mergePreferences(merged[key], value) : value;
  }
  return merged;
}

export async function writeKioskPreferences(profileDir: string, log: (line: string) => void = () => {}): Promise<void> {
  const dir = join(profileDir, 'Default');
  const file = join(dir, 'Preferences');
  let existing: unknown = {};
  try {
    existing = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    // Chromium itself starts over from defaults on a file it cannot read.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log('browser: the kiosk profile\'s Preferences were unreadable; writing the kiosk preferences afresh');
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Whole or not at all: a power cut mid-write must not leave Chromium a truncated file.
  const temporary = `${file}.kiosk-shell.tmp`;
  await writeFile(temporary, JSON.stringify(mergePreferences(existing, KIOSK_PREFERENCES)), { mode: 0o600 });
  await rename(temporary, file);
}
