import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { OUTBOX_PAGE_DIST } from './paths.ts';

const ENTRY = fileURLToPath(new URL('./outbox-page.ts', import.meta.url));
const FILE = 'outbox-page.js';

/**
 * Compiles outbox-page.ts, with the app's outbox, sender and IndexedDB modules it imports, into
 * one classic script for the kiosk page, with vite.config.ts's target; returns its source.
 * Classic, not a module: the page evaluates it over DevTools, so neither the service worker nor
 * the page's CSP has a say, and no request of the bench shows among the app's.
 */
export async function buildOutboxPage(): Promise<string> {
  await build({
    configFile: false,
    envDir: false,
    logLevel: 'warn',
    build: {
      outDir: OUTBOX_PAGE_DIST,
      emptyOutDir: true,
      target: 'chrome120',
      lib: { entry: ENTRY, formats: ['iife'], name: 'kioskBenchOutboxBundle', fileName: () => FILE },
    },
  });
  return readFileSync(join(OUTBOX_PAGE_DIST, FILE), 'utf8');
}
