/**
 * The hidden admin entry's PIN check. The hall server checks it whenever it answers, with a
 * lockout per terminal of its own (POST /kiosk/admin-pin); only when the hall cannot be reached
 * (or no longer knows this terminal, which a technician may be about to re-enroll) does the
 * terminal check it itself, against its offline copy of the hash from the config, with the same
 * lockout kept here. A refusal to check (429) is a lockout, never a reason to check offline.
 */
import {
  parsePinHash,
  PIN_LOCK_MS,
  pinLockStatus,
  recordPinFailure,
  unlockedPinState,
  verifyPin,
  type PinLockState,
  type PinLockStatus,
} from '../core/admin-pin.ts';
import { clock } from './clock.ts';
import { readSetting, writeSetting } from './db.ts';
import { callHall, type ApiError } from './hall-api.ts';

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

const detail = (error: ApiError, key: string): number | null => {
  const value = error.details?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

/** The hall's answer to a wrong or locked PIN; null when it gave none (then the terminal checks it itself). */
function hallRefusal(error: ApiError): PinResult | null {
  if (error.code === 'pin-wrong') return { ok: false, error: { code: 'pin-wrong', attemptsLeft: detail(error, 'attemptsLeft') ?? 0 } };
  if (error.code === 'pin-locked' || error.status === 429) {
    const seconds = detail(error, 'retryAfterSeconds');
    return { ok: false, error: { code: 'pin-locked', remainingMs: seconds === null ? PIN_LOCK_MS : seconds * 1000 } };
  }
  // Unreachable, an unknown terminal, or an answer this version does not know: the PIN is checked here.
  return null;
}

/** Checked by the hall; its lockout is mirrored here so that the terminal shows it offline too. */
async function checkOnHall(pin: string): Promise<PinResult | null> {
  const answer = await callHall<{ ok: true }>('POST', '/kiosk/admin-pin', { pin });
  const result = answer.ok ? ({ ok: true } as const) : hallRefusal(answer.error);
  if (result?.ok) await writeSetting('adminPinLock', unlockedPinState);
  else if (result?.error.code === 'pin-locked') await writeSetting('adminPinLock', { failures: 0, lockedUntil: clock.now() + result.error.remainingMs });
  return result;
}

/** Checked here, against this terminal's offline copy of the hash, with the lockout kept here. */
async function checkOffline(pin: string, pinHash: string | null): Promise<PinResult> {
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

export async function tryAdminPin(pin: string, pinHash: string | null): Promise<PinResult> {
  const local = await adminLockStatus();
  // A lock the hall set (or the terminal, offline) holds until it ends, whichever path checks.
  if (local.locked) return { ok: false, error: { code: 'pin-locked', remainingMs: local.remainingMs } };
  return (await checkOnHall(pin)) ?? checkOffline(pin, pinHash);
}
