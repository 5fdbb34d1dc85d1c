import {
  parsePinHash,
  pinLockStatus,
  recordPinFailure,
  unlockedPinState,
  verifyPin,
  type PinLockState,
  type PinLockStatus,
} from '../core/admin-pin.ts';
import { clock } from './clock.ts';
import { readSetting, writeSetting } from './db.ts';

export type PinResult =
  | { ok: true }
  | { ok: false; error: { code: 'pin-wrong'; attemptsLeft: number } | { code: 'pin-locked'; remainingMs: number } };

function readLockState(value: unknown): PinLockState {
  if (typeof value !== 'object' || value === null) return unlockedPinState;
  const { failures, lockedUntil } = value as Partial<PinLockState>;
  return {
    failures: typeof failures === 'number' ? failures : 0,
    lockedUntil: typeof lockedUntil === 'number' ? lockedUntil : null,
  };
}

/** The lockout survives a reload: it is kept in IndexedDB, not in memory. */
export async function adminLockStatus(): Promise<PinLockStatus> {
  return pinLockStatus(readLockState(await readSetting('adminPinLock')), clock.now());
}

export async function tryAdminPin(pin: string, pinHash: string | null): Promise<PinResult> {
  const state = readLockState(await readSetting('adminPinLock'));
  const status = pinLockStatus(state, clock.now());
  if (status.locked) return { ok: false, error: { code: 'pin-locked', remainingMs: status.remainingMs } };
  const stored = pinHash ? parsePinHash(pinHash) : null;
  if (stored && (await verifyPin(pin, stored))) {
    await writeSetting('adminPinLock', unlockedPinState);
    return { ok: true };
  }
  const next = recordPinFailure(state, clock.now());
  await writeSetting('adminPinLock', next);
  const after = pinLockStatus(next, clock.now());
  return after.locked
    ? { ok: false, error: { code: 'pin-locked', remainingMs: after.remainingMs } }
    : { ok: false, error: { code: 'pin-wrong', attemptsLeft: after.attemptsLeft } };
}
