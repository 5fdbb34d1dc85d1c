import { deviceStates } from './bridge-launch.ts';
import { CASE_KIND, sendQueuedCases } from './cases.ts';
import { clock, monotonic } from './clock.ts';
import { EVALUATION_KIND, sendQueuedEvaluation } from './evaluations.ts';
import { deviceToken, callHall } from './hall-api.ts';
import { refreshLeases } from './leases.ts';
import { drainOutbox, outboxDepth, refreshOutboxDepth, type OutboxSender } from './outbox.ts';
import { probeHall } from './network.ts';
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
};

const send: OutboxSender = async (kind, _id, payload) => senders[kind]?.(payload) ?? 'refused';

/** Cases queue up by the hundred in an outage: they go back in batches. */
const batchSenders = {
  [CASE_KIND]: async (entries: { id: string; payload: unknown }[]) => {
    const outcomes = await sendQueuedCases(entries);
    // A case refused for good leaves a citizen with a receipt for nothing: the fleet page shows it.
    if (outcomes && [...outcomes.values()].includes('refused')) noteError('queued-case-refused');
    return outcomes;
  },
};

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
  // Taken before any await: two rounds draining at once would send entries twice.
  if (running) return;
  running = true;
  try {
    if (!(await deviceToken())) return;
    await refreshOutboxDepth();
    if (outboxDepth.value > 0) await drainOutbox(send, { batchSenders });
    // The queue's categories are what this terminal must be able to issue offline.
    const queue = await loadQueue();
    // Leases end with their session, a wall time: the pinned clock (KIOSK_NOW), not the PC's.
    if (queue?.live) await refreshLeases(queue.categories.map((c) => c.code), clock.now());
    if (monotonic.now() - lastHeartbeat >= HEARTBEAT_INTERVAL_MS) await heartbeat();
  } finally {
    running = false;
  }
}

/**
 * While writes wait, the hall is asked often whether it is back; when it answers, the whole
 * outbox goes at once, whatever the backoff its entries collected during the outage. A short
 * random delay spreads a hall's terminals that all come back at the same moment.
 */
const OUTBOX_PROBE_INTERVAL_MS = 3000;
const RECONNECT_SPREAD_MS = 1000;

/** Whether the hall answered the last probe: the drain after an outage starts when this turns true. */
let hallReachable = true;

async function drainWhenBack(): Promise<void> {
  if (running || outboxDepth.peek() === 0) return;
  running = true;
  try {
    if (!(await deviceToken())) return;
    const wasDown = !hallReachable;
    hallReachable = await probeHall();
    // Only a return after an outage: entries that a reachable server asked to retry keep their backoff.
    if (!hallReachable || !wasDown) return;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * RECONNECT_SPREAD_MS));
    await drainOutbox(send, { batchSenders, serverBack: true });
  } finally {
    running = false;
  }
}

export function startSync(): void {
  window.addEventListener('online', () => void syncOnce());
  setInterval(() => void syncOnce(), SYNC_INTERVAL_MS);
  setInterval(() => void drainWhenBack(), OUTBOX_PROBE_INTERVAL_MS);
  void syncOnce();
}
