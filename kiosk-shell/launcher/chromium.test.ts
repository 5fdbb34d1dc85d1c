import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { prepareProfile } from './profile.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-launch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const launch = (executable: string) => launchChromium({ executable, profileDir: join(dir, 'profile'), url: 'http://127.0.0.1:9/', startTimeoutMs: 5000 });

describe('starting Chromium', () => {
  it('refuses a kiosk URL with a fragment before starting anything: Chromium would write it to the profile', async () => {
    await expect(launchChromium({ executable: join(dir, 'no-such-chromium'), profileDir: join(dir, 'profile'), url: 'http://127.0.0.1:9/#bridge=ws%3A%2F%2F127.0.0.1%3A7801&token=x' }))
      .rejects.toThrow('the kiosk URL must carry no fragment; the bridge launch goes over the DevTools pipe');
    expect(await readdir(dir)).toEqual([]);
  });

  it('says which program could not be run', async () => {
    await expect(launch(join(dir, 'no-such-chromium'))).rejects.toThrow(`cannot run ${join(dir, 'no-such-chromium')} (ENOENT)`);
  });

  it('passes on the exit code and last error line of a Chromium that dies at start', async () => {
    const fake = join(dir, 'broken-chromium');
    await writeFile(fake, '#!/bin/sh\necho "error while loading shared libraries: libfoo.so.1" >&2\nexit 127\n');
    await chmod(fake, 0o755);
    await expect(launch(fake)).rejects.toThrow('Chromium exited with code 127: error while loading shared libraries: libfoo.so.1');
  });

  it('gives up on a program that never answers on the DevTools pipe, and ends it', async () => {
    const silent = join(dir, 'silent-chromium');
    await writeFile(silent, '#!/bin/sh\nexec sleep 30\n');
    await chmod(silent, 0o755);
    const started = Date.now();
    await expect(launchChromium({ executable: silent, profileDir: join(dir, 'profile'), url: 'http://127.0.0.1:9/', startTimeoutMs: 300 }))
      .rejects.toThrow(/Target.setDiscoverTargets: no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('the kiosk profile', () => {
  it('removes a lock a power cut left behind, whoever the pid now belongs to', async () => {
    await symlink(`${hostname()}-${process.pid}`, join(dir, 'SingletonLock'));
    await symlink('/tmp/nowhere/SingletonSocket', join(dir, 'SingletonSocket'));
    await writeFile(join(dir, 'Local State'), '{}');
    await prepareProfile(dir);
    expect(await readdir(dir)).toEqual(['Local State']);
  });

  it('ends a Chromium still running on the profile (an orphan of a killed shell) before removing its lock', async () => {
    const orphan = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', `--user-data-dir=${dir}`], { stdio: 'ignore' });
    const exited = new Promise((resolve) => orphan.once('exit', (_code, signal) => resolve(signal)));
    await new Promise((resolve) => orphan.once('spawn', resolve));
    await symlink(`${hostname()}-${orphan.pid}`, join(dir, 'SingletonLock'));
    const lines: string[] = [];
    await prepareProfile(dir, (line) => lines.push(line));
    expect(await exited).toBe('SIGKILL');
    expect(lines).toEqual([`browser: ending a Chromium left running on the kiosk profile (pid ${orphan.pid})`]);
    expect(await readdir(dir)).toEqual([]);
  });
});
