/**
 * PostgreSQL going away (a restart, a failover, a cut network) while a hall server runs on it:
 * the server must live through it, answer 503 meanwhile, and issue tickets again afterwards.
 * A real TCP proxy stands between the server and PostgreSQL, so the pool sees what it would
 * see in a hall: connections ended under it, then connections refused.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall, type Hall } from '../../src/server/hall.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';
import { fakeWebRoot, freshDatabase, POSTGRES_URL } from './hall-fixture.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

/** Longer than the pool's longest wait before it tries PostgreSQL again. */
const RECOVERY = { timeout: 20_000, interval: 100 };

describe('the hall server while PostgreSQL goes away and comes back', () => {
  let proxy: TcpProxy;
  let hall: Hall;
  let token: string;
  let cleanUp: () => Promise<void>;
  /** Anything that would have ended the process. */
  const fatal: unknown[] = [];
  const recordFatal = (error: unknown) => fatal.push(error);

  beforeEach(async () => {
    fatal.length = 0;
    process.on('uncaughtException', recordFatal);
    process.on('unhandledRejection', recordFatal);
    const database = await freshDatabase('postgres');
    const postgres = new URL(POSTGRES_URL);
    proxy = await startTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
    const viaProxy = new URL(database.url);
    viaProxy.port = String(proxy.port);
    const webRoot = fakeWebRoot();
    const secretsDir = mkdtempSync(join(tmpdir(), 'kiosk24-secrets-'));
    const env = { PORT: '0', KIOSK_NOW: '2026-11-24T10:00:00+08:00', KIOSK_SECRETS_FILE: join(secretsDir, 'secrets.json'), KIOSK_TICKET_BURST: '10000' };
    hall = await openHall({ config: readHallConfig(env), webRoot, databaseUrl: viaProxy.toString(), demo: true });
    const { code } = await createEnrollment(hall.ctx, 'terminal-1');
    token = ((await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code } })).json() as { token: string }).token;
    cleanUp = async () => {
      await hall.close();
      await proxy.close();
      await database.drop();
      rmSync(webRoot, { recursive: true, force: true });
      rmSync(secretsDir, { recursive: true, force: true });
    };
  });

  afterEach(async () => {
    proxy.refuse(false);
    await cleanUp();
    process.off('uncaughtException', recordFatal);
    process.off('unhandledRejection', recordFatal);
  });

  const take = (clientId: string) =>
    hall.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { authorization: `Bearer ${token}` }, payload: { clientId, category: 'household' } });
  const health = () => hall.app.inject('/api/v1/health');

  it('survives the idle connections dying, says 503 on /health while down, and 200 once back', async () => {
    // Several pooled connections, idle when PostgreSQL goes.
    expect((await Promise.all(Array.from({ length: 5 }, () => take(randomUUID())))).map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect((await health()).json()).toMatchObject({ status: 'ok', database: 'ok' });

    proxy.refuse(true);
    proxy.cut();
    const down = await health();
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: 'unavailable' });
    const refused = await take(randomUUID());
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ error: { code: 'database-unavailable' } });

    proxy.refuse(false);
    await vi.waitFor(async () => expect((await health()).statusCode).toBe(200), RECOVERY);
    expect((await take(randomUUID())).statusCode).toBe(200);
    expect(fatal).toEqual([]);
  });

  it('answers tickets cut off mid-issue with 503, never 500, and issues each of them exactly once after', async () => {
    await take(randomUUID());
    const clientIds = Array.from({ length: 20 }, () => randomUUID());
    const inFlight = Promise.all(clientIds.map((clientId) => take(clientId)));
    // Cut while the requests are on their way to PostgreSQL.
    setImmediate(() => {
      proxy.refuse(true);
      proxy.cut();
    });
    const answers = await inFlight;
    for (const answer of answers) expect([200, 503], answer.body).toContain(answer.statusCode);
    const failed = answers.flatMap((answer, index) => (answer.statusCode === 503 ? [clientIds[index]!] : []));
    for (const answer of answers.filter((a) => a.statusCode === 503)) expect(answer.json()).toMatchObject({ error: { code: 'database-unavailable' } });
    expect((await take(randomUUID())).statusCode).toBe(503);

    proxy.refuse(false);
    // The terminals' outboxes send again what was refused.
    await vi.waitFor(async () => expect((await take(failed[0] ?? clientIds[0]!)).statusCode).toBe(200), RECOVERY);
    const retried = await Promise.all(clientIds.map((clientId) => take(clientId)));
    expect(retried.map((r) => r.statusCode)).toEqual(clientIds.map(() => 200));
    const numbers = retried.map((r) => (r.json() as { ticket: { number: string } }).ticket.number);
    expect(new Set(numbers).size).toBe(clientIds.length);
    const stored = await hall.ctx.db.selectFrom('tickets').select('client_id').where('client_id', 'in', clientIds).execute();
    expect(stored).toHaveLength(clientIds.length);
    expect(fatal).toEqual([]);
  });
});
