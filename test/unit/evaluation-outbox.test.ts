import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TerminalEvaluation } from '../../src/core/evaluation-wire.ts';
import { openKioskDb } from '../../src/platform/db.ts';
import { EVALUATION_KIND, lookupEvaluation, sendQueuedEvaluation, submitEvaluation } from '../../src/platform/evaluations.ts';
import { drainOutbox, enqueue } from '../../src/platform/outbox.ts';
import { OFFLINE_TICKET_KIND } from '../../src/platform/tickets.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const ticketClientId = '6f1c8a7e-3b7d-4c6f-9a2e-1d5b6c7e8f90';
const rating = (): TerminalEvaluation => ({ clientId: crypto.randomUUID(), subject: { kind: 'ticket', clientId: ticketClientId }, level: 1, reason: 'repeat-visits' });

/** Every outbox entry as the sender would get it, leaving them in place. */
async function outboxEntries(): Promise<{ kind: string; id: string; payload: unknown }[]> {
  const entries: { kind: string; id: string; payload: unknown }[] = [];
  await drainOutbox(async (kind, id, payload) => (entries.push({ kind, id, payload }), 'retry'), Number.MAX_SAFE_INTEGER);
  return entries;
}

describe('evaluations at the terminal and the outbox', () => {
  beforeEach(async () => {
    await (await openKioskDb()).clear('outbox');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('queues an evaluation, encrypted under its clientId, when the hall server cannot be reached', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const evaluation = rating();
    expect(await submitEvaluation(evaluation)).toEqual({ ok: true, evaluation: null, queued: true });
    expect(await outboxEntries()).toEqual([{ kind: EVALUATION_KIND, id: evaluation.clientId, payload: evaluation }]);
    const stored = await (await openKioskDb()).get('outbox', evaluation.clientId);
    expect(new TextDecoder().decode(new Uint8Array(stored!.ciphertext))).not.toContain('repeat-visits');
  });

  it('queues it behind the offline ticket it rates, which the server has not received yet', async () => {
    await enqueue(OFFLINE_TICKET_KIND, ticketClientId, { clientId: ticketClientId });
    vi.stubGlobal('fetch', async () => json(404, { error: { code: 'unknown-subject', message: 'No ticket' } }));
    expect(await lookupEvaluation({ kind: 'ticket', clientId: ticketClientId })).toEqual({ ok: true, status: null, pending: true });
    const evaluation = rating();
    expect(await submitEvaluation(evaluation)).toMatchObject({ ok: true, queued: true });
    const queued = await (await openKioskDb()).getAllFromIndex('outbox', 'by-created');
    expect(queued.map((entry) => entry.kind).sort()).toEqual([EVALUATION_KIND, OFFLINE_TICKET_KIND].sort());
    // Still unknown while the ticket waits: try again later rather than drop it.
    expect(await sendQueuedEvaluation(evaluation)).toBe('retry');
  });

  it('tells a refusal apart from a failure to reach the server', async () => {
    const evaluation = rating();
    const answer = vi.fn<() => Response>();
    vi.stubGlobal('fetch', async () => answer());
    answer.mockReturnValue(json(409, { error: { code: 'already-evaluated', message: 'once', details: { evaluation: { level: 5 } } } }));
    expect(await submitEvaluation(evaluation)).toMatchObject({ ok: false, error: { code: 'already-evaluated', status: 409, details: { evaluation: { level: 5 } } } });
    expect(await outboxEntries()).toEqual([]);

    answer.mockReturnValue(json(200, { evaluation: { level: 1 }, repeated: true }));
    expect(await sendQueuedEvaluation(evaluation)).toBe('done');
    answer.mockReturnValue(json(503, { error: { code: 'internal', message: 'down' } }));
    expect(await sendQueuedEvaluation(evaluation)).toBe('retry');
    answer.mockReturnValue(json(409, { error: { code: 'already-evaluated', message: 'once' } }));
    expect(await sendQueuedEvaluation(evaluation)).toBe('refused');
    // The ticket is not in the outbox: the server will never know it, so nothing is left to retry.
    answer.mockReturnValue(json(404, { error: { code: 'unknown-subject', message: 'No ticket' } }));
    expect(await sendQueuedEvaluation(evaluation)).toBe('refused');
  });
});
