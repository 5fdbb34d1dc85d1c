import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openKioskDb } from '../../src/platform/db.ts';
import { backoffMs, drainOutbox, enqueue, outboxDepth } from '../../src/platform/outbox.ts';

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
