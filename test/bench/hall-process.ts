import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OutboxHallAnswer, OutboxHallCall, OutboxHallMeter, OutboxHallOrder, OutboxHallRequest } from './outbox-hall.ts';

const CHILD = fileURLToPath(new URL('./outbox-hall.ts', import.meta.url));
const STARTUP_MS = 60_000;

/** The hall server of outbox-hall.ts, running in its own process. */
export interface HallProcess {
  /** With a trailing slash: the kiosk's page. */
  url: string;
  enrollmentCode(terminalName: string): Promise<string>;
  meterStart(): Promise<void>;
  meterStop(): Promise<OutboxHallMeter>;
  /** Closes the hall (its database too) and waits for the process to end. */
  close(): Promise<void>;
}

type Pending = { resolve: (answer: Extract<OutboxHallAnswer, { kind: 'answer' }>) => void; reject: (error: Error) => void };

export function startHallProcess(order: OutboxHallOrder): Promise<HallProcess> {
  // fork() passes on tsx's loader (process.execArgv); the hall's stdout goes to our stderr.
  const child: ChildProcess = fork(CHILD, [], { stdio: ['ignore', 2, 'inherit', 'ipc'] });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  child.once('exit', (code) => failAll(new Error(`the outbox hall exited with code ${code}`)));
  const call = (request: OutboxHallCall) =>
    new Promise<Extract<OutboxHallAnswer, { kind: 'answer' }>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...request, id } satisfies OutboxHallRequest);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the outbox hall did not start within ${STARTUP_MS} ms`));
    }, STARTUP_MS);
    child.on('message', (answer: OutboxHallAnswer) => {
      if (answer.kind === 'ready') {
        clearTimeout(timer);
        resolve({
          url: answer.url,
          enrollmentCode: async (terminalName) => (await call({ kind: 'enroll', terminalName })).code!,
          meterStart: async () => void (await call({ kind: 'meter-start' })),
          meterStop: async () => (await call({ kind: 'meter-stop' })).meter!,
          close: async () => {
            if (child.exitCode === null && child.connected) await call({ kind: 'close' });
            // It exits once it has let go of the channel; should anything keep it alive, it is ours to end.
            const killer = setTimeout(() => child.kill(), 5000);
            await exited;
            clearTimeout(killer);
          },
        });
      } else if (answer.kind === 'answer') {
        pending.get(answer.id)?.resolve(answer);
        pending.delete(answer.id);
      } else if (answer.id === null) {
        clearTimeout(timer);
        reject(new Error(`the outbox hall failed to start: ${answer.error}`));
      } else {
        pending.get(answer.id)?.reject(new Error(answer.error));
        pending.delete(answer.id);
      }
    });
    child.once('error', reject);
    child.send(order);
  });
}
