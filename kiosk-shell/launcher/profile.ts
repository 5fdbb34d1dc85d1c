/**
 * The kiosk's own Chromium profile directory, made ready before each start. Chromium marks a
 * profile in use with a `SingletonLock` symlink naming `host-pid`. After a power cut that link
 * survives, and once the pid belongs to another process after the reboot, Chromium refuses the
 * profile ("in use by another process") and the terminal stays dark. So: a lock held by a
 * Chromium that still runs on this profile (an orphan of a killed shell) ends that Chromium;
 * any other lock is stale and removed.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readlink, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

const LOCK_FILES = ['SingletonLock', 'SingletonSocket', 'SingletonCookie'];
const ORPHAN_EXIT_WAIT_MS = 3000;

export async function prepareProfile(dir: string, log: (line: string) => void = () => {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  const holder = await lockHolder(dir);
  if (holder !== null && isChromiumOnProfile(holder, dir)) {
    log(`browser: ending a Chromium left running on the kiosk profile (pid ${holder})`);
    await killAndWait(holder);
  }
  await Promise.all(LOCK_FILES.map((name) => rm(join(dir, name), { force: true })));
}

/** The pid in `SingletonLock` when it names this host; null without a lock or for another host. */
async function lockHolder(dir: string): Promise<number | null> {
  let target: string;
  try {
    target = await readlink(join(dir, 'SingletonLock'));
  } catch {
    return null;
  }
  const dash = target.lastIndexOf('-');
  const pid = Number(target.slice(dash + 1));
  return target.slice(0, dash) === hostname() && Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isChromiumOnProfile(pid: number, dir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.includes(`--user-data-dir=${dir}`);
  } catch {
    return false;
  }
}

async function killAndWait(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  const deadline = Date.now() + ORPHAN_EXIT_WAIT_MS;
  while (Date.now() < deadline && isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
