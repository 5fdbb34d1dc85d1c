import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config.ts';
import { DEFAULT_WEB_ROOT, serve } from './serve.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PWA_SOURCES = ['src/app', 'src/platform', 'src/core', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/** `npm start` on a fresh clone: build the PWA when it is missing or older than its sources. */
function buildIfNeeded(): void {
  const built = join(DEFAULT_WEB_ROOT, 'index.html');
  const sourcesChanged =
    existsSync(built) && Math.max(...PWA_SOURCES.map((p) => newestMtime(join(ROOT, p)))) > statSync(built).mtimeMs;
  if (existsSync(built) && !sourcesChanged) return;
  console.log('Building the kiosk PWA…');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

buildIfNeeded();
serve().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration: ${error.message}` : error);
  process.exit(2);
});
