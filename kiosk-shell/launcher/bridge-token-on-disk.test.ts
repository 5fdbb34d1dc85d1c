/**
 * Issue 13, finding 7: a local process read the bridge token from Chromium's profile (History,
 * Sessions, Top Sites…) and joined the bridge with it. The real launcher opens a page that runs
 * the PWA's own launch logic (src/platform/bridge-launch.ts, bundled by Vite), which joins a
 * stub bridge; the page loads and reloads; then every byte of the profile is searched.
 * Before the fix this found the token and the bridge URL in Default/History, Default/Sessions
 * and segmentation_platform/ukm_db.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';
import { BRIDGE_HANDOFF_GLOBAL } from '../../src/core/bridge-handoff.ts';
import type { ChromiumBrowser } from './chromium.ts';
import { startKioskBrowser } from './kiosk-browser.ts';
import type { Watchdog, WatchdogEvent } from './watchdog.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The whole kiosk browser, windows and all, on Chromium's display-less Ozone backend: unlike
 * --headless=new it keeps Sessions, as a terminal's Chromium does.
 */
const HEADLESS_ARGS = ['--ozone-platform=headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const HISTORY_COMMIT_WAIT_MS = 11_000;
const TOKEN = `bridge-token-${randomBytes(12).toString('hex')}`;

/** The PWA's launch logic as the kiosk runs it: read the launch, join the bridge, say ready; reload as the app does. */
const PAGE_ENTRY = `
import { bridgeLaunch, readBridgeLaunch, reloadKeepingBridge } from ${JSON.stringify(fileURLToPath(new URL('../../src/platform/bridge-launch.ts', import.meta.url)))};
readBridgeLaunch();
const launch = bridgeLaunch();
document.documentElement.dataset.bridge = launch ? 'launched' : 'none';
if (launch) {
  const socket = new WebSocket(launch.url);
  socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token: launch.token }));
}
window.reloadLikeTheApp = reloadKeepingBridge;
document.documentElement.dataset.ready = 'home';
`;

async function bundlePage(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [{
      name: 'launch-page',
      resolveId: (id) => (id === 'virtual:launch-page' ? '\0launch-page' : null),
      load: (id) => (id === '\0launch-page' ? PAGE_ENTRY : null),
    }],
    // In memory only: dist/ belongs to the PWA's own build.
    build: { write: false, emptyOutDir: false, copyPublicDir: false, minify: false, rolldownOptions: { input: 'virtual:launch-page' } },
  }) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunk = (Array.isArray(output) ? output[0]! : output).output.find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no bundle');
  return chunk.code;
}

interface Needle {
  what: string;
  bytes: Buffer;
}

/** The secret as UTF-8 and UTF-16 (session files keep page state in UTF-16), plain and URL-encoded. */
function needles(what: string, text: string): Needle[] {
  const forms = new Set([text, encodeURIComponent(text)]);
  return [...forms].flatMap((form) => [
    { what: `${what} (utf-8)`, bytes: Buffer.from(form, 'utf8') },
    { what: `${what} (utf-16)`, bytes: Buffer.from(form, 'utf16le') },
  ]);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every file of the profile, byte for byte: where each secret was found. */
async function secretsOnDisk(profileDir: string, secrets: Needle[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of await filesUnder(profileDir)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue;
    }
    for (const needle of secrets) if (bytes.includes(needle.bytes)) found.push(`${needle.what} in ${relative(profileDir, file)}`);
  }
  return found;
}

async function until<T>(find: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
}

