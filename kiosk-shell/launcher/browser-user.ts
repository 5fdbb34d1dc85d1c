/**
 * The OS user Chromium runs as. The device key (kiosk-shell/device) is readable by the shell's
 * user only; a browser running as that same user could read it like any file, and whoever copies
 * the browser's profile off the disk would take the key along. So on a terminal the shell starts
 * Chromium as a user of its own (`--browser-user`), which needs the right to switch users (root,
 * or CAP_SETUID and CAP_SETGID for the shell's service).
 */
import { execFileSync } from 'node:child_process';
import { chown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface BrowserUser {
  name: string;
  uid: number;
  gid: number;
}

/** The user's uid and gid from the system's user database (getent: local users, LDAP alike); null when unknown. */
export function lookUpUser(name: string): BrowserUser | null {
  try {
    const entry = execFileSync('getent', ['passwd', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const [, , uid, gid] = entry.split(':');
    const parsed = { uid: Number(uid), gid: Number(gid) };
    return Number.isInteger(parsed.uid) && Number.isInteger(parsed.gid) ? { name, ...parsed } : null;
  } catch {
    return null;
  }
}

/** Hands the profile to the browser's user: every file of it, which an earlier start as another user may have made. */
export async function giveProfileTo(dir: string, user: BrowserUser): Promise<void> {
  const walk = async (path: string): Promise<void> => {
    const stat = await lstat(path);
    if (stat.uid !== user.uid || stat.gid !== user.gid) await chown(path, user.uid, user.gid);
    if (stat.isDirectory()) for (const entry of await readdir(path)) await walk(join(path, entry));
  };
  await walk(dir);
}

/**
 * The user the options name for Chromium, checked: known to the system and not the shell's own.
 * Without one Chromium runs as the shell's user, which the log says every start (a demo on a
 * laptop does that; a terminal in a hall must not).
 */
export function browserUserOf(name: string | null, shellUid: number | undefined, log: (line: string) => void): { ok: true; user: BrowserUser | null } | { ok: false; error: string } {
  if (name === null) {
    log('browser: Chromium runs as the shell’s own user and could read the device key; give it a user of its own with --browser-user');
    return { ok: true, user: null };
  }
  const user = lookUpUser(name);
  if (!user) return { ok: false, error: `--browser-user: no user "${name}" on this system` };
  if (user.uid === shellUid) return { ok: false, error: `--browser-user: "${name}" is the shell's own user, who owns the device key; give Chromium another user` };
  return { ok: true, user };
}
