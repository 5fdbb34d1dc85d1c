import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/core/audit-wire.ts';
import { ConfigError, readHallConfig } from '../../src/server/config.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

/** What app.inject's requests come from: Host localhost:80 over plain HTTP. */
const OWN_ORIGIN = 'http://localhost';

async function cookieOf(hall: TestHall, username: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', headers, payload: { username, password } });
  expect(login.statusCode).toBe(200);
  return String(login.headers['set-cookie']).split(';')[0]!;
}

/** Issue 13, finding 6: a page of another origin of the same site must not act with the staff cookie. */
describe.each(DATABASES)('staff cookie and cross-origin writes on %s', (kind) => {
  let hall: TestHall;
  let admin: string;
  beforeAll(async () => {
    hall = await openTestHall(kind);
    admin = await cookieOf(hall, 'admin', 'demo-admin-2026');
  });
  afterAll(async () => hall?.dispose());

  const revoke = (id: string, headers: Record<string, string>) => hall.app.inject({ method: 'POST', url: `/api/v1/admin/terminals/${id}/revoke`, headers: { cookie: admin, ...headers } });
  const revoked = async (id: string) => (await hall.ctx.db.selectFrom('terminals').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow()).revoked_at !== null;

  let terminals = 0;
  async function enrolledTerminal(): Promise<{ id: string; token: string }> {
    const name = `csrf-terminal-${++terminals}`;
    const token = await hall.enrollTerminal(name);
    const { id } = await hall.ctx.db.selectFrom('terminals').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return { id, token };
  }

  it('refuses a revocation posted from another origin of the same site, and changes nothing', async () => {
    const terminal = await enrolledTerminal();
    const attacks: Record<string, string>[] = [{ origin: 'http://localhost:8081' }, { origin: 'https://localhost' }, { origin: 'null' }, { referer: 'http://admin.localhost/evil' }, {}];
    for (const headers of attacks) {
      const response = await revoke(terminal.id, headers);
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(response.json().error.code).toBe('cross-origin-refused');
    }
    expect(await revoked(terminal.id)).toBe(false);
    const refusals = await hall.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'request.cross-origin').execute();
    expect(refusals.map((row) => row.detail)).toEqual(expect.arrayContaining(['http://localhost:8081', 'no-origin']));
    expect(refusals.every((row) => row.outcome === 'refused' && row.target === 'POST /api/v1/admin/terminals/:id/revoke')).toBe(true);
  });

  it('accepts the same revocation from the hall’s own origin (or, without Origin, its Referer) and audits it', async () => {
    const first = await enrolledTerminal();
    expect((await revoke(first.id, { origin: OWN_ORIGIN })).statusCode).toBe(200);
    expect(await revoked(first.id)).toBe(true);
    const second = await enrolledTerminal();
    expect((await revoke(second.id, { referer: `${OWN_ORIGIN}/admin/fleet` })).statusCode).toBe(200);

    const revocations = await hall.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'terminal.revoke').orderBy('at').execute();
    expect(revocations.map((row) => row.target)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(revocations.find((row) => row.target === first.id)).toMatchObject({ actor_kind: 'staff', actor_name: 'admin', outcome: 'success', client_address: '127.0.0.1' });
  });

  it('leaves terminal calls with a Bearer token and no cookie alone', async () => {
    const { token } = await enrolledTerminal();
    const ticket = await hall.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: { authorization: `Bearer ${token}`, origin: 'http://elsewhere.example' },
      payload: { clientId: crypto.randomUUID(), category: 'household' },
    });
    expect(ticket.statusCode).not.toBe(403);
  });

  it('refuses a login posted from another origin, but not one that names no origin (scripts, the CLI)', async () => {
    const login = (headers: Record<string, string>) => hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', headers, payload: { username: 'agent01', password: 'demo-agent-2026' } });
    expect((await login({ origin: 'http://localhost:9999' })).json().error.code).toBe('cross-origin-refused');
    expect((await login({ origin: OWN_ORIGIN })).statusCode).toBe(200);
    expect((await login({})).statusCode).toBe(200);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and not Secure over plain HTTP', async () => {
    const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'agent01', password: 'demo-agent-2026' } });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    // Without KIOSK_TRUST_PROXY a client cannot claim TLS.
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('keeps the audit trail for administrators, newest first, a page at a time', async () => {
    const agent = await cookieOf(hall, 'agent02', 'demo-agent-2026');
    expect((await hall.app.inject('/api/v1/admin/audit')).statusCode).toBe(401);
    expect((await hall.app.inject({ url: '/api/v1/admin/audit', headers: { cookie: agent } })).statusCode).toBe(403);

    const page = async (query: string) => {
      const response = await hall.app.inject({ url: `/api/v1/admin/audit${query}`, headers: { cookie: admin } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      return response.json() as AuditPage;
    };
    const first = await page('?limit=3');
    expect(first.entries).toHaveLength(3);
    expect(first.next).not.toBeNull();
    const second = await page(`?limit=3&before=${first.next}`);
    const everything = await page('?limit=200');
    expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual(everything.entries.slice(0, 6).map((entry) => entry.id));
    const times = everything.entries.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(everything.entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['staff.login', 'terminal.revoke', 'request.cross-origin']));
    expect((await hall.app.inject({ url: '/api/v1/admin/audit?before=garbage', headers: { cookie: admin } })).json().error.code).toBe('invalid-cursor');
  });

  it('records an administrator’s other writes and a staff member’s attempt at one', async () => {
    const agent = await cookieOf(hall, 'agent01', 'demo-agent-2026');
    const id = crypto.randomUUID();
    const resolve = (cookie: string) => hall.app.inject({ method: 'POST', url: `/api/v1/admin/rectifications/${id}/resolve`, headers: { cookie, origin: OWN_ORIGIN }, payload: { outcome: '已回访' } });
    expect((await resolve(admin)).statusCode).toBe(404);
    expect((await resolve(agent)).statusCode).toBe(403);
    const rows = await hall.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'rectification.resolve').where('target', '=', id).orderBy('at').execute();
    expect(rows.map((row) => [row.actor_name, row.outcome])).toEqual(expect.arrayContaining([['admin', 'failure']]));
    expect(rows.find((row) => row.actor_name === 'admin')?.detail).toMatch(/^[a-z-]+$/);
  });
});

