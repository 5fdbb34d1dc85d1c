import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestHall, type TestHall } from './hall-fixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A real hall-server process, as a second machine of a fleet would run it. */
function startServerProcess({ databaseUrl, webRoot, secretsFile }: TestHall): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn('node', ['--import', 'tsx', 'src/server/cli.ts', 'serve', '--port', '0'], {
    cwd: ROOT,
    // One device token stands for a hundred terminals here: its ticket limit is lifted.
    env: { ...process.env, DATABASE_URL: databaseUrl, KIOSK_WEB_ROOT: webRoot, KIOSK_SECRETS_FILE: secretsFile, KIOSK_NOW: '2026-11-24T10:00:00+08:00', KIOSK_TICKET_BURST: '10000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`hall server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: (JSON.parse(line) as { kiosk: string }).kiosk, process: child }));
  });
}

describe('a fleet of two hall-server processes on one PostgreSQL database', () => {
  let hall: TestHall;
  let servers: { url: string; process: ChildProcess }[] = [];

  beforeAll(async () => {
    hall = await openTestHall('postgres', { KIOSK_NOW: '2026-11-24T10:00:00+08:00' });
    servers = await Promise.all([startServerProcess(hall), startServerProcess(hall)]);
  });

  afterAll(async () => {
    for (const server of servers) server.process.kill();
    await hall?.dispose();
  });

  it('never hands out the same number twice', async () => {
    const token = await hall.enrollTerminal();
    await hall.ctx.db.updateTable('categories').set({ daily_quota: 100_000 }).where('code', '=', 'tax').execute();
    const take = (server: string) =>
      fetch(`${server}api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: randomUUID(), category: 'tax' }),
      }).then(async (response) => ((await response.json()) as { ticket: { number: string } }).ticket.number);
    const numbers = (
      await Promise.all(
        Array.from({ length: 100 }, async (_, client) => {
          const mine: string[] = [];
          for (let i = 0; i < 10; i++) mine.push(await take(servers[(client + i) % 2]!.url));
          return mine;
        }),
      )
    ).flat();
    expect(numbers).toHaveLength(1000);
    expect(new Set(numbers).size).toBe(1000);
  });
});
