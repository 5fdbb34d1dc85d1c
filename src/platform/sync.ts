import { deviceStates } from './bridge-launch.ts';
import { CASE_KIND, sendQueuedCase } from './cases.ts';
import { clock, monotonic } from './clock.ts';
import { EVALUATION_KIND, sendQueuedEvaluation } from './evaluations.ts';
import { deviceToken, callHall } from './hall-api.ts';
import { refreshLeases } from './leases.ts';
import { drainOutbox, outboxDepth, refreshOutboxDepth, type OutboxSender } from './outbox.ts';
import { loadQueue } from './queue.ts';
import { OFFLINE_TICKET_KIND, sendOfflineTicket } from './tickets.ts';

/** Often enough that a reconnect is noticed within seconds, cheap enough for a quiet night. */
const SYNC_INTERVAL_MS = 10_000;
/** The fleet page flags a terminal after two minutes of silence; beat well inside that. */
const HEARTBEAT_INTERVAL_MS = 60_000;

const senders: Record<string, (payload: unknown) => Promise<'done' | 'retry' | 'refused'>> = {
  [OFFLINE_TICKET_KIND]: async (payload) => {
    const outcome = await sendOfflineTicket(payload);
    if (outcome !== 'mismatch') return outcome;
    // The fleet page shows it with the next heartbeat: a citizen may hold a number nobody calls.
    noteError('offline-ticket-mismatch');
    return 'done';
  },
  [EVALUATION_KIND]: sendQueuedEvaluation,
  [CASE_KIND]: async (payload) => {
    const outcome = await sendQueuedCase(payload);
    // A case refused for good leaves a citizen with a receipt for nothing: the fleet page shows it.
    if (outcome === 'refused') noteError('queued-case-refused');
    return outcome;
  },
};

const send: OutboxSender = async (kind, _id, payload) => senders[kind]?.(payload) ?? 'refused';

let lastErrorCode: string | null = null;
/** Monotonic: the heartbeat interval is a duration, and the first beat is due at once. */
let lastHeartbeat = -Infinity;
let running = false;

export function noteError(code: string): void {
  lastErrorCode = code;
}

async function heartbeat(): Promise<void> {
  const result = await callHall('POST', '/terminals/heartbeat', {
    appVersion: __APP_VERSION__,
    devices: deviceStates.value,
    paper: deviceStates.value.printer === 'paper-out' ? 'out' : deviceStates.value.printer === 'paper-near-end' ? 'near-end' : 'unknown',
    outboxDepth: outboxDepth.value,
    lastErrorCode,
  });
  if (result.ok) lastHeartbeat = monotonic.now();
}

/** One round: send what waits in the outbox, keep number leases fresh, report in. */
export async function syncOnce(): Promise<void> {
  if (running || !(await deviceToken())) return;
  running = true;
  try {
    await refreshOutboxDepth();
    if (outboxDepth.value > 0) await drainOutbox(send);
    // The queue's categories are what this terminal must be able to issue offline.
    const queue = await loadQueue();
    // Leases end with their session, a wall time: the pinned clock (KIOSK_NOW), not the PC's.
    if (queue?.live) await refreshLeases(queue.categories.map((c) => c.code), clock.now());
    if (monotonic.now() - lastHeartbeat >= HEARTBEAT_INTERVAL_MS) await heartbeat();
  } finally {
    running = false;
  }
}

export function startSync(): void {
  window.addEventListener('online', () => void syncOnce());
  setInterval(() => void syncOnce(), SYNC_INTERVAL_MS);
  void syncOnce();
}
