import { describe, expect, it } from 'vitest';
import {
  PIN_LOCK_MS,
  hashPin,
  parsePinHash,
  stretchPinHash,
  terminalPinHash,
  pinLockStatus,
  recordPinFailure,
  unlockedPinState,
  verifyPin,
  type PinLockState,
} from './admin-pin.ts';

describe('admin PIN lockout', () => {
  it('locks for five minutes after the fifth wrong PIN', () => {
    let state: PinLockState = unlockedPinState;
    for (let i = 0; i < 4; i++) state = recordPinFailure(state, 1000);
    expect(pinLockStatus(state, 1000)).toEqual({ locked: false, attemptsLeft: 1 });
    state = recordPinFailure(state, 2000);
    expect(pinLockStatus(state, 2000)).toEqual({ locked: true, remainingMs: PIN_LOCK_MS });
    expect(pinLockStatus(state, 2000 + PIN_LOCK_MS - 1).locked).toBe(true);
  });

  it('ignores failures while locked and gives five fresh attempts after the lock', () => {
    let state: PinLockState = unlockedPinState;
    for (let i = 0; i < 5; i++) state = recordPinFailure(state, 0);
    expect(recordPinFailure(state, 10)).toBe(state);
    expect(pinLockStatus(state, PIN_LOCK_MS)).toEqual({ locked: false, attemptsLeft: 5 });
    state = recordPinFailure(state, PIN_LOCK_MS);
    expect(state).toEqual({ failures: 1, lockedUntil: null });
  });
});

describe('admin PIN hash', () => {
  it('verifies the PIN it was made from and nothing else', async () => {
    const stored = parsePinHash(await hashPin('246810', new Uint8Array(16).fill(7), 1000));
    expect(stored).not.toBeNull();
    expect(await verifyPin('246810', stored!)).toBe(true);
    expect(await verifyPin('246811', stored!)).toBe(false);
    expect(await verifyPin('', stored!)).toBe(false);
  });

  it('refuses hashes it cannot read', () => {
    expect(parsePinHash('')).toBeNull();
    expect(parsePinHash('md5$1000$AAAA$AAAA')).toBeNull();
    expect(parsePinHash('pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAA')).toBeNull();
    expect(parsePinHash('pbkdf2-sha256$100000$!!$AAAA')).toBeNull();
  });
});

describe('a terminal’s offline copy of the PIN hash', () => {
  it('checks the PIN through the whole chain, differs per terminal, and never holds the hall hash', async () => {
    const hallText = await hashPin('246810', new Uint8Array(16).fill(7), 1000);
    const hall = parsePinHash(hallText)!;
    const stretchSalt = new Uint8Array(16).fill(9);
    const stretch = { iterations: 2000, salt: stretchSalt, hash: await stretchPinHash(hall, stretchSalt, 2000) };
    const first = await terminalPinHash(hall, stretch, new Uint8Array(16).fill(1));
    const second = await terminalPinHash(hall, stretch, new Uint8Array(16).fill(2));
    expect(first).not.toBe(second);
    expect(first).not.toContain(hallText.split('$')[3]);
    expect(first).not.toContain(Buffer.from(stretch.hash).toString('base64'));
    for (const copy of [first, second]) {
      const stored = parsePinHash(copy);
      expect(stored?.offline?.iterations).toBe(2000);
      expect(await verifyPin('246810', stored!)).toBe(true);
      expect(await verifyPin('246811', stored!)).toBe(false);
    }
    expect(parsePinHash(first.replace(/\$[^$]+$/, '$AAAA'))).toBeNull();
  });
});
