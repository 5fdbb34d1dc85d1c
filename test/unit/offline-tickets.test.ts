import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NumberLease } from '../../src/core/number-lease.ts';
import { pinClock } from '../../src/platform/clock.ts';
import { openKioskDb } from '../../src/platform/db.ts';
import { drainOutbox } from '../../src/platform/outbox.ts';
import { sendOfflineTicket, takeTicket } from '../../src/platform/tickets.ts';

const lease: NumberLease = {
  id: 'lease-h',
  category: 'general',
  prefix: 'H',
  serviceDate: '2026-11-24',
  session: { id: 'morning', start: '09:00', end: '12:00' },
  firstSeq: 5003,
  lastSeq: 5012,
  expiresAt: '2026-11-24T04:00:00.000Z',
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Every outbox entry as the sender would get it, leaving them in place. */
async function outboxPayloads(): Promise<unknown[]> {
  const payloads: unknown[] = [];
  await drainOutbox(async (_kind, _id, payload) => (payloads.push(payload), 'retry'), Number.MAX_SAFE_INTEGER);
  return payloads;
}

describe('a ticket issued offline after the online attempt timed out', () => {
  beforeEach(async () => {
    pinClock('2026-11-24T10:00:00+08:00');
    const db = await openKioskDb();
    await db.clear('outbox');
    await db.put('leases', { lease, nextSeq: 5003 }, 'general');
  });
  afterEach(() => {
    pinClock(null);
    vi.unstubAllGlobals();
  });

  it('is reported under the clientId of the attempt, with the number the citizen holds', async () => {
    const sent: Record<string, unknown>[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      // The server may well have committed the ticket: the answer just never arrived in time.
      throw new DOMException('The operation timed out.', 'TimeoutError');
    });
    const outcome = await takeTicket({ category: 'general' });
    expect(outcome).toMatchObject({ ok: true, ticket: { number: 'H5003', offline: true, trackUrl: null } });
    const [entry] = (await outboxPayloads()) as Record<string, unknown>[];
    expect(entry).toMatchObject({ clientId: sent[0]!.clientId, leaseId: 'lease-h', seq: 5003, priority: null, number: 'H5003' });
    expect(String(entry!.issuedAt)).toMatch(/^2026-11-24T02:00:0/);
  });

  it('counts as delivered only when the server queued that very number', async () => {
    const bodies: unknown[] = [];
    let answer = 'H5003';
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return json(200, { repeated: true, ticket: { number: answer } });
    });
    const entry = { clientId: crypto.randomUUID(), leaseId: 'lease-h', seq: 5003, issuedAt: '2026-11-24T02:00:00.000Z', priority: null, number: 'H5003' };
    expect(await sendOfflineTicket(entry)).toBe('done');
    // The server's schema takes the report alone: the printed number stays on the terminal.
    expect(bodies[0]).not.toHaveProperty('number');
    answer = 'H002';
    expect(await sendOfflineTicket(entry)).toBe('mismatch');
  });
});
