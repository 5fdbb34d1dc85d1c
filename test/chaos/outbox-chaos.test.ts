/**
 * Chaos: the hall server is killed (SIGKILL, no chance to finish anything) at a random moment
 * while a terminal's outbox of 200 cases drains, then started again on the same SQLite file; 20
 * rounds. The terminal side is the real outbox (src/platform/outbox.ts, encrypted IndexedDB)
 * with the real sender; afterwards every case is on the server exactly once: none lost, none doubled.
 */
import 'fake-indexeddb/auto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSubmission } from '../../src/core/cases.ts';
import { drainOutbox, enqueue, refreshOutboxDepth, type SendOutcome } from '../../src/platform/outbox.ts';
import { readHallConfig } from '../../src/server/config.ts';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { openHall } from '../../src/server/hall.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';
import { fakeWebRoot } from '../api/hall-fixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = '2026-11-24T10:00:00+08:00';
const ROUNDS = 20;
const ENTRIES = 200;

interface Server {
  url: string;
  process: ChildProcess;
}

function startServer(databaseUrl: string, webRoot: string, secretsFile: string): Promise<Server> {
  const child = spawn('node', ['--import', 'tsx', 'src/server/cli.ts', 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, KIOSK_WEB_ROOT: webRoot, KIOSK_NOW: NOW, KIOSK_SECRETS_FILE: secretsFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`hall server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: (JSON.parse(line) as { kiosk: string }).kiosk, process: child }));
  });
}

const killed = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGKILL'))));

/** A case the demo hall accepts from a terminal: the social-insurance certificate, decided at once by its rule. */
function submission(clientId: string): CaseSubmission {
  const person = DEMO_PEOPLE.citizen;
  return {
    clientId,
    itemCode: 'social-insurance-payment-certificate',
    applicant: { kind: 'person', id: person.idNumber, name: person.name, method: 'card' },
    materials: [{ name: '居民身份证或社会保障卡', provision: 'e-certificate' }],
    formValues: { period: '12', use: 'loan' },
    commitment: null,
    submittedAt: new Date(Date.parse(NOW)).toISOString(),
  };
}

describe('the outbox drains exactly once while the hall server is killed at random moments', () => {
  let dir: string;
  let databaseUrl: string;
  let webRoot: string;
  let token: string;
  let server: Server | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk24-chaos-'));
    databaseUrl = `sqlite:${join(dir, 'hall.sqlite')}`;
    webRoot = fakeWebRoot();
    // The hall's secrets beside its database, never the repository's data/.
    const hall = await openHall({ config: readHallConfig({ PORT: '0', KIOSK_NOW: NOW, KIOSK_SECRETS_FILE: join(dir, 'secrets.json') }), webRoot, databaseUrl, demo: true });
    const { code } = await createEnrollment(hall.ctx, 'chaos-terminal');
    const response = await hall.app.inject({ method: 'POST', url: '/api/v1/terminals/enroll', payload: { code } });
    token = (response.json() as { token: string }).token;
    await hall.close();
  });

  afterAll(async () => {
    if (server) await killed(server.process);
    rmSync(dir, { recursive: true, force: true });
    rmSync(webRoot, { recursive: true, force: true });
  });

  const send = async (_kind: string, _id: string, payload: unknown): Promise<SendOutcome> => {
    if (!server) return 'retry';
    try {
      const response = await fetch(`${server.url}api/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(5000),
      });
      if (response.ok) return 'done';
      return response.status >= 500 ? 'retry' : 'refused';
    } catch {
      return 'retry';
    }
  };

  it(`stores each of ${ENTRIES} cases exactly once in each of ${ROUNDS} rounds`, { timeout: 600_000 }, async () => {
    const allIds: string[] = [];
    /** Rounds whose kill landed mid-drain: some cases acknowledged before it, some after. */
    let interrupted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const ids = Array.from({ length: ENTRIES }, () => crypto.randomUUID());
      allIds.push(...ids);
      for (const id of ids) await enqueue('case', id, submission(id));
      server = await startServer(databaseUrl, webRoot, join(dir, 'secrets.json'));
      const victim = server;
      const killAt = 20 + Math.random() * 600;
      let acknowledged = 0;
      let acknowledgedAtKill = -1;
      const killing = new Promise<void>((resolve) =>
        setTimeout(() => {
          server = null;
          acknowledgedAtKill = acknowledged;
          void killed(victim.process).then(resolve);
        }, killAt),
      );
      // Drain until the outbox is empty: while the server is down every send is a retry, and a
      // new server comes up once the old one is dead.
      let refused = 0;
      while ((await refreshOutboxDepth()) > 0) {
        const before = await refreshOutboxDepth();
        await drainOutbox(async (kind, id, payload) => {
          const outcome = await send(kind, id, payload);
          if (outcome === 'refused') refused++;
          if (outcome === 'done') acknowledged++;
          return outcome;
        }, Number.POSITIVE_INFINITY);
        if ((await refreshOutboxDepth()) === before && !server) {
          await killing;
          server = await startServer(databaseUrl, webRoot, join(dir, 'secrets.json'));
        }
      }
      expect(refused, `round ${round}`).toBe(0);
      await killing;
      if (acknowledgedAtKill > 0 && acknowledgedAtKill < ENTRIES) interrupted++;
      if (server) await killed(server.process);
      server = null;
    }
    const database = new SQLite(databaseUrl.slice('sqlite:'.length), { readonly: true });
    const rows = database.prepare(`SELECT client_id, count(*) AS n FROM cases WHERE client_id IN (SELECT value FROM json_each(?)) GROUP BY client_id`).all(JSON.stringify(allIds)) as { client_id: string; n: number }[];
    const numbers = database.prepare('SELECT count(DISTINCT case_number) AS distinctNumbers, count(*) AS total FROM cases').get() as { distinctNumbers: number; total: number };
    database.close();
    // The kill must have hit drains under way, not only idle moments before or after them.
    expect(interrupted).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(rows).toHaveLength(ROUNDS * ENTRIES);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    expect(numbers.distinctNumbers).toBe(numbers.total);
  });
});
