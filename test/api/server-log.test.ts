import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { scrubLogLine } from '../../src/server/http/logging.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

const OWN_ORIGIN = 'http://localhost';
const CITIZEN = DEMO_PEOPLE.citizen;
const PASSWORD = 'Typed-Secret-9f3k';
const PHONE = '13912345678';

/** Issue 13, finding 13: the server logs what an operator needs, and nothing a citizen or a credential would regret. */
describe.each(DATABASES)('the hall server log on %s', (kind) => {
  let hall: TestHall;
  let app: FastifyInstance;
  const lines: string[] = [];
  const secrets: string[] = [CITIZEN.idNumber, CITIZEN.name, PASSWORD, PHONE];
  const log = () => lines.join('');

  beforeAll(async () => {
    hall = await openTestHall(kind);
    // A second server on the same hall, logging everything it would at debug into `lines`.
    app = await buildServer({ ctx: hall.ctx, webRoot: hall.webRoot, logger: { destination: { write: (line) => lines.push(line) }, level: 'debug' } });
    app.post('/api/v1/test/fault', async (request) => {
      // What a careless handler might log, and an error carrying a driver's view of the row.
      request.log.info({ body: request.body, headers: request.headers }, 'handler saw');
      throw new Error(`insert failed for ${CITIZEN.idNumber} (${PHONE}) with token ${String((request.body as { token: string }).token)}`);
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await hall?.dispose();
  });

  it('logs logins, refusals, revocations and 5xx by route pattern, without names, ID numbers, phones, tokens or passwords', async () => {
    const token = await hall.enrollTerminal('log-terminal');
    secrets.push(token);
    const bearer = { authorization: `Bearer ${token}` };

    expect((await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username: 'agent01', password: PASSWORD } })).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username: 'admin', password: 'demo-admin-2026' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    secrets.push(cookie.split('=')[1]!, 'demo-admin-2026');

    await app.inject({ method: 'POST', url: '/api/v1/certificates/consents', headers: bearer, payload: { clientId: randomUUID(), identity: { kind: 'card', idNumber: CITIZEN.idNumber, name: CITIZEN.name }, purpose: { kind: 'own-view' } } });
    await app.inject({ method: 'POST', url: '/api/v1/cases/progress', headers: bearer, payload: { caseNumber: '2026120800001', identity: { kind: 'id-number', idNumber: CITIZEN.idNumber } } });
    const track = (await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer, payload: { clientId: randomUUID(), category: 'household' } })).json() as { ticket?: { trackToken: string } };
    const trackToken = track.ticket?.trackToken ?? 'Zk3p9QwErTyUiOp4AsDfGhJkLzXcVbNm12';
    secrets.push(trackToken);
    // Pages and API routes with a token in the address (the fake web root has no pages: 404s, logged too).
    for (const url of [`/track/${trackToken}`, `/api/v1/tickets/track/${trackToken}`, `/evaluate/ticket/${trackToken}`, `/case/${trackToken}`, `/verify/${trackToken}`]) await app.inject(url);

    const terminal = await hall.ctx.db.selectFrom('terminals').select('id').where('name', '=', 'log-terminal').executeTakeFirstOrThrow();
    expect((await app.inject({ method: 'POST', url: `/api/v1/admin/terminals/${terminal.id}/revoke`, headers: { cookie, origin: OWN_ORIGIN } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/v1/admin/terminals/${terminal.id}/revoke`, headers: { cookie, origin: 'http://localhost:1234' } })).statusCode).toBe(403);
    const fault = await app.inject({ method: 'POST', url: '/api/v1/test/fault', headers: { ...bearer, cookie, origin: OWN_ORIGIN, 'x-phone': PHONE }, payload: { token, idNumber: CITIZEN.idNumber, name: CITIZEN.name, password: PASSWORD } });
    expect(fault.statusCode).toBe(500);

    const events = lines.map((line) => JSON.parse(line) as { event?: string; route?: string; code?: string; username?: string; outcome?: string });
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'staff.login', username: 'agent01', outcome: 'login-failed' }),
        expect.objectContaining({ event: 'staff.login', username: 'admin', outcome: 'success' }),
        expect.objectContaining({ event: 'terminal.revoke' }),
        expect.objectContaining({ event: 'request.cross-origin' }),
        expect.objectContaining({ event: 'request.refused', route: '/api/v1/staff/login', code: 'login-failed' }),
        expect.objectContaining({ event: 'request.failed', route: '/api/v1/test/fault', status: 500 }),
        expect.objectContaining({ route: '/api/v1/tickets/track/:token' }),
      ]),
    );
    for (const secret of secrets) expect(log(), `the log holds ${secret}`).not.toContain(secret);
    // Not even the masked-off middle of the ID number, only its ends.
    expect(log()).not.toContain(CITIZEN.idNumber.slice(4, 14));
  });

  it('masks whatever an ID number, a phone number or a token looks like in a finished line', () => {
    const line = scrubLogLine(`{"msg":"id ${CITIZEN.idNumber} phone ${PHONE} token 8kJ2m0QpLx7VtR4sWz9YbN3cHd6FgA1e","id":"4f1c8a7e-3b7d-4c6f-9a2e-1d5b6c7e8f90","code":"purpose-needs-no-certificate"}`);
    expect(line).not.toContain(CITIZEN.idNumber);
    expect(line).toContain(`${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`);
    expect(line).toContain('token [token]');
    // Record ids and error codes stay readable.
    expect(line).toContain('4f1c8a7e-3b7d-4c6f-9a2e-1d5b6c7e8f90');
    expect(line).toContain('purpose-needs-no-certificate');
  });
});
