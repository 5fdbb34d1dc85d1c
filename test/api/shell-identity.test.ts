/**
 * kiosk-shell's device identity against a real hall server: enrollment through the bridge, the
 * key file's permissions, sessions handed to the app in memory, card assertions for a card the
 * shell's own reader read (on the simulator's pseudo-terminal), and the hall's clock.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ShellMessage } from '../../src/core/bridge-messages.ts';
import { parseShellOptions } from '../../kiosk-shell/options.ts';
import { startShell, type Shell } from '../../kiosk-shell/shell.ts';
import { createEnrollment } from '../../src/server/services/terminals.ts';
import { openTestHall, type TestHall } from './hall-fixture.ts';

const NOW = '2026-11-24T10:00:00+08:00';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function listeningHall(): Promise<{ hall: TestHall; origin: string }> {
  const hall = await openTestHall('sqlite', { KIOSK_NOW: NOW });
  cleanups.push(() => hall.dispose());
  const address = await hall.app.listen({ host: '127.0.0.1', port: 0 });
  return { hall, origin: address };
}

async function shellFor(origin: string, stateDir: string, env: NodeJS.ProcessEnv = {}): Promise<Shell> {
  const parsed = parseShellOptions(['--origin', origin, '--bridge-port', '0', '--reader', 'sim', '--no-browser', '--state-dir', stateDir]);
  if (!parsed.ok) throw new Error(parsed.error);
  const shell = await startShell(parsed.options, { env, readerPollMs: 50 });
  cleanups.push(() => shell.stop());
  return shell;
}

async function app(shell: Shell, origin: string) {
  const ws = new WebSocket(shell.bridgeUrl, { origin });
  const messages: ShellMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as ShellMessage));
  cleanups.push(() => ws.terminate());
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'auth', token: shell.token }));
  const next = async <T extends ShellMessage['type']>(type: T, after = 0): Promise<Extract<ShellMessage, { type: T }>> => {
    await until(() => messages.slice(after).some((message) => message.type === type));
    return messages.slice(after).find((message) => message.type === type) as Extract<ShellMessage, { type: T }>;
  };
  await next('hello');
  return { ws, messages, next, send: (message: object) => ws.send(JSON.stringify(message)) };
}

function stateDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kiosk24-shell-')), 'state');
  cleanups.push(() => rmSync(join(dir, '..'), { recursive: true, force: true }));
  return dir;
}

describe('kiosk-shell’s device identity with a hall server', () => {
  it('enrolls its own key through the bridge, keeps it for its user alone, and gives the app a session in memory', async () => {
    const { hall, origin } = await listeningHall();
    const dir = stateDir();
    const shell = await shellFor(origin, dir);
    const page = await app(shell, origin);
    expect(page.messages[0]).toMatchObject({ type: 'hello', terminal: null });
    expect(await page.next('session.none')).toEqual({ type: 'session.none', reason: 'not-enrolled' });

    const { code, terminalId } = await createEnrollment(hall.ctx, '一楼大厅 1号机');
    page.send({ type: 'enroll', requestId: 'enroll-1', code });
    const done = await page.next('enroll.done');
    expect(done).toEqual({ type: 'enroll.done', requestId: 'enroll-1', terminal: { id: terminalId, name: '一楼大厅 1号机' } });
    const session = await page.next('session');
    // The session came first: by the time the page hears "enrolled", it can call the hall.
    expect(page.messages.indexOf(session)).toBeLessThan(page.messages.indexOf(done));
    const ticket = await fetch(`${origin}/api/v1/tickets`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ clientId: randomUUID(), category: 'tax' }) });
    expect(ticket.status).toBe(200);

    // The private key is on disk for the shell's user only, and the hall holds just its public half.
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'device-key.json')).mode & 0o777).toBe(0o600);
    const privateJwk = JSON.parse(readFileSync(join(dir, 'device-key.json'), 'utf8')) as { d: string };
    const stored = await hall.ctx.db.selectFrom('terminals').select(['device_key', 'token_hash']).where('id', '=', terminalId).executeTakeFirstOrThrow();
    expect(stored.device_key).not.toContain(privateJwk.d);
    expect(stored.token_hash).toBeNull();
    const enrollment = JSON.parse(readFileSync(join(dir, 'terminal.json'), 'utf8'));
    expect(enrollment).toMatchObject({ terminalId, name: '一楼大厅 1号机', server: origin });
    expect(JSON.stringify(enrollment)).not.toContain(session.token);

    // A restarted shell renews its session with the key alone.
    await shell.stop();
    const again = await shellFor(origin, dir);
    const reloaded = await app(again, origin);
    expect(reloaded.messages[0]).toMatchObject({ type: 'hello', terminal: { id: terminalId } });
    const renewed = await reloaded.next('session');
    expect(renewed.token).not.toBe(session.token);
  });

  it('signs a card its reader read, while the card is on the reader, and the hall opens that holder’s certificates with it', async () => {
    const { hall, origin } = await listeningHall();
    const shell = await shellFor(origin, stateDir());
    const page = await app(shell, origin);
    page.send({ type: 'enroll', requestId: 'e', code: (await createEnrollment(hall.ctx, 'kiosk-2')).code });
    await page.next('enroll.done');
    const { token } = await page.next('session');

    const before = page.messages.length;
    shell.simulator!.insert('elder');
    const card = await page.next('card', before);
    expect(card.assertion).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const consent = (assertion: string) =>
      fetch(`${origin}/api/v1/certificates/consents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: randomUUID(), identity: { kind: 'card', idNumber: card.card.idNumber, name: card.card.name, assertion }, purpose: { kind: 'own-view' } }),
      });
    expect((await consent(card.assertion!)).status).toBe(200);
    page.send({ type: 'card.assert', requestId: 'a-1' });
    const fresh = await page.next('card.assertion', before);
    expect(fresh.assertion).not.toBe(card.assertion);
    expect((await consent(fresh.assertion)).status).toBe(200);

    const removedAt = page.messages.length;
    shell.simulator!.remove();
    await page.next('card.removed', removedAt);
    page.send({ type: 'card.assert', requestId: 'a-2' });
    expect(await page.next('card.assertion.failed', removedAt)).toEqual({ type: 'card.assertion.failed', requestId: 'a-2', reason: 'no-card' });
  });

  it('dates its assertions by the hall’s clock when the terminal PC’s clock is off', async () => {
    const { hall, origin } = await listeningHall();
    // The PC thinks it is ten minutes earlier than the hall does.
    const shell = await shellFor(origin, stateDir(), { KIOSK_NOW: '2026-11-24T09:50:00+08:00' });
    const page = await app(shell, origin);
    page.send({ type: 'enroll', requestId: 'e', code: (await createEnrollment(hall.ctx, 'kiosk-3')).code });
    await page.next('enroll.done');
    const { token } = await page.next('session');
    const before = page.messages.length;
    shell.simulator!.insert('citizen');
    const card = await page.next('card', before);
    const consent = await fetch(`${origin}/api/v1/certificates/consents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: randomUUID(), identity: { kind: 'card', idNumber: card.card.idNumber, name: card.card.name, assertion: card.assertion }, purpose: { kind: 'own-view' } }),
    });
    expect(consent.status, await consent.clone().text()).toBe(200);
  });

  it('keeps its enrollment when a second one fails, and says why', async () => {
    const { hall, origin } = await listeningHall();
    const dir = stateDir();
    const shell = await shellFor(origin, dir);
    const page = await app(shell, origin);
    page.send({ type: 'enroll', requestId: 'e-1', code: (await createEnrollment(hall.ctx, 'kiosk-4')).code });
    const { terminal } = await page.next('enroll.done');
    const key = readFileSync(join(dir, 'device-key.json'), 'utf8');
    page.send({ type: 'enroll', requestId: 'e-2', code: 'ZZZZ-ZZZZ' });
    expect(await page.next('enroll.failed')).toEqual({ type: 'enroll.failed', requestId: 'e-2', reason: 'code-invalid' });
    expect(readFileSync(join(dir, 'device-key.json'), 'utf8')).toBe(key);
    expect(shell.identity.terminal).toEqual(terminal);
  });
});
