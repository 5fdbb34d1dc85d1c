import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { passwordHashingLoad } from '../../src/server/security.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

/** Issue 13, finding 5: account lockout, per-address limits, and scrypt kept from starving static files. */
describe.each(DATABASES)('staff login limits on %s', (kind) => {
  let hall: TestHall;
  let now = Date.parse('2026-12-08T09:00:00+08:00');
  let addresses = 0;
  /** Each test logs in from its own address, so one test's failures do not count against another's. */
  let address = '';

  beforeAll(async () => {
    hall = await openTestHall(kind);
  });
  afterAll(async () => hall?.dispose());
  beforeEach(() => {
    now += 60 * 60_000;
    hall.setNow(new Date(now).toISOString());
    address = `10.13.5.${++addresses}`;
  });

  const logIn = (username: string, password: string, from = address) =>
    hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', remoteAddress: from, payload: { username, password } });
  const auditRows = (action: string) => hall.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('at', '>=', now).orderBy('at').execute();

  it('locks an account after 5 wrong passwords, refuses even the right one, and unlocks after 15 minutes', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await logIn('agent01', `wrong-${attempt}`);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error).toMatchObject({ code: 'login-failed', details: { attemptsLeft: 5 - attempt } });
    }
    const fifth = await logIn('agent01', 'wrong-5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('account-locked');

    const right = await logIn('agent01', 'demo-agent-2026');
    expect(right.statusCode).toBe(423);
    expect(right.json().error).toMatchObject({ code: 'account-locked', details: { until: new Date(now + 15 * 60_000).toISOString() } });
    expect(right.headers['retry-after']).toBe(String(15 * 60));
    expect(right.headers['set-cookie']).toBeUndefined();

    hall.setNow(new Date(now + 14 * 60_000).toISOString());
    expect((await logIn('agent01', 'demo-agent-2026')).statusCode).toBe(423);
    hall.setNow(new Date(now + 15 * 60_000).toISOString());
    expect((await logIn('agent01', 'demo-agent-2026')).statusCode).toBe(200);

    const logins = await auditRows('staff.login');
    expect(logins.map((row) => [row.outcome, row.detail])).toEqual([
      ...Array.from({ length: 5 }, () => ['failure', 'wrong-password']),
      ['refused', 'account-locked'],
      ['refused', 'account-locked'],
      ['success', null],
    ]);
    expect(logins.every((row) => row.actor_name === 'agent01' && row.client_address === address)).toBe(true);
    const lockouts = await auditRows('staff.lockout');
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ actor_name: 'agent01', target: 'agent01', detail: 'too-many-failures' });
    // No column of the trail holds what was typed as a password.
    expect(JSON.stringify(await hall.ctx.db.selectFrom('audit_log').selectAll().execute())).not.toMatch(/wrong-\d|demo-agent-2026/);
  });

  it('answers an unknown username exactly as a known one, lockout included', async () => {
    const answers = async (username: string) => {
      const codes: string[] = [];
      for (let attempt = 1; attempt <= 6; attempt++) codes.push(((await logIn(username, 'guess')).json() as { error: { code: string } }).error.code);
      return codes;
    };
    expect(await answers('nobody-here')).toEqual(await answers('agent02'));
  });

  it('a right password clears the failures of its account', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) expect((await logIn('agent02', 'wrong')).statusCode).toBe(401);
    expect((await logIn('agent02', 'demo-agent-2026')).statusCode).toBe(200);
    expect((await logIn('agent02', 'wrong')).json().error.details).toEqual({ attemptsLeft: 4 });
    expect((await logIn('agent02', 'demo-agent-2026')).statusCode).toBe(200);
  });

  it('blocks an address after 20 failed logins for 15 minutes, whatever accounts it tries', async () => {
    for (let attempt = 1; attempt <= 20; attempt++) expect((await logIn(`guess-${attempt % 5}`, 'wrong')).statusCode).toBeGreaterThanOrEqual(401);
    const blocked = await logIn('admin', 'demo-admin-2026');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toMatchObject({ code: 'too-many-attempts', details: { until: new Date(now + 15 * 60_000).toISOString() } });
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60);
    // Another address, and the same account, are not affected.
    expect((await logIn('admin', 'demo-admin-2026', '10.13.99.1')).statusCode).toBe(200);
    expect(await auditRows('login.address-blocked')).toEqual([expect.objectContaining({ target: address, client_address: address })]);

    hall.setNow(new Date(now + 15 * 60_000).toISOString());
    expect((await logIn('admin', 'demo-admin-2026')).statusCode).toBe(200);
  });

  it('does not let successful logins wipe an address’s failures', async () => {
    for (let failure = 1; failure <= 19; failure++) {
      expect((await logIn(`someone-${failure}`, 'wrong')).statusCode).toBe(401);
      expect((await logIn('agent02', 'demo-agent-2026')).statusCode).toBe(200);
    }
    expect((await logIn('someone-20', 'wrong')).statusCode).toBe(401);
    expect((await logIn('agent02', 'demo-agent-2026')).statusCode).toBe(429);
  });

  it('keeps serving static files while 32 wrong logins wait for scrypt', async () => {
    let pending = 32;
    const logins = Array.from({ length: 32 }, (_, i) =>
      logIn(`parallel-${i}`, 'wrong', `10.14.0.${i + 1}`).then((response) => {
        pending--;
        return response;
      }),
    );
    // Several logins are waiting their turn for the hash before the page is asked for.
    await vi.waitFor(() => expect(passwordHashingLoad()).toBeGreaterThanOrEqual(8), { timeout: 10_000, interval: 1 });
    const page = await hall.app.inject('/index.html');
    expect(page.statusCode).toBe(200);
    expect(pending).toBeGreaterThan(0);

    const statuses = (await Promise.all(logins)).map((response) => response.statusCode);
    // Those past the bounded queue were answered at once with 503 login-busy; none was let in.
    expect(statuses.every((status) => status === 401 || status === 503)).toBe(true);
  });
});
