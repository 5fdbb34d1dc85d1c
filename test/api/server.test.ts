import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

describe.each(DATABASES)('hall server on %s', (kind) => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await openTestHall(kind);
  });
  afterAll(async () => hall?.dispose());

  it('documents every API route in the OpenAPI file', async () => {
    const doc = (await hall.app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = hall.app.apiRoutes.filter((r) => r !== 'GET /api/v1/openapi.json').map((r) => r.replace(/:(\w+)/g, '{$1}'));
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((route) => !documented.includes(route))).toEqual([]);
  });

  // PostgreSQL's autovacuum gathers them there; SQLite only when asked (src/server/db/statistics.ts).
  it.runIf(kind === 'sqlite')('gives SQLite’s query planner the statistics of the case and card tables at start', async () => {
    const analyzed = await sql<{ tbl: string }>`select distinct tbl from sqlite_stat1`.execute(hall.ctx.db);
    expect(analyzed.rows.map((row) => row.tbl)).toEqual(expect.arrayContaining(['cases', 'case_events', 'supervision_cards', 'certificates', 'usage_log']));
  });

  it('serves the catalog with an ETag and answers 304 when unchanged', async () => {
    const first = await hall.app.inject('/api/v1/catalog');
    expect(first.statusCode).toBe(200);
    const catalog = first.json() as { categories: unknown[]; items: unknown[] };
    expect(catalog.categories.length).toBe(8);
    expect(catalog.items.length).toBeGreaterThanOrEqual(30);
    const again = await hall.app.inject({ url: '/api/v1/catalog', headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('answers 304 to a weak validator, to a list holding the current tag, and to *', async () => {
    const etag = (await hall.app.inject('/api/v1/catalog')).headers.etag as string;
    const status = async (ifNoneMatch: string) => (await hall.app.inject({ url: '/api/v1/catalog', headers: { 'if-none-match': ifNoneMatch } })).statusCode;
    expect(await status(`W/${etag}`)).toBe(304);
    expect(await status(`"older", ${etag}`)).toBe(304);
    expect(await status(`W/"older",W/${etag}`)).toBe(304);
    expect(await status('*')).toBe(304);
    expect(await status('"older", W/"oldest"')).toBe(200);
    expect(await status(etag.replaceAll('"', ''))).toBe(200);
  });

  it('refuses calendar days that do not exist with a clear 400', async () => {
    for (const from of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '2026-00-10']) {
      const response = await hall.app.inject(`/api/v1/calendar?from=${from}`);
      expect(response.statusCode, from).toBe(400);
      expect(response.json().error, from).toMatchObject({ code: 'invalid-date', message: expect.stringContaining(from), details: { field: 'from' } });
    }
    expect((await hall.app.inject('/api/v1/calendar?from=2028-02-29&days=1')).json().days).toEqual([{ date: '2028-02-29', kind: 'workday' }]);
    expect((await hall.app.inject('/api/v1/calendar?from=9999-12-01&days=60')).statusCode).toBe(400);
  });

  it('serves the business calendar', async () => {
    const response = await hall.app.inject('/api/v1/calendar?from=2026-09-30&days=12');
    const days = (response.json() as { days: { date: string; kind: string }[] }).days;
    expect(days[0]).toEqual({ date: '2026-09-30', kind: 'workday' });
    expect(days.find((d) => d.date === '2026-10-10')?.kind).toBe('adjusted-workday');
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(7);
  });

  it('answers health and kiosk configuration', async () => {
    expect((await hall.app.inject('/api/v1/health')).json()).toMatchObject({ status: 'ok' });
    expect((await hall.app.inject('/api/v1/kiosk/config')).json()).toMatchObject({ idleSeconds: 60, voicePrompts: 'elder' });
  });

  it('refuses malformed, oversized and unknown-field requests with a clear JSON error', async () => {
    const token = await hall.enrollTerminal();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const count = async () => Number((await hall.ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const malformed = await hall.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: '{"clientId": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('bad-request');
    const unknownField = await hall.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: auth,
      payload: { clientId: '4f1c8a7e-3b7d-4c6f-9a2e-1d5b6c7e8f90', category: 'household', sneaky: true },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.code).toBe('invalid-request');
    const badUuid = await hall.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: auth, payload: { clientId: 'not-a-uuid', category: 'household' } });
    expect(badUuid.json().error.code).toBe('invalid-request');
    const oversized = await hall.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: auth,
      payload: JSON.stringify({ clientId: '4f1c8a7e-3b7d-4c6f-9a2e-1d5b6c7e8f90', category: 'x'.repeat(70_000) }),
    });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().error.code).toBe('body-too-large');
    expect(await count()).toBe(before);
  });

  it('refuses requests with random bodies without crashing or writing', async () => {
    const token = await hall.enrollTerminal();
    const shapes = [null, 1, 'x', [], {}, { clientId: 1 }, { category: {} }, { clientId: '', category: '' }, { idNumber: '1'.repeat(18) }];
    for (const [index, shape] of shapes.entries()) {
      for (const url of ['/api/v1/tickets', '/api/v1/tickets/leases', '/api/v1/tickets/offline', '/api/v1/terminals/heartbeat', '/api/v1/terminals/enroll', '/api/v1/staff/login']) {
        const response = await hall.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload: JSON.stringify(shape) });
        expect(response.statusCode, `${url} #${index}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${url} #${index}`).toBeLessThan(500);
        expect(response.json().error.code, `${url} #${index}`).toBeTypeOf('string');
      }
    }
  });

  it('sets security headers and refuses unknown resources with JSON', async () => {
    const page = await hall.app.inject('/');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const missing = await hall.app.inject({ method: 'POST', url: '/api/v1/nothing?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not-found', message: 'No such resource: POST /api/v1/nothing' } });
  });
});
