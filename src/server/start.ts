import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config.ts';
import { DEFAULT_WEB_ROOT, serve } from './serve.ts';
import { DEMO_STAFF } from './demo/seed.ts';
import { createEnrollment } from './services/terminals.ts';
import type { AddressInfo } from 'node:net';
import { kioskUrl, parseShellOptions, type ShellOptions } from '../../kiosk-shell/options.ts';
import { startShell, type Shell } from '../../kiosk-shell/shell.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PWA_SOURCES = ['src/app', 'src/pages', 'src/platform', 'src/core', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** `npm start` on a fresh clone: build the PWA when it is missing or older than its sources. */
function buildIfNeeded(): void {
  // The kiosk's page and, built after it, one of the hall's pages.
  const built = ['index.html', 'src/pages/staff/index.html'].map((page) => join(DEFAULT_WEB_ROOT, page));
  if (built.every((page) => existsSync(page))) {
    const builtAt = Math.min(...built.map((page) => statSync(page).mtimeMs));
    if (Math.max(...PWA_SOURCES.map((p) => newestMtime(join(ROOT, p)))) <= builtAt) return;
  }
  console.log('Building the kiosk PWA…');
  // As `npm run build`: the kiosk, then the hall's pages.
  for (const mode of ['production', 'pages']) {
    const result = spawnSync('npx', ['vite', 'build', '--mode', mode, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

/**
 * kiosk-shell on simulated devices beside the hall: the real drivers against a simulated card
 * reader on a pseudo-terminal, a virtual receipt printer that renders PNGs, and a folder for A4
 * copies. The admin screen of the kiosk inserts demo cards and shows the last receipt.
 */
async function startDemoShell(origin: string): Promise<Shell> {
  const parsed = parseShellOptions([
    '--server', origin,
    '--reader', 'sim',
    '--printer', `virtual:${join(ROOT, 'data', 'virtual-printer')}`,
    '--doc-printer', `pdf:${join(ROOT, 'data', 'copies')}`,
    '--no-browser',
  ]);
  if (!parsed.ok) throw new Error(parsed.error);
  const options: ShellOptions = parsed.options;
  try {
    return await startShell(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // Another shell holds the usual port: any free one will do, the URL carries it.
    return startShell({ ...options, bridgePort: 0 });
  }
}

/** The whole hall on one machine: demo data, a terminal enrolled through the kiosk URL. */
async function start(): Promise<void> {
  buildIfNeeded();
  const hall = await serve({ demo: true });
  const { code } = await createEnrollment(hall.ctx, 'demo-kiosk-01');
  const { port } = hall.app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const shell = await startDemoShell(base);
  const kiosk = kioskUrl(base, shell.bridgeUrl, shell.token).replace('/#', `/#enroll=${code}&`);
  console.log(`kiosk24 demo hall is running (SQLite: data/kiosk24.sqlite). Ctrl+C stops it.
  kiosk terminal   ${kiosk}
                   (simulated card reader, virtual printer: data/virtual-printer, A4 copies: data/copies)
  hall display     ${base}/display
  window staff     ${base}/staff     (${DEMO_STAFF[1]!.username} / ${DEMO_STAFF[1]!.password})
  administration   ${base}/admin     (${DEMO_STAFF[0]!.username} / ${DEMO_STAFF[0]!.password})
  kiosk admin PIN  246810 (hold the hall name for 3 seconds)`);
}

start().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration: ${error.message}` : error);
  process.exit(2);
});
