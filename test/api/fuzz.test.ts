import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { DATABASES, openTestHall, type TestHall } from './hall-fixture.ts';

/** Writes a malformed request must never make: every table a terminal call can add rows to. */
const WRITTEN = ['tickets', 'certificate_consents', 'certificate_copies', 'usage_log', 'identity_code_uses', 'number_leases', 'cases', 'case_events', 'case_counters'] as const;

const validConsent = () => ({
  clientId: randomUUID(),
  identity: { kind: 'card', idNumber: DEMO_PEOPLE.elder.idNumber, name: DEMO_PEOPLE.elder.name },
  purpose: { kind: 'own-view' },
});

/** A valid body with one part replaced by anything: the shapes a buggy or hostile client sends. */
const mutated = (valid: Record<string, unknown>) =>
  fc.tuple(fc.constantFrom(...Object.keys(valid)), fc.jsonValue()).map(([key, value]) => ({ ...valid, [key]: value }));

describe.each(DATABASES)('no request body crashes the hall server or changes anything (%s)', (kind) => {
  let hall: TestHall;
  let token: string;
  beforeAll(async () => {
    hall = await openTestHall(kind);
    hall.setNow('2026-11-24T10:00:00+08:00');
    token = await hall.enrollTerminal();
  });
  afterAll(async () => hall?.dispose());

  const counts = async () => Promise.all(WRITTEN.map(async (table) => Number((await hall.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));
  const post = (url: string, payload: unknown) =>
    hall.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  const runs = kind === 'sqlite' ? 150 : 40;
  const routes = ['/tickets', '/certificates/consents', '/certificates/list', '/certificates/view', '/certificates/copies', '/certificates/usage', '/tickets/offline', '/tickets/leases', '/terminals/heartbeat', '/terminals/enroll', '/certificates/consents/end', '/cases', '/cases/progress', '/cases/batch'];

  it('answers random JSON on every write route with a 4xx and a stable error code', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, body) => {
        const response = await post(route, body);
        expect(response.statusCode, `${route} ${JSON.stringify(body).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(typeof response.json().error.code).toBe('string');
      }),
      { numRuns: runs },
    );
    expect(await counts()).toEqual(before);
  });

  it('answers a consent with one part replaced by anything with a 4xx, and stores nothing', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(mutated(validConsent()), async (body) => {
        const response = await post('/certificates/consents', body);
        expect(response.statusCode, JSON.stringify(body).slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: runs },
    );
    expect(await counts()).toEqual(before);
  });

  it('answers text that is no JSON, and an oversized body, with a 4xx', async () => {
    for (const payload of ['{', 'null', '[]', '"text"', '\u0000', '{"clientId":', 'x'.repeat(70_000)]) {
      const response = await hall.app.inject({ method: 'POST', url: '/api/v1/certificates/consents', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
  });
});
