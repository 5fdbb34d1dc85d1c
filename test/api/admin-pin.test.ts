import { afterEach, describe, expect, it } from 'vitest';
import { OFFLINE_PIN_ITERATIONS, parsePinHash, verifyPin } from '../../src/core/admin-pin.ts';
import { DEMO_ADMIN_PIN_HASH } from '../../src/core/kiosk-config.ts';
import { stretchesMade } from '../../src/server/services/admin-pin.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

const DEMO_PIN = '246810';

describe.each(DATABASES)('the admin PIN on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => {
    await stretchesMade();
    await hall?.dispose();
  });

  const config = (token?: string) => hall.app.inject({ url: '/api/v1/kiosk/config', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const check = (token: string, pin: string) => hall.app.inject({ method: 'POST', url: '/api/v1/kiosk/admin-pin', headers: { authorization: `Bearer ${token}` }, payload: { pin } });

  it('gives each terminal its own stretched copy, never the hall’s fixed-salt hash', async () => {
    hall = await openTestHall(kind);
    const [first, second] = [await hall.enrollTerminal(), await hall.enrollTerminal()];
    expect((await config()).json().adminPinHash).toBeNull();
    // The stretch takes a few seconds: the config never waits for it (it carries the pinned clock too).
    expect((await config(first)).json().adminPinHash).toBeNull();
    await stretchesMade();
    const copies = [(await config(first)).json().adminPinHash as string, (await config(second)).json().adminPinHash as string];
    const hallHashPart = DEMO_ADMIN_PIN_HASH.split('$')[3]!;
    for (const copy of copies) {
      expect(copy).toMatch(/^pbkdf2-sha256-terminal\$/);
      expect(copy).not.toContain(hallHashPart);
      expect(parsePinHash(copy)?.offline?.iterations).toBe(OFFLINE_PIN_ITERATIONS);
    }
    const [a, b] = copies.map((copy) => parsePinHash(copy)!);
    expect(Buffer.from(a!.offline!.terminalSalt).equals(Buffer.from(b!.offline!.terminalSalt))).toBe(false);
    expect(copies[0]).not.toBe(copies[1]);
    // The same terminal gets the same copy each time; and it opens with the PIN, offline.
    expect((await config(first)).json().adminPinHash).toBe(copies[0]);
    expect(await verifyPin(DEMO_PIN, a!)).toBe(true);
  }, 120_000);

  it('checks the PIN on the server and locks the terminal after 5 wrong ones, for 5 minutes', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const [token, other] = [await hall.enrollTerminal(), await hall.enrollTerminal()];
    expect((await check(token, DEMO_PIN)).statusCode).toBe(200);
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push(await check(token, '000000'));
    expect(wrong.slice(0, 4).map((answer) => [answer.statusCode, answer.json().error.details.attemptsLeft])).toEqual([
      [403, 4],
      [403, 3],
      [403, 2],
      [403, 1],
    ]);
    expect(wrong[4]!.statusCode).toBe(423);
    const locked = await check(token, DEMO_PIN);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toMatchObject({ code: 'pin-locked', details: { retryAfterSeconds: 300 } });
    expect(locked.headers['retry-after']).toBe('300');
    // Another terminal is not locked out by this one.
    expect((await check(other, DEMO_PIN)).statusCode).toBe(200);
    hall.setNow('2026-11-24T10:05:00+08:00');
    expect((await check(token, DEMO_PIN)).statusCode).toBe(200);
    const trail = await hall.ctx.db.selectFrom('audit_log').select(['outcome', 'detail']).where('action', '=', 'terminal.admin-pin').execute();
    expect(trail.filter((entry) => entry.outcome === 'failure')).toHaveLength(5);
    expect(trail.filter((entry) => entry.outcome === 'refused')).toHaveLength(1);
    expect((await hall.app.inject({ method: 'POST', url: '/api/v1/kiosk/admin-pin', payload: { pin: DEMO_PIN } })).statusCode).toBe(401);
  });

  it('limits PIN checks per terminal in rate, whatever the PINs', async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    const token = await hall.enrollTerminal();
    // Right PINs reset the lockout; the rate still holds a script that alternates them.
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await check(token, i % 2 ? '000000' : DEMO_PIN)).statusCode);
    expect(statuses.slice(0, 10).every((status) => status !== 429)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
