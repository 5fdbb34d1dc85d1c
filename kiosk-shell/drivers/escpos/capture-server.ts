/**
 * A network receipt printer stand-in for tests and the e2e: a TCP server on 127.0.0.1 that
 * takes ESC/POS bytes like a printer's raw port 9100, answers DLE EOT with the status of a
 * condition the test sets, and decodes everything it received back into texts, QR payloads
 * and cuts. A printer that is not ready prints nothing, as a real one would.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { TranscriptEntry } from './decode.ts';
import { SimulatedPrinter } from './printer-sim.ts';
import type { PrinterCondition } from './status.ts';

export interface CaptureServer {
  readonly host: string;
  readonly port: number;
  /** `tcp:127.0.0.1:PORT`, the --printer option that reaches this server. */
  readonly target: string;
  setCondition(condition: PrinterCondition): void;
  /** Paper runs out (or the cover opens) while the next job prints: the status after it says so. */
  setConditionDuringNextJob(condition: PrinterCondition): void;
  /** false: status requests go unanswered, like a printer whose firmware hangs. */
  setAnswering(answering: boolean): void;
  /** Every byte that would have reached the paper (status requests included, as sent). */
  printed(): Uint8Array;
  /** What the paper shows: decoded entries without the status requests. */
  transcript(): TranscriptEntry[];
  text(): string;
  /** How many DLE EOT requests arrived, a test's view of "the driver asked". */
  readonly statusRequests: number;
  clear(): void;
  /** Closes open connections, like a printer power-cycled; the server keeps listening. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startCaptureServer(options: { port?: number; condition?: PrinterCondition } = {}): Promise<CaptureServer> {
  const host = '127.0.0.1';
  const printer = new SimulatedPrinter(options.condition);
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const feed = printer.stream();
    socket.on('data', (chunk: Buffer) => {
      const replies = feed(new Uint8Array(chunk));
      if (replies.length > 0) socket.write(replies);
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    host,
    port,
    target: `tcp:${host}:${port}`,
    setCondition: (next) => {
      printer.condition = next;
    },
    setConditionDuringNextJob: (next) => printer.setConditionDuringNextJob(next),
    setAnswering: (next) => {
      printer.answering = next;
    },
    printed: () => printer.printed(),
    transcript: () => printer.transcript(),
    text: () => printer.text(),
    get statusRequests() {
      return printer.statusRequests;
    },
    clear: () => printer.clear(),
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
