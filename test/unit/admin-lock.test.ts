import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashPin, parsePinHash, stretchPinHash, terminalPinHash } from '../../src/core/admin-pin.ts';
import { adminLockStatus, tryAdminPin } from '../../src/platform/admin-lock.ts';
import { writeSetting } from '../../src/platform/db.ts';

/** An offline copy as the hall makes it, with few iterations so the test is quick. */
async function offlineCopy(pin: string): Promise<string> {
  const hall = parsePinHash(await hashPin(pin, new Uint8Array(16).fill(3), 1000))!;
  const salt = new Uint8Array(16).fill(4);
  return terminalPinHash(hall, { iterations: 1000, salt, hash: await stretchPinHash(hall, salt, 1000) }, new Uint8Array(16).fill(5));
}

const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('admin PIN: the hall first, the offline copy only when it cannot be reached', () => {
  const calls: unknown[] = [];
  beforeEach(async () => {
    calls.length = 0;
    await writeSetting('adminPinLock', { failures: 0, lockedUntil: null });
  });
  afterEach(() => vi.unstubAllGlobals());

  const hallAnswers = (respond: (pin: string) => Response) =>
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const { pin } = JSON.parse(String(init.body)) as { pin: string };
      calls.push(pin);
      return respond(pin);
    });

  it('takes the hall’s word when it answers, and never checks offline after a wrong PIN there', async () => {
    hallAnswers((pin) => (pin === '135790' ? answer(200, { ok: true }) : answer(403, { error: { code: 'pin-wrong', details: { attemptsLeft: 3 } } })));
    // The offline copy would accept 246810: the hall, which knows better, refuses it.
    const copy = await offlineCopy('246810');
    expect(await tryAdminPin('246810', copy)).toEqual({ ok: false, error: { code: 'pin-wrong', attemptsLeft: 3 } });
    expect(await tryAdminPin('135790', copy)).toEqual({ ok: true });
    expect(calls).toEqual(['246810', '135790']);
  });

  it('keeps the hall’s lockout, also for the offline check that follows', async () => {
    hallAnswers(() => answer(423, { error: { code: 'pin-locked', details: { retryAfterSeconds: 300 } } }));
    const result = await tryAdminPin('246810', await offlineCopy('246810'));
    expect(result).toEqual({ ok: false, error: { code: 'pin-locked', remainingMs: 300_000 } });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect((await tryAdminPin('246810', await offlineCopy('246810'))).ok).toBe(false);
    expect((await adminLockStatus()).locked).toBe(true);
  });

  it('checks the terminal’s offline copy when the hall cannot be reached, with the lockout kept here', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const copy = await offlineCopy('246810');
    expect(await tryAdminPin('246810', copy)).toEqual({ ok: true });
    for (let i = 0; i < 4; i++) expect(await tryAdminPin('000000', copy)).toMatchObject({ ok: false, error: { code: 'pin-wrong' } });
    expect(await tryAdminPin('000000', copy)).toMatchObject({ ok: false, error: { code: 'pin-locked' } });
    expect((await adminLockStatus()).locked).toBe(true);
    expect((await tryAdminPin('246810', copy)).ok).toBe(false);
  });
});
