import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_PREFERENCES, mergePreferences, writeKioskPreferences } from './kiosk-prefs.ts';

describe('merging the kiosk preferences', () => {
  it('sets every kiosk preference and keeps whatever else Chromium stored, nested objects included', () => {
    const stored = {
      history: { saving_disabled: false, other: 1 },
      translate: 'not an object',
      profile: { name: 'Person 1' },
      credentials_enable_service: true,
    };
    expect(mergePreferences(stored, KIOSK_PREFERENCES)).toEqual({
      history: { saving_disabled: true, other: 1 },
      translate: { enabled: false },
      profile: { name: 'Person 1' },
      credentials_enable_service: false,
      autofill: { profile_enabled: false, credit_card_enabled: false },
      download_restrictions: 3,
    });
    expect(stored.history.saving_disabled).toBe(false);
  });

  it('starts from nothing when the stored preferences are not an object', () => {
    expect(mergePreferences([1, 2], { a: { b: true } })).toEqual({ a: { b: true } });
    expect(mergePreferences(null, { a: 1 })).toEqual({ a: 1 });
  });
});

describe('writing the kiosk preferences into the profile', () => {
  let profileDir: string;
  beforeEach(async () => {
    profileDir = await mkdtemp(join(tmpdir(), 'kiosk-prefs-'));
  });
  afterEach(async () => {
    await rm(profileDir, { recursive: true, force: true });
  });
  const file = () => join(profileDir, 'Default', 'Preferences');

  it('creates Default/Preferences, readable by the shell\'s user only, in a fresh profile', async () => {
    await writeKioskPreferences(profileDir);
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual(KIOSK_PREFERENCES);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect(await readdir(join(profileDir, 'Default'))).toEqual(['Preferences']);
  });

  it('merges into the preferences Chromium left', async () => {
    await mkdir(join(profileDir, 'Default'));
    await writeFile(file(), JSON.stringify({ history: { saving_disabled: false }, session: { restore_on_startup: 5 } }));
    await writeKioskPreferences(profileDir);
    const written = JSON.parse(await readFile(file(), 'utf8'));
    expect(written.history).toEqual({ saving_disabled: true });
    expect(written.session).toEqual({ restore_on_startup: 5 });
  });

  it('replaces an unreadable file and says so', async () => {
    await mkdir(join(profileDir, 'Default'));
    await writeFile(file(), '{"truncated by a power cu');
    const lines: string[] = [];
    await writeKioskPreferences(profileDir, (line) => lines.push(line));
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual(KIOSK_PREFERENCES);
    expect(lines).toEqual(["browser: the kiosk profile's Preferences were unreadable; writing the kiosk preferences afresh"]);
  });
});
