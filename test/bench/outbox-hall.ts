/**
 * The hall server of the outbox drain (outbox-drain.ts), in a process of its own as on a hall PC:
 * in the bench's process it would share its event loop with Playwright, which handles DevTools
 * events for every request the page makes, and the hall's share of the drain would be overstated.
 * Started by startOutboxHall(); answers the bench's requests over IPC.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readHallConfig } from '../../src/server/config.ts';
import { openHall } from '../../src/server/hall.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';

export interface OutboxHallOrder {
  databaseUrl: string;
  webRoot: string;
  /** KIOSK_NOW. */
  now: string;
  /** The route whose answers are timed and whose CPU is metered, e.g. POST /api/v1/cases. */
  timed: { method: string; path: string };
}

export type OutboxHallCall = { kind: 'enroll'; terminalName: string } | { kind: 'meter-start' } | { kind: 'meter-stop' } | { kind: 'close' };
export type OutboxHallRequest = OutboxHallCall & { id: number };

/** From arrival to the last byte sent, of each timed request answered since meter-start; the process's CPU meanwhile. */
export interface OutboxHallMeter {
  durationsMs: number[];
  cpuUs: number;
}

export type OutboxHallAnswer =
  | { kind: 'ready'; url: string }
  | { kind: 'answer'; id: number; code?: string; meter?: OutboxHallMeter }
  | { kind: 'failed'; id: number | null; error: string };

const send = (answer: OutboxHallAnswer) => process.send!(answer);

async function run(order: OutboxHallOrder): Promise<void> {
  const hall = await openHall({ config: readHallConfig({ PORT: '0', KIOSK_NOW: order.now }), webRoot: order.webRoot, databaseUrl: order.databaseUrl, demo: true });
  let durationsMs: number[] = [];
  let cpuAtStart = process.cpuUsage();
  hall.app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== order.timed.method || request.url !== order.timed.path) return;
    const arrivedAt = performance.now();
    response.once('finish', () => durationsMs.push(performance.now() - arrivedAt));
  });
  const address = await hall.app.listen({ host: '127.0.0.1', port: 0 });
  process.on('message', (request: OutboxHallRequest) => {
    void (async () => {
      try {
        if (request.kind === 'enroll') send({ kind: 'answer', id: request.id, code: (await createEnrollment(hall.ctx, request.terminalName)).code });
        else if (request.kind === 'meter-start') {
          durationsMs = [];
          cpuAtStart = process.cpuUsage();
          send({ kind: 'answer', id: request.id });
        } else if (request.kind === 'meter-stop') {
          const cpu = process.cpuUsage(cpuAtStart);
          send({ kind: 'answer', id: request.id, meter: { durationsMs, cpuUs: cpu.user + cpu.system } });
        } else {
          await hall.close();
          process.send!({ kind: 'answer', id: request.id } satisfies OutboxHallAnswer, () => process.disconnect());
        }
      } catch (error) {
        send({ kind: 'failed', id: request.id, error: String(error instanceof Error ? error.stack : error) });
      }
    })();
  });
  send({ kind: 'ready', url: `${address}/` });
}

process.once('message', (order: OutboxHallOrder) => {
  run(order).catch((error: unknown) => {
    send({ kind: 'failed', id: null, error: String(error instanceof Error ? error.stack : error) });
    process.disconnect();
  });
});