describe(`the bridge token and the kiosk profile with real Chromium (${CHROMIUM})`, () => {
  let pageScript: string;
  let site: Server;
  let origin: string;
  let bridge: WebSocketServer;
  let bridgeUrl: string;
  const authTokens: string[] = [];
  let profileDir: string;
  let watchdog: Watchdog | null = null;

  beforeAll(async () => {
    pageScript = await bundlePage();
    site = createServer((request, response) => {
      if (request.url === '/page.js') {
        response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(pageScript);
      } else if (request.url === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
          .end('<!doctype html><html><head><meta charset="utf-8"><title>kiosk</title></head><body><script type="module" src="/page.js"></script></body></html>');
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolveListen) => site.listen(0, '127.0.0.1', resolveListen));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    bridge = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolveListen) => bridge.once('listening', resolveListen));
    bridgeUrl = `ws://127.0.0.1:${(bridge.address() as AddressInfo).port}`;
    bridge.on('connection', (socket) => socket.once('message', (data) => {
      const message = JSON.parse(String(data)) as { type?: string; token?: string };
      if (message.type === 'auth' && typeof message.token === 'string') authTokens.push(message.token);
    }));
    profileDir = await mkdtemp(join(tmpdir(), 'kiosk-profile-'));
  });

  afterAll(async () => {
    await watchdog?.stop();
    for (const client of bridge.clients) client.terminate();
    await new Promise((resolveClose) => bridge.close(resolveClose));
    site.closeAllConnections();
    await new Promise((resolveClose) => site.close(resolveClose));
    await rm(profileDir, { recursive: true, force: true });
  });

  it('hands the launch to the page, across a reload, and leaves neither the token nor the bridge URL in the profile', async () => {
    const events: WatchdogEvent[] = [];
    watchdog = startKioskBrowser({
      chromium: CHROMIUM,
      profileDir,
      url: `${origin}/`,
      bridgeLaunch: { url: bridgeUrl, token: TOKEN },
      extraArgs: HEADLESS_ARGS,
      timings: { readyPollMs: 100, readyTimeoutMs: 15_000 },
      killGraceMs: 5000,
    });
    watchdog.on((event) => events.push(event));
    await until(() => events.some((event) => event.type === 'ready'), 20_000, 'the kiosk page to be ready');
    const firstReadyAt = Date.now();
    await until(() => authTokens.length === 1, 10_000, 'the page to join the bridge');

    const browser = watchdog.browser as ChromiumBrowser;
    const evaluate = async (expression: string) =>
      ((await browser.sendToPage('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value?: unknown } }).result.value;
    // Between two documents the page has no context to evaluate in: ask again.
    const evaluateSoon = (expression: string) => evaluate(expression).catch(() => undefined);
    // Taken once: no script that runs after the PWA finds the launch.
    expect(await evaluate(`Object.getOwnPropertyNames(window).includes(${JSON.stringify(BRIDGE_HANDOFF_GLOBAL)})`)).toBe(false);
    expect(await evaluate('location.href')).toBe(`${origin}/`);

    // An update or the admin's button reloads the page the way the app does.
    await evaluate('window.reloadLikeTheApp()');
    await until(() => authTokens.length === 2, 15_000, 'the reloaded page to join the bridge again');
    expect(authTokens).toEqual([TOKEN, TOKEN]);
    expect(await evaluate('location.href')).toBe(`${origin}/`);

    // The same page on another origin (localhost, not 127.0.0.1) is handed nothing.
    const elsewhere = origin.replace('127.0.0.1', 'localhost');
    await browser.sendToPage('Page.navigate', { url: `${elsewhere}/` });
    await until(async () => (await evaluateSoon('document.documentElement.dataset.bridge')) === 'none', 10_000, 'the other origin to load');

    // Chromium commits History 10 s after a visit (kCommitIntervalSeconds in history_backend.cc).
    await new Promise((resolveWait) => setTimeout(resolveWait, HISTORY_COMMIT_WAIT_MS - (Date.now() - firstReadyAt)));
    await watchdog.stop();
    watchdog = null;
    const found = await secretsOnDisk(profileDir, [...needles('the token', TOKEN), ...needles('the bridge URL', bridgeUrl)]);
    expect(found).toEqual([]);
    expect(authTokens).toEqual([TOKEN, TOKEN]);

    // The shell's preferences held: Chromium kept them and saved no history at all.
    const preferences = JSON.parse(await readFile(join(profileDir, 'Default', 'Preferences'), 'utf8')) as { history?: { saving_disabled?: boolean } };
    expect(preferences.history?.saving_disabled).toBe(true);
    const historyFile = join(profileDir, 'Default', 'History');
    if (existsSync(historyFile)) {
      const history = new Database(historyFile, { readonly: true });
      expect(history.prepare('SELECT url FROM urls').all()).toEqual([]);
      history.close();
    }
  }, 60_000);
});
