/**
 * A client that sends its headers and then trickles its body (or its headers) must not hold a
 * request of the hall server for ever: the server answers 408 or closes the connection. The
 * timeouts are shortened here so the test does not wait for the real ones.
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { openTestHall, type TestHall } from './hall-fixture.ts';

const SHORT = { requestMs: 400, headersMs: 300, idleSocketMs: 5000 };
const TRICKLE_INTERVAL_MS = 50;

/** Writes `head` and then one byte of `rest` at a time until the server ends the connection; answers what the server sent. */
function trickle(port: number, head: string, rest: string): Promise<{ received: string; bytesTrickled: number }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ received, bytesTrickled: sent });
    });
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        // The whole body never arrives: the client keeps its last byte back for ever.
        if (sent < rest.length - 1 && socket.writable) socket.write(rest[sent++]!);
      }, TRICKLE_INTERVAL_MS);
    });
  });
}

describe('slow clients', () => {
  let hall: TestHall;
  let server: FastifyInstance;
  afterEach(async () => {
    await server?.close();
    await hall?.dispose();
  });

  async function listen(): Promise<number> {
    hall = await openTestHall('sqlite');
    server = await buildServer({ ctx: hall.ctx, webRoot: hall.webRoot, timeouts: SHORT });
    await server.listen({ host: '127.0.0.1', port: 0 });
    return (server.server.address() as AddressInfo).port;
  }

  it('ends a request whose body trickles in, with 408 or a closed connection', async () => {
    const port = await listen();
    const token = await hall.enrollTerminal();
    const body = JSON.stringify({ clientId: crypto.randomUUID(), category: 'household', padding: 'x'.repeat(2000) });
    const head = `POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { received, bytesTrickled } = await trickle(port, head, body);
    expect(bytesTrickled).toBeLessThan(body.length - 1);
    if (received !== '') expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('ends a request whose headers trickle in', async () => {
    const port = await listen();
    const headers = `Host: 127.0.0.1\r\n${'X-Padding: slow\r\n'.repeat(200)}\r\n`;
    const { received, bytesTrickled } = await trickle(port, 'GET /api/v1/health HTTP/1.1\r\n', headers);
    expect(bytesTrickled).toBeLessThan(headers.length - 1);
    if (received !== '') expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('serves a client that sends its request at an ordinary pace', async () => {
    const port = await listen();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(response.status).toBe(200);
  });
});
