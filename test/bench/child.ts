import { fork } from 'node:child_process';

/**
 * Runs a load generator (load-client.ts, paced-client.ts) as a child process to its end: it gets
 * its order over IPC and answers with one message, { report } or { error }. A process of its own,
 * so that it never takes the server's event loop; its exit code only matters if it never answered.
 */
export function runChild<Order, Report>(file: string, order: Order): Promise<Report> {
  return new Promise((resolve, reject) => {
    // fork() passes on tsx's loader (process.execArgv), so the child runs as TypeScript too.
    // Its stdout goes to our stderr: stdout carries only the result table.
    const child = fork(file, [], { stdio: ['ignore', 2, 'inherit', 'ipc'] });
    let answer: { report?: Report; error?: string } | null = null;
    child.once('message', (message) => {
      answer = message as typeof answer;
      // It disconnects and exits after answering; should anything keep it alive, it is ours to end.
      setTimeout(() => child.kill(), 5000).unref();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer?.report) resolve(answer.report);
      else reject(new Error(`${file}: ${answer?.error ?? `exited with code ${code} without a report`}`));
    });
    child.send(order as object);
  });
}

/**
 * The child's side: runs the order it is sent, answers, and lets go of the channel so it can exit.
 * Errors go back as text (with the stack): an Error does not survive IPC's serialization.
 */
export function serveOrder<Order, Report>(run: (order: Order) => Promise<Report>): void {
  process.once('message', (order: Order) => {
    run(order).then(
      (report) => process.send!({ report }, () => process.disconnect()),
      (error: unknown) => process.send!({ error: String(error instanceof Error ? error.stack : error) }, () => process.disconnect()),
    );
  });
}