describe.each(DATABASES)('behind a TLS proxy (KIOSK_TRUST_PROXY=on) on %s', (kind) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(kind, { KIOSK_TRUST_PROXY: 'on' });
  });
  afterAll(async () => hall?.dispose());

  const viaProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hall.example.gov.cn', 'x-forwarded-for': '203.0.113.9' };

  it('marks the session cookie Secure, checks the origin the browser saw, and audits the real client address', async () => {
    const login = await hall.app.inject({ method: 'POST', url: '/api/v1/staff/login', headers: { ...viaProxy, origin: 'https://hall.example.gov.cn' }, payload: { username: 'admin', password: 'demo-admin-2026' } });
    expect(login.statusCode).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; Secure/);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const logout = (origin: string) => hall.app.inject({ method: 'POST', url: '/api/v1/staff/logout', headers: { ...viaProxy, cookie, origin } });
    expect((await logout('http://hall.example.gov.cn')).statusCode).toBe(403);
    expect((await logout('https://hall.example.gov.cn')).statusCode).toBe(200);
    const entries = await hall.ctx.db.selectFrom('audit_log').selectAll().where('actor_name', '=', 'admin').execute();
    expect(entries.map((row) => row.action)).toEqual(expect.arrayContaining(['staff.login', 'staff.logout']));
    expect(entries.every((row) => row.client_address === '203.0.113.9')).toBe(true);
  });
});

describe('KIOSK_TRUST_PROXY and KIOSK_LOG_LEVEL', () => {
  it('trusts no proxy unless told, and takes on, off or a list of proxy addresses', () => {
    expect(readHallConfig({}).trustProxy).toBe(false);
    expect(readHallConfig({ KIOSK_TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(readHallConfig({ KIOSK_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(readHallConfig({ KIOSK_TRUST_PROXY: '10.0.0.2, 10.0.0.0/8,loopback' }).trustProxy).toEqual(['10.0.0.2', '10.0.0.0/8', 'loopback']);
    expect(() => readHallConfig({ KIOSK_TRUST_PROXY: 'yes please' })).toThrow(ConfigError);
  });

  it('logs at info unless told otherwise, and refuses a level pino does not know', () => {
    expect(readHallConfig({}).logLevel).toBe('info');
    expect(readHallConfig({ KIOSK_LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => readHallConfig({ KIOSK_LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
  });
});
