import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openKioskDb } from '../../src/platform/db.ts';
import { backoffMs, drainOutbox, enqueue, outboxDepth, refreshOutboxDepth } from '../../src/platform/outbox.ts';

describe('encrypted outbox', () => {
  it('keeps entries encrypted at rest, once per client id', async () => {
    await enqueue('offline-ticket', 'id-1', { marker: 'PAYLOAD-MARKER-1' });
    await enqueue('offline-ticket', 'id-1', { marker: 'PAYLOAD-MARKER-1' });
    expect(outboxDepth.value).toBe(1);
    const stored = await (await openKioskDb()).get('outbox', 'id-1');
    const raw = new TextDecoder().decode(new Uint8Array(stored!.ciphertext));
    expect(raw).not.toContain('PAYLOAD-MARKER-1');
    const key = await (await openKioskDb()).get('settings', 'outboxKey');
    expect((key as CryptoKey).extractable).toBe(false);
  });

  it('removes an entry only when the server acknowledged it, in order, and backs off on failure', async () => {
    await enqueue('offline-ticket', 'id-2', { n: 2 });
    await enqueue('offline-ticket', 'id-3', { n: 3 });
    const seen: unknown[] = [];
    expect(await drainOutbox(async () => 'retry')).toBe(0);
    expect(outboxDepth.value).toBe(3);
    const later = Date.now() + 10 * 60 * 1000;
    expect(await drainOutbox(async (_kind, _id, payload) => (seen.push(payload), 'done'), later)).toBe(3);
    expect(seen).toEqual([{ marker: 'PAYLOAD-MARKER-1' }, { n: 2 }, { n: 3 }]);
    expect(outboxDepth.value).toBe(0);
  });

  it('waits with full jitter, growing to at most five minutes', () => {
    expect(backoffMs(1, () => 1)).toBe(4000);
    expect(backoffMs(3, () => 0.5)).toBe(8000);
    expect(backoffMs(30, () => 1)).toBe(300_000);
    expect(backoffMs(5, () => 0)).toBe(0);
  });
});

describe('draining after an outage', () => {
  it('sends a kind with a batch sender in batches of at most a hundred, oldest first, and keeps what the server did not answer', async () => {
    for (let i = 0; i < 230; i++) await enqueue('case', `case-${String(i).padStart(3, '0')}`, { i });
    const batches: number[][] = [];
    const sent = await drainOutbox(async () => 'retry', {
      now: Date.now() + 60_000,
      batchSenders: {
        case: async (entries) => {
          batches.push(entries.map((entry) => (entry.payload as { i: number }).i));
          // The server answers all but the last entry of each batch.
          return new Map(entries.slice(0, -1).map((entry) => [entry.id, 'done' as const]));
        },
      },
    });
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 30]);
    expect(batches.flat()).toEqual(Array.from({ length: 230 }, (_, i) => i));
    expect(sent).toBe(227);
    expect(await refreshOutboxDepth()).toBe(3);
    expect(await drainOutbox(async () => 'retry', { now: Date.now() + 3_600_000, batchSenders: { case: async (entries) => new Map(entries.map((entry) => [entry.id, 'done' as const])) } })).toBe(3);
  });

  it('once the server answers, also sends the entries still waiting out their backoff', async () => {
    await enqueue('evaluation', 'old-1', { n: 1 });
    await enqueue('evaluation', 'old-2', { n: 2 });
    // The outage: a pass stops at the first unanswered entry, so only old-1 was tried, twice,
    // and waits out the longest jitter.
    const random = vi.spyOn(Math, 'random').mockReturnValue(1);
    try {
      expect(await drainOutbox(async () => 'retry')).toBe(0);
      await drainOutbox(async () => 'retry', { now: Date.now() + 10 * 60_000 });
    } finally {
      random.mockRestore();
    }
    await enqueue('evaluation', 'new-3', { n: 3 });
    const seen: unknown[] = [];
    expect(await drainOutbox(async (_kind, _id, payload) => (seen.push(payload), 'done'))).toBe(3);
    // The first due entry (old-2) finds the server back; then the rest go, oldest first.
    expect(seen).toEqual([{ n: 2 }, { n: 1 }, { n: 3 }]);
  });

  it('keeps entries written in the same millisecond in the order they were written', async () => {
    const ids = ['z-first', 'm-second', 'a-third'];
    for (const id of ids) await enqueue('evaluation', id, { id });
    const seen: unknown[] = [];
    await drainOutbox(async (_kind, id) => (seen.push(id), 'done'));
    expect(seen).toEqual(ids);
  });

  it('sends everything at once when the server is known to be back', async () => {
    await enqueue('evaluation', 'late-1', { n: 1 });
    await drainOutbox(async () => 'retry');
    expect(await drainOutbox(async () => 'done', { serverBack: true })).toBe(1);
  });
});
