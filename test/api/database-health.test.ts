/**
 * /api/v1/health reports whether the database can serve a terminal: a query AND a write. A hall
 * server whose every write fails (a full disk, a read-only file) must not say 200.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteConnection } from '../../src/server/db/connect.ts';
import { WRITE_PROBE_INTERVAL_MS } from '../../src/server/db/health.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

const NOW = '2026-11-24T10:00:00+08:00';

describe.each(DATABASES)('health of the hall database on %s', (kind) => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  const probeValue = async () => (await hall.ctx.db.selectFrom('hall_settings').select('value').where('key', '=', 'health_write_probe').executeTakeFirst())?.value;

  it('says ok when the database answers and takes a write, and writes at most once per interval', async () => {
    hall = await openTestHall(kind);
    hall.setNow(NOW);
    const response = await hall.app.inject('/api/v1/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'ok' });
    const written = await probeValue();
    expect(written).toBe(new Date(NOW).toISOString());

    hall.setNow(new Date(Date.parse(NOW) + WRITE_PROBE_INTERVAL_MS - 1).toISOString());
    expect((await hall.app.inject('/api/v1/health')).statusCode).toBe(200);
    expect(await probeValue()).toBe(written);

    hall.setNow(new Date(Date.parse(NOW) + WRITE_PROBE_INTERVAL_MS).toISOString());
    expect((await hall.app.inject('/api/v1/health')).statusCode).toBe(200);
    expect(await probeValue()).not.toBe(written);
  });

  it('documents both answers of /health in the OpenAPI file', async () => {
    hall = await openTestHall(kind);
    const document = (await hall.app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, { get: { responses: Record<string, unknown> } }> };
    expect(Object.keys(document.paths['/api/v1/health']!.get.responses).sort()).toEqual(['200', '503']);
  });
});

describe('health of the embedded SQLite database', () => {
  let hall: TestHall;
  afterEach(async () => hall?.dispose());

  async function open() {
    hall = await openTestHall('sqlite', { KIOSK_TICKET_BURST: '10000' });
    hall.setNow(NOW);
    const token = await hall.enrollTerminal();
    const take = (category: string) =>
      hall.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${token}` }, payload: { clientId: randomUUID(), category } });
    return { take, sqlite: sqliteConnection(hall.ctx.db)! };
  }

  it('answers 503 disk-full when SQLite has no room for a new page, and serves again when it has', async () => {
    const { take, sqlite } = await open();
    // As a full disk does: the database cannot grow by a single page.
    sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
    const health = await hall.app.inject('/api/v1/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', database: 'disk-full' });

    let refused = null;
    for (let attempt = 0; attempt < 200 && !refused; attempt++) {
      const answer = await take(['household', 'social-insurance', 'tax'][attempt % 3]!);
      if (answer.statusCode !== 200) refused = answer;
    }
    expect(refused?.statusCode).toBe(503);
    expect(refused?.json()).toMatchObject({ error: { code: 'database-disk-full' } });

    sqlite.pragma('max_page_count = 1073741823');
    expect((await take('household')).statusCode).toBe(200);
    expect((await hall.app.inject('/api/v1/health')).json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers 503 read-only when the database refuses writes', async () => {
    const { take, sqlite } = await open();
    sqlite.pragma('query_only = ON');
    const health = await hall.app.inject('/api/v1/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ database: 'read-only' });
    const refused = await take('household');
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ error: { code: 'database-read-only' } });
    sqlite.pragma('query_only = OFF');
  });
});
