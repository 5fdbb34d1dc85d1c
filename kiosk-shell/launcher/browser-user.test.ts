import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceStore } from '../device/device-store.ts';
import { browserUserOf, lookUpUser } from './browser-user.ts';
import { launchChromium } from './chromium.ts';

const isRoot = process.getuid?.() === 0;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-browser-user-'));
  // Other users may pass through to their own profile below; the shell's state keeps them out itself.
  await chmod(dir, 0o755);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the browser’s own OS user', () => {
  it('says at every start that a browser of the shell’s own user could read the device key', () => {
    const lines: string[] = [];
    expect(browserUserOf(null, 1000, (line) => lines.push(line))).toEqual({ ok: true, user: null });
    expect(lines).toEqual(['browser: Chromium runs as the shell’s own user and could read the device key; give it a user of its own with --browser-user']);
  });

  it('refuses a user the system does not know, and the shell’s own user', () => {
    expect(browserUserOf('no-such-kiosk-user', 0, () => {})).toEqual({ ok: false, error: '--browser-user: no user "no-such-kiosk-user" on this system' });
    const root = lookUpUser('root')!;
    expect(root).toEqual({ name: 'root', uid: 0, gid: 0 });
    expect(browserUserOf('root', 0, () => {})).toMatchObject({ ok: false, error: expect.stringContaining('is the shell\'s own user') });
  });

  it.runIf(isRoot)('starts Chromium as that user, with its profile handed over and no way into the device key', async () => {
    const nobody = lookUpUser('nobody')!;
    const store = new DeviceStore(join(dir, 'state'));
    store.commitEnrollment(store.newPendingKey(), { server: 'http://127.0.0.1:8080', terminalId: '0f8e2d4c-1b3a-4c5d-9e7f-123456789abc', name: 'k1', keyId: 'x', enrolledAt: '2026-11-24T02:00:00.000Z' });
    // A stand-in for Chromium that tells who it runs as and what it could read, then dies.
    const fake = join(dir, 'fake-chromium');
    const profile = join(dir, 'profile');
    await writeFile(fake, `#!/bin/sh\nid -u > "${profile}/uid"\ncat "${dir}/state/device-key.json" > "${profile}/stolen" 2>/dev/null || echo refused > "${profile}/stolen"\nexit 3\n`);
    await chmod(fake, 0o755);
    await expect(launchChromium({ executable: fake, profileDir: profile, url: 'http://127.0.0.1:9/', startTimeoutMs: 5000, user: nobody })).rejects.toThrow(/exited with code 3/);
    expect((await readFile(join(profile, 'uid'), 'utf8')).trim()).toBe(String(nobody.uid));
    expect((await readFile(join(profile, 'stolen'), 'utf8')).trim()).toBe('refused');
    expect((await stat(profile)).uid).toBe(nobody.uid);
    expect((await stat(join(profile, 'Default', 'Preferences'))).uid).toBe(nobody.uid);
  });
});
